"""LL1xx: service limits of a function's configuration (memory, timeout, storage, environment,
layers,
architectures)."""
