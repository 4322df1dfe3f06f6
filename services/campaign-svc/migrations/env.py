from campaign_svc.config import Settings
from campaign_svc.models import metadata
from servicekit.migrations import run_env

run_env(metadata, Settings)
