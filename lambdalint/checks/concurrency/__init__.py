"""LL6xx concurrency and scaling: the concurrency facts of the reference model
(lambdalint/semantics/concurrency.py) applied to the template's functions and triggers."""
