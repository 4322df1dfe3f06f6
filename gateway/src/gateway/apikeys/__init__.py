"""API keys for machines: event ingestion, internal systems, scripts.

A workspace admin creates a key through ``/v1/api-keys`` (a person's token with the ``admin``
scope; an API key cannot manage keys). The answer shows the key once; the gateway keeps only
its SHA-256 (``secret``), in its own PostgreSQL database (``models``, migrations under
``gateway/migrations``). A caller sends it as ``Authorization: Bearer mo_…`` or
``X-Api-Key: mo_…``; the gateway finds it by its non-secret prefix, compares hashes in
constant time, and turns it into the same ``Principal`` a token becomes (``verifier``), so
scopes, rate limits and tenancy work unchanged.

The routes are a small FastAPI app (``app``: router → service → repository, servicekit's door,
Idempotency-Key, pagination and problems) that the gateway calls in process once it has
authenticated the caller (``endpoint``), as a service is called with the tenancy headers.
"""
