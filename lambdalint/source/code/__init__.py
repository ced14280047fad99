"""Function code, located and read statically: never imported, never run.

``locate`` finds where a function's code is (a directory, a local archive, inline text, or
somewhere lambdalint cannot look: S3, an image); the language readers (``python``, ``node``)
parse it; ``from_template`` is the one module that reads template resources to feed them.
Everything here takes plain values and returns frozen results.
"""
