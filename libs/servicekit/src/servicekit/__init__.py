"""Infrastructure every MediaOps service is made of, and nothing domain-specific."""

from servicekit.settings import ServiceSettings

__all__ = ["ServiceSettings"]
