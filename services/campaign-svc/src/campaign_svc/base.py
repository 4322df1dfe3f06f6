from sqlalchemy.orm import DeclarativeBase

from servicekit.models import service_metadata


class Base(DeclarativeBase):
    """Declarative base of campaign-svc's models: one metadata, this service's alone."""

    metadata = service_metadata()
