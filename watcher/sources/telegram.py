"""A public Telegram channel, read from the web preview Telegram publishes for it
(`https://t.me/s/NAME`): one item per message, its text and its time.

A forwarded message is someone else's words and is left out; so is one with no text (a photo,
a poll) and the channel's own notices ('Channel created', 'pinned a message'). A reply's quote
of the message it answers is not its text.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from lxml.html import HtmlElement  # type: ignore[import-untyped]
from pydantic import AfterValidator

from watcher.models import FetchResult, Item, Source
from watcher.parse import MAX_TEXT
from watcher.parse.text import element_text, html_tree
from watcher.sources import kind
from watcher.timefmt import parse_time
from watcher.values import shaped

NAME = "telegram"
PLATFORM: str | None = "Telegram"

_MESSAGES = (
    "//*[@data-post and contains(concat(' ', @class, ' '), ' tgme_widget_message ')"
    " and not(contains(concat(' ', @class, ' '), ' service_message '))]"
)
_TEXT = (
    ".//*[contains(concat(' ', @class, ' '), ' tgme_widget_message_text ')]"
    "[not(ancestor::*[contains(concat(' ', @class, ' '), ' tgme_widget_message_reply ')])]"
)
_FORWARDED = ".//*[contains(concat(' ', @class, ' '), ' tgme_widget_message_forwarded_from ')]"
_TIME = ".//*[contains(concat(' ', @class, ' '), ' tgme_widget_message_date ')]//time[@datetime]"


class Entry(kind.Entry):
    kind: Literal["telegram"]
    channel: Annotated[
        str,
        AfterValidator(
            shaped(
                r"@?[A-Za-z][A-Za-z0-9_]{3,31}",
                "not a Telegram channel name (the NAME of t.me/NAME: 4 to 32 letters, digits or _)",
            )
        ),
    ]

    def address(self) -> str:
        return f"https://t.me/s/{self.channel.lstrip('@')}"


def listed(fetched: FetchResult, source: Source) -> list[Item]:
    """The channel's messages with text, oldest first as the page shows them."""
    root = html_tree(fetched.body)
    if root is None:
        return []
    items = (_item(message, source) for message in root.xpath(_MESSAGES))
    return [item for item in items if item is not None]


def _item(message: HtmlElement, source: Source) -> Item | None:
    post = str(message.get("data-post", "")).strip()
    texts = message.xpath(_TEXT)
    if not post or not texts or message.xpath(_FORWARDED):
        return None
    text = element_text(texts[0])
    if not text:
        return None
    url = f"https://t.me/{post}"
    return Item(source, url, "", text[:MAX_TEXT], url, _posted_at(message))


def _posted_at(message: HtmlElement) -> datetime | None:
    times = message.xpath(_TIME) or message.xpath(".//time[@datetime]")
    return parse_time(times[0].get("datetime")) if times else None


def wants_articles(source: Source) -> bool:
    return False  # the message is the whole post


def edits(source: Source) -> kind.Edits:
    return "items"  # an edited message is listed again with other words


def gone_when_missing(source: Source) -> bool:
    return False  # a channel page that answers 404 is failing; its messages are not withdrawn


def deleted_when_unlisted(source: Source) -> bool:
    return True  # the page lists the newest messages: one missing among them was deleted
