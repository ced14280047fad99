"""The adapter from the typed template model (``lambdalint/model``) to the simulator's plain
inputs (``semantics/config.py``), one module per noun: ``values`` (a typed field as one plain
value or Unknown), ``targets`` (dead-letter queues and destinations), ``functions`` (timeout,
asynchronous configuration), ``mappings`` (event source mappings and their queues), ``callers``
(synchronous callers) and ``bound`` (every function and trigger pair). It reads typed fields
only, never a template node or a dialect."""
