"""The shared service contract (servicekit.testing.contract), checked for campaign-svc."""

from servicekit.testing.contract import ServiceContract


class TestCampaignContract(ServiceContract):
    guarded_path = "/v1/campaigns"
