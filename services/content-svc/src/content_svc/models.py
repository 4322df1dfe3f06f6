"""Every model of content-svc, imported so Alembic sees one metadata."""

from content_svc.channels.models import Channel
from servicekit.models import Base

metadata = Base.metadata

__all__ = ["Channel", "metadata"]
