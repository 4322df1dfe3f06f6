"""community-svc's jobs (``servicekit.jobs``): long work that answers ``202`` and runs in the
background of the service's process — a member import from a CSV file. Ids are
``community-<uuid>``; the kinds live with their domain (``members/jobs.py``) and are handed to
the app in ``main.py``."""

from community_svc.base import Base
from servicekit.jobs import JobMixin, JobResultPartMixin
from servicekit.jobs import JobRepository as KitJobRepository


class Job(JobMixin, Base):
    """One piece of long work of a workspace, its progress and its answer."""

    id_prefix = "community"


class JobResultPart(JobResultPartMixin, Base):
    """A part of the file a job writes, in order (no community job writes one yet)."""


class JobRepository(KitJobRepository[Job]):
    model = Job
    part_model = JobResultPart
