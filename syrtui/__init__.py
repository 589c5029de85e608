"""syrtui: a terminal reader for conflict-news articles."""

__version__ = "0.1.0"
