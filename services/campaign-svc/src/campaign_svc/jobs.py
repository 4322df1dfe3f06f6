"""campaign-svc's jobs (``servicekit.jobs``): long work that answers ``202`` and runs in the
background of the service's process — a batch's codes beyond the synchronous cap, a batch's
codes exported as CSV. Ids are ``campaign-<uuid>``; the kinds live with their domain
(``coupons/jobs.py``) and are handed to the app in ``main.py``."""

from campaign_svc.base import Base
from servicekit.jobs import JobMixin, JobResultPartMixin
from servicekit.jobs import JobRepository as KitJobRepository


class Job(JobMixin, Base):
    """One piece of long work of a workspace, its progress and its answer."""

    id_prefix = "campaign"


class JobResultPart(JobResultPartMixin, Base):
    """A part of the file a job writes (an export), in order."""


class JobRepository(KitJobRepository[Job]):
    model = Job
    part_model = JobResultPart
