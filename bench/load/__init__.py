"""`make bench-load`: the multi-process load test with fault steps (bench/load/__main__.py)."""
