"""LL2xx: runtimes, handlers and layer compatibility."""
