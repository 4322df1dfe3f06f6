"""Benchmarks. `make bench` runs bench/run.py; the other files are single benchmarks run by hand
(each says how in its docstring)."""
