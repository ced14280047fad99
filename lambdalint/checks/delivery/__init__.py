"""LL5xx invocation and event delivery: rules defined by asking the reference model
(lambdalint/semantics), so a rule and ``lambdalint simulate`` never disagree."""
