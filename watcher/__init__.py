"""The watcher: tracks what UK MPs say in their own feeds and in the news."""

__version__ = "0.1.0"
