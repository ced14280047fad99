"""LL5xx invocation and event delivery: rules defined by asking the reference model
(lambdalint/semantics), so a rule and ``lambdalint simulate`` never disagree.

Rule modules import ``lambdalint.semantics`` inside their functions, and only once a template has
a trigger (``sites.bound_triggers``), a DLQ or a destination: importing the rules costs nothing and
the model runs only for functions with triggers."""
