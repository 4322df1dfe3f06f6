"""The migration that keys the rollups by publication_id: rows already there get '', and its
downgrade merges rows that differ only by publication, so no number changes either way."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime

from alembic import command

from servicekit.migrations import alembic_config
from servicekit.testing import ServiceUnderTest

from .test_migrations import HOUR, _run

BEFORE = "m0a6_presence"
AT = datetime.fromisoformat(HOUR)


def test_upgrade_gives_existing_rows_no_publication_and_downgrade_merges_them(
    scratch_database: Callable[[str], str], service_under_test: ServiceUnderTest
) -> None:
    url = scratch_database("metrics_publication")
    config = alembic_config(service_under_test.alembic_ini, url)
    command.upgrade(config, BEFORE)
    asyncio.run(
        _run(
            url,
            "INSERT INTO event_hourly (workspace_id, type, bucket_at, channel_id, post_id, "
            f"campaign_id, group_id, event_count, value_sum) VALUES "
            f"('ws', 'purchase', '{HOUR}', 'ch', 'p', '', '', 2, 30)",
            "INSERT INTO actor_hourly (workspace_id, type, bucket_at, actor_id, channel_id, "
            f"post_id, campaign_id, group_id, event_count) VALUES "
            f"('ws', 'purchase', '{HOUR}', 'u1', 'ch', 'p', '', '', 2)",
        )
    )

    command.upgrade(config, "heads")
    hourly, actors = asyncio.run(
        _run(
            url,
            "SELECT publication_id, event_count, value_sum FROM event_hourly",
            "SELECT publication_id, event_count FROM actor_hourly",
        )
    )
    assert [tuple(r) for r in hourly] == [("", 2, 30.0)]
    assert [tuple(r) for r in actors] == [("", 2)]

    # Folded after the upgrade: the same key, now of a publication.
    asyncio.run(
        _run(
            url,
            "INSERT INTO event_hourly (workspace_id, type, bucket_at, channel_id, post_id, "
            "publication_id, campaign_id, group_id, event_count, value_sum) VALUES "
            f"('ws', 'purchase', '{HOUR}', 'ch', 'p', 'pub-a', '', '', 1, 12.5)",
            "INSERT INTO actor_hourly (workspace_id, type, bucket_at, actor_id, channel_id, "
            "post_id, publication_id, campaign_id, group_id, event_count) VALUES "
            f"('ws', 'purchase', '{HOUR}', 'u1', 'ch', 'p', 'pub-a', '', '', 1)",
        )
    )
    command.downgrade(config, BEFORE)
    hourly, actors = asyncio.run(
        _run(
            url,
            "SELECT bucket_at, channel_id, event_count, value_sum FROM event_hourly",
            "SELECT actor_id, event_count FROM actor_hourly",
        )
    )
    assert [tuple(r) for r in hourly] == [(AT, "ch", 3, 42.5)]
    assert [tuple(r) for r in actors] == [("u1", 3)]
    command.upgrade(config, "heads")
