"""kehoach pipeline: read, normalise, extract, catalog."""

__version__ = "0.1.0"
