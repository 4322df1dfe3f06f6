from content_svc.config import Settings
from content_svc.models import metadata
from servicekit.migrations import run_env

run_env(metadata, Settings)
