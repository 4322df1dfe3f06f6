"""The shared service contract (servicekit.testing.contract), checked for community-svc."""

from servicekit.testing.contract import ServiceContract


class TestCommunityContract(ServiceContract):
    guarded_path = "/v1/groups"
