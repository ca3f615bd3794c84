"""`watcher demo`: the whole watcher, offline, on a made-up story.

A local site replays the story (story.py, rendered by render.py, served by site.py); the demo
writes a config pointing at it (workspace.py) and runs the real daemon and the search page
against it (run.py). command.py is the click command.
"""
