"""The newsroom's search page: a server-rendered web app over the archive.

`create_app(config)` builds the Starlette app; `watcher serve` runs it with uvicorn.
"""

from watcher.web.app import create_app

__all__ = ["create_app"]
