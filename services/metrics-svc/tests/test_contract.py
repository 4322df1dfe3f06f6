"""What every MediaOps service guarantees (servicekit.testing.contract), checked for metrics-svc."""

from servicekit.testing.contract import ServiceContract


class TestMetricsContract(ServiceContract):
    guarded_path = "/v1/events"
