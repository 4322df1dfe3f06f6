"""campaign-svc's ``Idempotency-Key`` table: every POST of the service accepts the header
(``servicekit.door`` and ``servicekit.idempotency``); the answers are kept here 24 h."""

from campaign_svc.base import Base
from servicekit.idempotency import IdempotencyKeyMixin


class IdempotencyKey(IdempotencyKeyMixin, Base):
    """One POST's answer per workspace and key, replayed to a retry with the same key."""

    __tablename__ = "idempotency_key"
