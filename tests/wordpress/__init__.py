"""A real WordPress for reader's publish tests (see site.py)."""
