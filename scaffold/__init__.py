"""scaffold: recommend a Python web framework and generate a starter project that runs."""

__version__ = "0.1.0"
