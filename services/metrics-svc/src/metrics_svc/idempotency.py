"""metrics-svc's ``Idempotency-Key`` table and dependency (event ingestion)."""

from typing import Annotated

from fastapi import Depends

from metrics_svc.base import Base
from servicekit.idempotency import Idempotency, IdempotencyKeyMixin, idempotency_dependency


class IdempotencyKey(IdempotencyKeyMixin, Base):
    """Answers of ``POST /v1/events`` sent with an Idempotency-Key, kept 24 h."""

    __tablename__ = "idempotency_key"


IdempotencyDep = Annotated[Idempotency, Depends(idempotency_dependency(IdempotencyKey))]
