"""Small pieces: settings, service-to-service headers, Alembic glue, the model base."""

from pathlib import Path

import pytest
from fixture_service.app import HEAD_REVISION, Base, Thing
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from servicekit.http import peer_headers, service_client
from servicekit.migrations import alembic_config, current_revisions
from servicekit.models import NAMING_CONVENTION
from servicekit.paths import repo_root
from servicekit.settings import DEV_INTERNAL_TOKEN, ServiceSettings
from servicekit.testing.databases import create_test_database


def test_settings_defaults() -> None:
    settings = ServiceSettings()
    assert settings.internal_token.get_secret_value() == DEV_INTERNAL_TOKEN
    assert settings.max_body_bytes == 1_048_576
    assert "mediaops-dev" not in repr(settings)  # a secret never shows in logs


def test_a_configured_database_url_is_used_as_is() -> None:
    url = "postgresql://u:p@db:5432/content"
    assert ServiceSettings(database_url=url).resolved_database_url() == url


def test_settings_read_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MAX_BODY_BYTES", "2048")
    monkeypatch.setenv("LOG_JSON", "false")
    settings = ServiceSettings()
    assert settings.max_body_bytes == 2048
    assert settings.log_json is False


def test_peer_headers_carry_the_workspace_and_only_the_scopes_the_call_needs() -> None:
    assert peer_headers("ws-1", "tok", ["metrics:read"], "req-9") == {
        "X-Internal-Token": "tok",
        "X-Workspace-Id": "ws-1",
        "X-Scopes": "metrics:read",
        "X-Request-Id": "req-9",
    }
    bare = peer_headers("ws-1", "tok", ["b:read", "a:read", "a:read"])
    assert bare["X-Scopes"] == "a:read b:read"
    assert "X-Request-Id" not in bare
    assert "X-Actor-Id" not in bare


async def test_service_client_has_explicit_timeouts() -> None:
    async with service_client("http://metrics-svc", timeout_s=3.0) as client:
        assert client.timeout.read == 3.0
        assert client.timeout.connect == 2.0
        assert str(client.base_url) == "http://metrics-svc"


def test_alembic_config_points_at_the_service_migrations(tmp_path: Path) -> None:
    ini = tmp_path / "alembic.ini"
    ini.write_text("[alembic]\n")
    cfg = alembic_config(ini, "postgresql://x/y")
    assert cfg.get_main_option("script_location") == str(tmp_path / "migrations")
    assert cfg.attributes["database_url"] == "postgresql://x/y"


async def test_current_revisions_is_the_head_after_upgrade(db_session: AsyncSession) -> None:
    conn: AsyncConnection = await db_session.connection()
    assert await current_revisions(conn) == frozenset({HEAD_REVISION})


def test_constraint_names_follow_the_convention() -> None:
    table = Base.metadata.tables[Thing.__tablename__]
    assert table.primary_key.name == "pk_thing"
    assert {
        c.name for c in table.constraints if isinstance(c.name, str) and c.name.startswith("uq_")
    } == {"uq_thing_workspace_id_name"}
    assert NAMING_CONVENTION["fk"] == "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s"


def test_repo_root_is_the_folder_holding_uv_lock() -> None:
    assert (repo_root(Path(__file__).parent) / "uv.lock").is_file()


@pytest.mark.parametrize("name", ["Test", "test-db", 'x"; DROP DATABASE postgres; --', "t\n"])
def test_create_test_database_refuses_names_that_need_quoting(name: str) -> None:
    with pytest.raises(ValueError, match="database name must match"):
        create_test_database("postgresql://postgres@127.0.0.1:1/postgres", name)
