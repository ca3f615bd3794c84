"""The Starlette app: routes, templates, static files and the middleware around them."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from watcher.config import Config


def create_app(config: Config) -> Starlette:
    """The search page over `config`'s archive."""

    async def home(request: Request) -> PlainTextResponse:
        return PlainTextResponse(f"watcher: {config.archive_path}")

    return Starlette(routes=[Route("/", home)])
