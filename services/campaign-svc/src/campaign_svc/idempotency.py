"""campaign-svc's ``Idempotency-Key`` table and dependency (claim, redeem, rollback, capture)."""

from typing import Annotated

from fastapi import Depends

from campaign_svc.base import Base
from servicekit.idempotency import Idempotency, IdempotencyKeyMixin, idempotency_dependency


class IdempotencyKey(IdempotencyKeyMixin, Base):
    """Answers of idempotent POSTs, kept 24 h (``servicekit.idempotency``)."""

    __tablename__ = "idempotency_key"


IdempotencyDep = Annotated[Idempotency, Depends(idempotency_dependency(IdempotencyKey))]
