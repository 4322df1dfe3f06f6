from gateway.apikeys.models import metadata
from gateway.config import Settings
from servicekit.migrations import run_env

run_env(metadata, Settings)
