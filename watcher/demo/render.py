"""The demo site's documents: RSS feeds, article pages and an index, as plain strings.

Every text is escaped on the way in, so the story can hold any characters.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import datetime
from email.utils import format_datetime
from xml.sax.saxutils import escape

from watcher.demo.story import Outlet, Post, Story

Released = Sequence[tuple[Post, datetime]]  # posts with the time each appeared, newest first


def feed_xml(outlet: Outlet, posts: Released, base: str) -> str:
    """An RSS 2.0 feed: an MP's reads like a Bluesky profile's feed, a news outlet's carries
    headlines and standfirsts that link to the articles."""
    items = "".join(_feed_item(outlet, post, when, base) for post, when in posts)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        f"<title>{escape(outlet.title)}</title><link>{escape(base)}/</link>"
        f"<description>{escape(_description(outlet))}</description>"
        f"{items}</channel></rss>\n"
    )


def _description(outlet: Outlet) -> str:
    if outlet.mp:
        return f"{outlet.mp.party} MP for {outlet.mp.constituency}."
    return f"{outlet.title}: the latest from Westminster."


def _feed_item(outlet: Outlet, post: Post, when: datetime, base: str) -> str:
    link = base + outlet.item_path(post)
    guid = f"at://did:plc:demo{outlet.slug}/app.bsky.feed.post/{post.slug}" if outlet.mp else link
    title = f"<title>{escape(post.title)}</title>" if post.title else ""
    return (
        f"<item>{title}<link>{escape(link)}</link>"
        f"<description>{escape(post.summary)}</description>"
        f"<pubDate>{format_datetime(when, usegmt=True)}</pubDate>"
        f'<guid isPermaLink="false">{escape(guid)}</guid></item>'
    )


def item_html(outlet: Outlet, post: Post, when: datetime) -> str:
    """The page an item links to: a news article, or an MP's post on its own."""
    e = html.escape
    paragraphs = post.body or (post.summary,)
    heading = post.title or (outlet.mp.name if outlet.mp else outlet.title)
    byline = f'<p class="byline">By {e(post.byline)}</p>' if post.byline else ""
    return _page(
        f"{heading} | {outlet.title}",
        f'<meta property="article:published_time" content="{when.isoformat()}">',
        f"<article><h1>{e(heading)}</h1>{byline}"
        f'<p class="dateline"><time datetime="{when.isoformat()}">'
        f"{when.strftime('%d %B %Y %H:%M')} UTC</time></p>"
        + "".join(f"<p>{e(p)}</p>" for p in paragraphs)
        + "</article>",
        outlet.title,
    )


def index_html(story: Story, base: str) -> str:
    """A contents page, for someone who opens the demo site in a browser."""
    e = html.escape
    rows = "".join(
        f'<li><a href="{e(base + o.feed_path)}">{e(o.title)}</a></li>' for o in story.outlets
    )
    body = (
        "<h1>The watcher's demo site</h1><p>A made-up story, replayed: every person, seat and "
        f"outlet here is fictional. The feeds grow as the story unfolds.</p><ul>{rows}</ul>"
    )
    return _page("The watcher's demo site", "", body, "Demo site")


def _page(title: str, head: str, main: str, site: str) -> str:
    e = html.escape
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{e(title)}</title>'
        f'{head}<meta property="og:site_name" content="{e(site)}"></head><body>'
        f'<header><nav><a href="/">{e(site)}</a></nav></header>'
        f"<main>{main}</main>"
        "<footer><p>A fictional site, served by the watcher's offline demo.</p></footer>"
        "</body></html>\n"
    )
