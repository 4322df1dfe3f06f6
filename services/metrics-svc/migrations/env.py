from metrics_svc.config import Settings
from metrics_svc.models import metadata
from servicekit.migrations import run_env

run_env(metadata, Settings)
