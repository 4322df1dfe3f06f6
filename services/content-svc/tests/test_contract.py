"""What every MediaOps service guarantees (servicekit.testing.contract), checked for content-svc."""

from servicekit.testing.contract import ServiceContract


class TestContentContract(ServiceContract):
    guarded_path = "/v1/channels"
