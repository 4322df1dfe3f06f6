"""Infrastructure every MediaOps service is made of, and nothing domain-specific.

The package imports nothing itself: a module is loaded only when it is imported by name, so
`python -m servicekit.embedded_pg` runs its module once and the gateway loads only the core it
uses."""
