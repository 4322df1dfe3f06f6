"""create post_revision and post_comment

Revision ID: c0a4_revisions
Revises: c0a3_post
Create Date: 2026-11-22 10:30:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "c0a4_revisions"
down_revision: str | None = "c0a3_post"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "post_comment",
        sa.Column("post_id", sa.Uuid(), nullable=False),
        sa.Column("revision_number", sa.Integer(), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("author_id", sa.String(length=128), nullable=True),
        sa.Column("transition_to", sa.String(length=20), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("workspace_id", sa.String(length=64), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["post_id"], ["post.id"], name=op.f("fk_post_comment_post_id_post"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_post_comment")),
    )
    op.create_index(
        op.f("ix_post_comment_created_at"), "post_comment", ["created_at"], unique=False
    )
    op.create_index(op.f("ix_post_comment_post_id"), "post_comment", ["post_id"], unique=False)
    op.create_index(
        op.f("ix_post_comment_workspace_id"), "post_comment", ["workspace_id"], unique=False
    )
    op.create_table(
        "post_revision",
        sa.Column("post_id", sa.Uuid(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("tags", postgresql.ARRAY(sa.String(length=50)), nullable=False),
        sa.Column("media", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("author_id", sa.String(length=128), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("workspace_id", sa.String(length=64), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["post_id"], ["post.id"], name=op.f("fk_post_revision_post_id_post"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_post_revision")),
        sa.UniqueConstraint("post_id", "number", name=op.f("uq_post_revision_post_id_number")),
    )
    op.create_index(
        op.f("ix_post_revision_created_at"), "post_revision", ["created_at"], unique=False
    )
    op.create_index(
        op.f("ix_post_revision_workspace_id"), "post_revision", ["workspace_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_post_revision_workspace_id"), table_name="post_revision")
    op.drop_index(op.f("ix_post_revision_created_at"), table_name="post_revision")
    op.drop_table("post_revision")
    op.drop_index(op.f("ix_post_comment_workspace_id"), table_name="post_comment")
    op.drop_index(op.f("ix_post_comment_post_id"), table_name="post_comment")
    op.drop_index(op.f("ix_post_comment_created_at"), table_name="post_comment")
    op.drop_table("post_comment")
