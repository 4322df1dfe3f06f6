"""the engagement inbox: threads, inbound messages, replies, canned replies, channel SLAs

Revision ID: c0a9_inbox
Revises: c0a8_tracking_code
Create Date: 2026-12-04 17:20:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "c0a9_inbox"
down_revision: str | None = "c0a8_tracking_code"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "canned_reply",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("tags", postgresql.ARRAY(sa.String(length=50)), nullable=False),
        sa.Column("created_by", sa.String(length=128), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
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
        sa.PrimaryKeyConstraint("id", name=op.f("pk_canned_reply")),
        sa.UniqueConstraint("workspace_id", "name", name=op.f("uq_canned_reply_workspace_id_name")),
    )
    op.create_index(
        op.f("ix_canned_reply_created_at"), "canned_reply", ["created_at"], unique=False
    )
    op.create_index(
        op.f("ix_canned_reply_workspace_id"), "canned_reply", ["workspace_id"], unique=False
    )
    op.create_table(
        "canned_reply_version",
        sa.Column("canned_reply_id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("tags", postgresql.ARRAY(sa.String(length=50)), nullable=False),
        sa.Column("created_by", sa.String(length=128), nullable=True),
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
            ["canned_reply_id"],
            ["canned_reply.id"],
            name=op.f("fk_canned_reply_version_canned_reply_id_canned_reply"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_canned_reply_version")),
        sa.UniqueConstraint(
            "canned_reply_id",
            "version",
            name=op.f("uq_canned_reply_version_canned_reply_id_version"),
        ),
    )
    op.create_index(
        op.f("ix_canned_reply_version_created_at"),
        "canned_reply_version",
        ["created_at"],
        unique=False,
    )
    op.create_index(
        op.f("ix_canned_reply_version_workspace_id"),
        "canned_reply_version",
        ["workspace_id"],
        unique=False,
    )
    op.create_table(
        "inbox_channel_setting",
        sa.Column("channel_id", sa.Uuid(), nullable=False),
        sa.Column("reply_sla_minutes", sa.Integer(), nullable=False),
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
        sa.CheckConstraint(
            "reply_sla_minutes BETWEEN 1 AND 43200",
            name=op.f("ck_inbox_channel_setting_reply_sla_range"),
        ),
        sa.ForeignKeyConstraint(
            ["channel_id"],
            ["channel.id"],
            name=op.f("fk_inbox_channel_setting_channel_id_channel"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inbox_channel_setting")),
        sa.UniqueConstraint(
            "workspace_id",
            "channel_id",
            name=op.f("uq_inbox_channel_setting_workspace_id_channel_id"),
        ),
    )
    op.create_index(
        op.f("ix_inbox_channel_setting_created_at"),
        "inbox_channel_setting",
        ["created_at"],
        unique=False,
    )
    op.create_index(
        op.f("ix_inbox_channel_setting_workspace_id"),
        "inbox_channel_setting",
        ["workspace_id"],
        unique=False,
    )
    op.create_table(
        "inbox_thread",
        sa.Column("channel_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("external_thread_id", sa.String(length=200), nullable=False),
        sa.Column("publication_id", sa.Uuid(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("assignee_id", sa.String(length=128), nullable=True),
        sa.Column("tags", postgresql.ARRAY(sa.String(length=50)), nullable=False),
        sa.Column("last_author_id", sa.String(length=128), nullable=False),
        sa.Column("last_author_name", sa.String(length=200), nullable=True),
        sa.Column("last_message_preview", sa.String(length=200), nullable=False),
        sa.Column("last_message_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_reply_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("message_count", sa.Integer(), nullable=False),
        sa.Column("reply_count", sa.Integer(), nullable=False),
        sa.Column("awaiting_since", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reply_due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
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
        sa.CheckConstraint(
            "kind IN ('comment', 'message')", name=op.f("ck_inbox_thread_kind_known")
        ),
        sa.CheckConstraint(
            "status IN ('open', 'answered', 'closed')", name=op.f("ck_inbox_thread_status_known")
        ),
        sa.ForeignKeyConstraint(
            ["channel_id"], ["channel.id"], name=op.f("fk_inbox_thread_channel_id_channel")
        ),
        sa.ForeignKeyConstraint(
            ["publication_id"],
            ["publication.id"],
            name=op.f("fk_inbox_thread_publication_id_publication"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inbox_thread")),
        sa.UniqueConstraint(
            "workspace_id",
            "channel_id",
            "kind",
            "external_thread_id",
            name=op.f("uq_inbox_thread_workspace_id_channel_id_kind_external_thread_id"),
        ),
    )
    op.create_index(
        op.f("ix_inbox_thread_assignee_id"), "inbox_thread", ["assignee_id"], unique=False
    )
    op.create_index(
        op.f("ix_inbox_thread_channel_id"), "inbox_thread", ["channel_id"], unique=False
    )
    op.create_index(
        op.f("ix_inbox_thread_created_at"), "inbox_thread", ["created_at"], unique=False
    )
    op.create_index(
        op.f("ix_inbox_thread_publication_id"), "inbox_thread", ["publication_id"], unique=False
    )
    op.create_index(
        op.f("ix_inbox_thread_workspace_id"), "inbox_thread", ["workspace_id"], unique=False
    )
    op.create_index(
        op.f("ix_inbox_thread_workspace_id_status_reply_due_at"),
        "inbox_thread",
        ["workspace_id", "status", "reply_due_at"],
        unique=False,
    )
    op.create_table(
        "inbox_message",
        sa.Column("thread_id", sa.Uuid(), nullable=False),
        sa.Column("channel_id", sa.Uuid(), nullable=False),
        sa.Column("external_message_id", sa.String(length=200), nullable=False),
        sa.Column("author_id", sa.String(length=128), nullable=False),
        sa.Column("author_name", sa.String(length=200), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("publication_id", sa.Uuid(), nullable=True),
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
            ["channel_id"], ["channel.id"], name=op.f("fk_inbox_message_channel_id_channel")
        ),
        sa.ForeignKeyConstraint(
            ["publication_id"],
            ["publication.id"],
            name=op.f("fk_inbox_message_publication_id_publication"),
        ),
        sa.ForeignKeyConstraint(
            ["thread_id"],
            ["inbox_thread.id"],
            name=op.f("fk_inbox_message_thread_id_inbox_thread"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inbox_message")),
        sa.UniqueConstraint(
            "workspace_id",
            "channel_id",
            "external_message_id",
            name=op.f("uq_inbox_message_workspace_id_channel_id_external_message_id"),
        ),
    )
    op.create_index(
        op.f("ix_inbox_message_created_at"), "inbox_message", ["created_at"], unique=False
    )
    op.create_index(
        op.f("ix_inbox_message_thread_id"), "inbox_message", ["thread_id"], unique=False
    )
    op.create_index(
        op.f("ix_inbox_message_workspace_id"), "inbox_message", ["workspace_id"], unique=False
    )
    op.create_table(
        "inbox_reply",
        sa.Column("thread_id", sa.Uuid(), nullable=False),
        sa.Column("in_reply_to_message_id", sa.Uuid(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("canned_reply_id", sa.Uuid(), nullable=True),
        sa.Column("canned_reply_version", sa.Integer(), nullable=True),
        sa.Column("author_id", sa.String(length=128), nullable=True),
        sa.Column("sender", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("external_id", sa.String(length=500), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("response_seconds", sa.Double(), nullable=True),
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
        sa.CheckConstraint(
            "status IN ('sent', 'failed')", name=op.f("ck_inbox_reply_status_known")
        ),
        sa.ForeignKeyConstraint(
            ["canned_reply_id"],
            ["canned_reply.id"],
            name=op.f("fk_inbox_reply_canned_reply_id_canned_reply"),
        ),
        sa.ForeignKeyConstraint(
            ["in_reply_to_message_id"],
            ["inbox_message.id"],
            name=op.f("fk_inbox_reply_in_reply_to_message_id_inbox_message"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["thread_id"],
            ["inbox_thread.id"],
            name=op.f("fk_inbox_reply_thread_id_inbox_thread"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inbox_reply")),
    )
    op.create_index(op.f("ix_inbox_reply_created_at"), "inbox_reply", ["created_at"], unique=False)
    op.create_index(op.f("ix_inbox_reply_thread_id"), "inbox_reply", ["thread_id"], unique=False)
    op.create_index(
        op.f("ix_inbox_reply_workspace_id"), "inbox_reply", ["workspace_id"], unique=False
    )


def downgrade() -> None:
    # Children first; each table's indexes go with it.
    for table in (
        "inbox_reply",
        "inbox_message",
        "inbox_thread",
        "inbox_channel_setting",
        "canned_reply_version",
        "canned_reply",
    ):
        op.drop_table(table)
