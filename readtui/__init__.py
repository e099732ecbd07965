"""readtui: read news articles in the terminal and annotate claims, quotes and casualty figures."""

__version__ = "0.1.0"
