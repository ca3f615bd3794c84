"""The Starlette app: routes, static files, and the guard around them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import uvicorn
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from watcher.archive import Archive
from watcher.config import Config
from watcher.web.access import Guard
from watcher.web.alerts import AlertPages
from watcher.web.views import Pages, utc_now

STATIC = Path(__file__).parent / "static"


def create_app(config: Config, clock: Callable[[], datetime] = utc_now) -> Starlette:
    """The search page over `config`'s archive (created, or brought up to date, here)."""
    Archive(config.archive_path).close()
    pages = Pages(config, clock)
    alerts = AlertPages(pages)
    routes = [
        Route("/", pages.search, name="search"),
        Route("/api/search", pages.search_json),
        Route("/search.csv", pages.search_csv),
        Route("/search.atom", pages.search_atom),
        Route("/statements/{id:int}", pages.statement),
        Route("/statements/{id:int}/status", pages.set_status, methods=["POST"]),
        Route("/mps/{name}", pages.mp),
        Route("/mps/{name}/feed.atom", pages.mp_atom),
        Route("/kinds/{kind}/feed.atom", pages.kind_atom),
        Route("/kinds.css", pages.kinds_css),
        Route("/sources", pages.sources),
        Route("/alerts", alerts.show),
        Route("/alerts", alerts.save, methods=["POST"]),
        Route("/alerts/{id:int}", alerts.change, methods=["POST"]),
        Route("/unsubscribe", alerts.unsubscribe, methods=["GET", "POST"]),
        Route("/contests", pages.contests),
        Route("/contests/{name}", pages.contest),
        Route("/contests/{name}/tally.json", pages.contest_json),
        Route("/contests/{name}/tally.csv", pages.contest_csv),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    return Starlette(routes=routes, middleware=[Middleware(Guard, web=config.web)])


def serve(config: Config, host: str, port: int) -> None:
    """Serve the page until Ctrl-C or SIGTERM.

    uvicorn's own reading of X-Forwarded-For is off: it would replace the peer's address with
    the one the header claims before `Guard` decides whether the peer is a trusted proxy."""
    app = create_app(config)
    uvicorn.run(
        app, host=host, port=port, log_level="info", server_header=False, proxy_headers=False
    )
