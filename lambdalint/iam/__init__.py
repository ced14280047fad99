"""Policy evaluation for Lambda: typed statements, IAM wildcard matching, effective policies of
execution roles (every source, SAM's generated role included), what a function needs, and who may
invoke it.

Everything here reads the template model through ``from_model`` only, so a change to the model
touches one module. Heavy data (managed policies, the action catalogue) is loaded lazily.
"""
