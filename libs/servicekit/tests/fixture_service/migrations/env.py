# The tests always pass the database URL in the Alembic config's attributes; the metadata is
# only needed for autogenerate, which the fixture service never runs.
from sqlalchemy import MetaData

from servicekit.migrations import run_env
from servicekit.settings import ServiceSettings

run_env(MetaData(), ServiceSettings)
