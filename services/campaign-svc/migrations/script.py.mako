"""${message}

Revision ID: ${up_revision}
Revises: ${down_revision | comma,n}
Create Date: ${create_date}
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
${imports if imports else ""}
revision: str = ${repr(up_revision)}
down_revision: str | None = ${repr(down_revision)}
branch_labels: str | Sequence[str] | None = ${repr(branch_labels)}
depends_on: str | Sequence[str] | None = ${repr(depends_on)}
# True only when this revision just adds (a table, a nullable column, an index; or swaps an
# index for another the same queries use) so the code of
# the revision before it keeps working on the new schema: that code's replicas then stay ready
# through a rolling upgrade (servicekit.migrations; "Upgrades" in ARCHITECTURE.md).
keeps_previous_code_working = False


def upgrade() -> None:
    ${upgrades if upgrades else "pass"}


def downgrade() -> None:
    ${downgrades if downgrades else "pass"}
