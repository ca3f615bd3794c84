"""Routing: which subscriptions want a statement, who gets it once, and when.

Subscriptions and MPs are built directly; `route` and `quiet_end` are pure, so the clock and
the time zone are passed in.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest

from watcher.archive.matcher import matching_queries, normalise_query
from watcher.config import QuietHours, Subscription
from watcher.kinds import urgent_kinds
from watcher.models import MP, Delivery, Item, Kind, Source, Statement
from watcher.notify.route import quiet_end, route
from watcher.stories import Gist, same_story, same_words, words

LONDON = ZoneInfo("Europe/London")
NOON = datetime(2020, 1, 6, 12, 0, tzinfo=UTC)

LAVERY = MP("Ian Lavery", ("Mr Lavery",), "Labour", "Blyth and Ashington", region="North East")
DOE = MP("Jane Doe", (), "Conservative", "Somewhere South", region="South East")
BEGLEY = MP("Órfhlaith Begley", (), "Sinn Féin", "West Tyrone", region="Northern Ireland")
MPS = {mp.name: mp for mp in (LAVERY, DOE, BEGLEY)}

NEWS = Source("BBC Politics", "feed", "https://news.example.org/politics.rss", 300.0)
OWN = Source("Lavery feed", "feed", "https://example.org/lavery.rss", 300.0, "Ian Lavery")

NIGHT = QuietHours(time(23, 0), time(7, 0), frozenset(urgent_kinds()))
LUNCH = QuietHours(time(12, 0), time(14, 0), frozenset(urgent_kinds()))


def sub(name: str = "desk", /, **fields: object) -> Subscription:
    recipients = fields.pop("recipients", ("desk@example.org",))
    return Subscription(name=name, recipients=recipients, **fields)  # type: ignore[arg-type]


def item(source: Source = NEWS) -> Item:
    return Item(source, "k1", "A post", "", "https://example.org/p/1", NOON)


def said(mp: MP, text: str = "I will not be standing.", kind: Kind = "statement") -> Statement:
    return Statement(mp.name, kind, text)


def deliver(
    statements: Sequence[Statement],
    subscriptions: Sequence[Subscription],
    *,
    source: Source = NEWS,
    now: datetime = NOON,
) -> list[Delivery]:
    return route(statements, item(source), subscriptions, MPS, now, LONDON)


def who_gets(statement: Statement, subscription: Subscription, source: Source = NEWS) -> bool:
    return bool(deliver([statement], [subscription], source=source))


def chosen(subscription: Subscription) -> set[str]:
    """The MPs whose plain statement in the news the subscription wants."""
    return {mp.name for mp in MPS.values() if who_gets(said(mp), subscription)}


# --- MP selection -------------------------------------------------------------------------


def test_no_mp_selector_means_every_mp() -> None:
    assert chosen(sub()) == set(MPS)


@pytest.mark.parametrize(
    ("selector", "expected"),
    [
        ({"mps": frozenset({"Ian Lavery"})}, {"Ian Lavery"}),
        ({"parties": frozenset({"labour"})}, {"Ian Lavery"}),
        ({"constituencies": frozenset({"west tyrone"})}, {"Órfhlaith Begley"}),
        ({"regions": frozenset({"south east"})}, {"Jane Doe"}),
        ({"parties": frozenset({"sinn féin"})}, {"Órfhlaith Begley"}),
    ],
)
def test_one_mp_selector(selector: dict[str, frozenset[str]], expected: set[str]) -> None:
    assert chosen(sub(**selector)) == expected


@pytest.mark.parametrize(
    ("selector", "value"),
    [("parties", "labour"), ("constituencies", "blyth and ashington"), ("regions", "north east")],
)
def test_party_constituency_and_region_ignore_case(selector: str, value: str) -> None:
    shouting = MP(
        "Ian Lavery", party="LABOUR", constituency="BLYTH AND ASHINGTON", region="NORTH EAST"
    )
    subscription = sub(**{selector: frozenset({value})})
    mps = {"Ian Lavery": shouting}
    assert route([said(LAVERY)], item(), [subscription], mps, NOON, LONDON)
    assert not route([said(DOE)], item(), [subscription], MPS, NOON, LONDON)


def test_several_mp_selectors_widen_the_choice() -> None:
    subscription = sub(
        mps=frozenset({"Jane Doe"}),
        parties=frozenset({"labour"}),
        regions=frozenset({"northern ireland"}),
    )
    assert chosen(subscription) == set(MPS)
    assert chosen(sub(mps=frozenset({"Jane Doe"}), parties=frozenset({"labour"}))) == {
        "Jane Doe",
        "Ian Lavery",
    }


def test_an_mp_missing_from_the_register_is_chosen_only_by_name_or_everyone() -> None:
    stranger = Statement("A Stranger", "statement", "Hello.")
    assert who_gets(stranger, sub())
    assert not who_gets(stranger, sub(parties=frozenset({"labour"})))


def test_kinds_narrow_the_choice() -> None:
    subscription = sub(parties=frozenset({"labour"}), kinds=frozenset({"resignation"}))
    assert who_gets(said(LAVERY, kind="resignation"), subscription)
    assert not who_gets(said(LAVERY, kind="statement"), subscription)
    assert not who_gets(said(DOE, kind="resignation"), subscription)


def test_sources_narrow_the_choice_ignoring_case() -> None:
    subscription = sub(sources=frozenset({"bbc politics"}))
    assert who_gets(said(LAVERY), subscription, NEWS)
    assert not who_gets(said(LAVERY), subscription, OWN)


def test_query_narrows_the_choice() -> None:
    subscription = sub(mps=frozenset({"Ian Lavery"}), query='"not be standing"')
    assert who_gets(said(LAVERY, "I will not be standing."), subscription)
    assert not who_gets(said(LAVERY, "I will be standing."), subscription)
    assert not who_gets(said(DOE, "I will not be standing."), subscription)


# --- keywords and full-text queries ---------------------------------------------------------

TEXT = "I will not be standing for the leadership; I back Rebecca Long-Bailey."


@pytest.mark.parametrize(
    ("query", "hit"),
    [
        ("leadership", True),
        ("LEADERSHIP", True),
        ('"not be standing"', True),
        ('"be not standing"', False),
        ("lead*", True),
        ("leaders", False),
        ("leadership AND rebecca", True),
        ("leadership AND starmer", False),
        ("starmer OR rebecca", True),
        ("leadership NOT starmer", True),
        ("leadership NOT rebecca", False),
        ('"long bailey"', True),
        ('"Long-Bailey"', True),
        ("(starmer OR nandy) AND leadership", False),
    ],
)
def test_fts_queries_match_as_fts5_does(query: str, hit: bool) -> None:
    assert (matching_queries(TEXT, [query]) == {query}) is hit


def test_only_the_matching_queries_are_returned_and_a_broken_one_matches_nothing() -> None:
    queries = ["leadership", "starmer", "leadership AND", '"unclosed']
    assert matching_queries(TEXT, queries) == {"leadership"}


def test_keywords_folded_into_a_query_match_any_word_or_phrase() -> None:
    keywords = '("resign" OR "step down" OR "stand aside")'
    subscription = sub(query=keywords)
    assert who_gets(said(LAVERY, "Today I step down as chair."), subscription)
    assert who_gets(said(LAVERY, "I will resign."), subscription)
    assert not who_gets(said(LAVERY, "I will step up, not down."), subscription)


def test_curly_quotes_in_a_query_make_a_phrase() -> None:
    query = normalise_query("“not be standing”")
    assert query == '"not be standing"'
    assert matching_queries(TEXT, [query]) == {query}
    assert matching_queries("I will be standing, not sitting.", [query]) == set()
    assert normalise_query("„won’t stand“") == '"won\'t stand"'


@pytest.mark.parametrize("query", ["won’t", "‘won’t stand’", "„won’t stand“"])
def test_curly_apostrophes_and_quotes_in_a_query_still_match(query: str) -> None:
    query = normalise_query(query)
    assert matching_queries("I won't stand, and I won’t sit.", [query]) == {query}


def test_the_query_of_a_later_subscription_can_still_pick_the_recipient() -> None:
    about_tax = sub("tax", query="tax")
    about_standing = sub("standing", query='"not be standing"')
    [delivery] = deliver([said(LAVERY, TEXT)], [about_tax, about_standing])
    assert delivery.subscription == "standing"


def test_a_broken_query_matches_nothing_and_does_not_stop_the_others() -> None:
    broken = sub("broken", recipients=("a@example.org",), query="leadership AND")
    fine = sub("fine", recipients=("b@example.org",), query="leadership")
    deliveries = deliver([said(LAVERY, TEXT)], [broken, fine])
    assert [d.subscription for d in deliveries] == ["fine"]


@pytest.mark.parametrize(
    "text",
    [
        '<script>alert("x")</script> I resign <img src=x onerror=alert(1)>',
        "He said: \"I resign\" — and 'meant it'.",
        "“I resign,” she said. ‘Today.’",
        'I resign" OR "',
        "I resign* NOT (x) AND",
    ],
)
def test_statement_text_with_markup_or_quotes_does_not_break_matching(text: str) -> None:
    assert matching_queries(text, ["resign", '"i resign"', "starmer"]) == {
        "resign",
        '"i resign"',
    }


# --- one delivery per recipient --------------------------------------------------------------


def test_a_recipient_named_by_two_subscriptions_gets_the_statement_once_by_the_first() -> None:
    first = sub("labour", recipients=("desk@example.org",), parties=frozenset({"labour"}))
    second = sub("all", recipients=("desk@example.org", "night@example.org"))
    deliveries = deliver([said(LAVERY)], [first, second])
    assert [(d.recipient, d.subscription) for d in deliveries] == [
        ("desk@example.org", "labour"),
        ("night@example.org", "all"),
    ]


def test_the_first_subscription_that_wants_the_statement_wins() -> None:
    not_this_one = sub("conservative", parties=frozenset({"conservative"}))
    this_one = sub("labour", parties=frozenset({"labour"}))
    [delivery] = deliver([said(LAVERY)], [not_this_one, this_one])
    assert delivery.subscription == "labour"


def test_mailboxes_compare_ignoring_case_and_display_names() -> None:
    first = sub("a", recipients=("Politics Desk <Desk@Example.org>",))
    second = sub("b", recipients=("desk@example.org",))
    third = sub("c", recipients=("DESK@EXAMPLE.ORG", "other@example.org"))
    deliveries = deliver([said(LAVERY)], [first, second, third])
    assert [(d.recipient, d.subscription) for d in deliveries] == [
        ("Politics Desk <Desk@Example.org>", "a"),
        ("other@example.org", "c"),
    ]


def test_each_statement_of_an_item_is_routed_on_its_own() -> None:
    labour = sub("labour", parties=frozenset({"labour"}))
    deliveries = deliver([said(DOE), said(LAVERY), said(LAVERY, "Another thing.")], [labour])
    assert [d.statement_index for d in deliveries] == [1, 2]


def test_apprise_urls_get_their_own_channel() -> None:
    subscription = sub(
        recipients=("desk@example.org",),
        apprise=("slack://a/b/c", "json://127.0.0.1:8000/hook"),
    )
    again = sub("again", recipients=(), apprise=("slack://a/b/c",))
    deliveries = deliver([said(LAVERY)], [subscription, again])
    assert [(d.channel, d.recipient) for d in deliveries] == [
        ("email", "desk@example.org"),
        ("apprise", "slack://a/b/c"),
        ("apprise", "json://127.0.0.1:8000/hook"),
    ]


def test_delivery_carries_the_subscriptions_follow_up_choice() -> None:
    [delivery] = deliver([said(LAVERY)], [sub(follow_ups=True)])
    assert delivery.follow_ups
    [delivery] = deliver([said(LAVERY)], [sub()])
    assert not delivery.follow_ups


# --- digests and quiet hours -----------------------------------------------------------------

AT_2330 = datetime(2020, 1, 6, 23, 30, tzinfo=UTC)  # GMT: London time is UTC


def test_digest_subscriptions_collect_and_are_never_held_by_quiet_hours() -> None:
    digest = sub("daily", digest=True, quiet_hours=NIGHT)
    [delivery] = deliver([said(LAVERY)], [digest], now=AT_2330)
    assert delivery.digest
    assert delivery.not_before is None


def test_a_routine_statement_in_quiet_hours_waits_until_morning() -> None:
    [delivery] = deliver([said(LAVERY)], [sub(quiet_hours=NIGHT)], now=AT_2330)
    assert not delivery.digest
    assert delivery.not_before == datetime(2020, 1, 7, 7, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "kind", ["resignation", "leadership_bid", "leadership_declined", "defection"]
)
def test_urgent_kinds_go_out_at_once_in_quiet_hours(kind: Kind) -> None:
    [delivery] = deliver([said(LAVERY, kind=kind)], [sub(quiet_hours=NIGHT)], now=AT_2330)
    assert delivery.not_before is None


def test_endorsements_are_routine() -> None:
    [delivery] = deliver([said(LAVERY, kind="endorsement")], [sub(quiet_hours=NIGHT)], now=AT_2330)
    assert delivery.not_before is not None


def test_no_urgent_kinds_holds_everything() -> None:
    strict = QuietHours(time(23, 0), time(7, 0), frozenset())
    [delivery] = deliver([said(LAVERY, kind="resignation")], [sub(quiet_hours=strict)], now=AT_2330)
    assert delivery.not_before == datetime(2020, 1, 7, 7, 0, tzinfo=UTC)


def test_each_subscription_applies_its_own_quiet_hours() -> None:
    quiet = sub("quiet", recipients=("a@example.org",), quiet_hours=NIGHT)
    loud = sub("loud", recipients=("b@example.org",))
    deliveries = deliver([said(LAVERY)], [quiet, loud], now=AT_2330)
    assert [d.not_before for d in deliveries] == [datetime(2020, 1, 7, 7, 0, tzinfo=UTC), None]


@pytest.mark.parametrize(
    ("now", "held_until"),
    [
        # GMT all night
        (datetime(2020, 1, 6, 23, 30, tzinfo=UTC), datetime(2020, 1, 7, 7, 0, tzinfo=UTC)),
        # BST all night: 23:30 BST is 22:30 UTC; 07:00 BST is 06:00 UTC
        (datetime(2020, 7, 6, 22, 30, tzinfo=UTC), datetime(2020, 7, 7, 6, 0, tzinfo=UTC)),
        # clocks go back in the night (25 October 2020): 23:30 BST, then 07:00 GMT
        (datetime(2020, 10, 24, 22, 30, tzinfo=UTC), datetime(2020, 10, 25, 7, 0, tzinfo=UTC)),
        # clocks go forward in the night (29 March 2020): 23:30 GMT, then 07:00 BST
        (datetime(2020, 3, 28, 23, 30, tzinfo=UTC), datetime(2020, 3, 29, 6, 0, tzinfo=UTC)),
        # after midnight, the same morning
        (datetime(2020, 1, 7, 3, 0, tzinfo=UTC), datetime(2020, 1, 7, 7, 0, tzinfo=UTC)),
    ],
)
def test_quiet_hours_end_at_seven_local_across_clock_changes(
    now: datetime, held_until: datetime
) -> None:
    end = quiet_end(NIGHT, now, LONDON)
    assert end == held_until
    assert end is not None
    assert end.astimezone(LONDON).time() == time(7, 0)


@pytest.mark.parametrize(
    ("local", "held_until"),
    [
        (time(22, 59), None),
        (time(23, 0), datetime(2020, 1, 7, 7, 0, tzinfo=UTC)),  # exactly at the start
        (time(0, 0), datetime(2020, 1, 6, 7, 0, tzinfo=UTC)),
        (time(6, 59), datetime(2020, 1, 6, 7, 0, tzinfo=UTC)),
        (time(7, 0), None),  # exactly at the end
        (time(12, 0), None),
    ],
)
def test_quiet_hours_across_midnight_edges(local: time, held_until: datetime | None) -> None:
    now = datetime.combine(datetime(2020, 1, 6).date(), local, tzinfo=LONDON)
    assert quiet_end(NIGHT, now, LONDON) == held_until


@pytest.mark.parametrize(
    ("local", "held_until"),
    [
        (time(11, 59), None),
        (time(12, 0), datetime(2020, 7, 6, 13, 0, tzinfo=UTC)),  # 14:00 BST
        (time(13, 30), datetime(2020, 7, 6, 13, 0, tzinfo=UTC)),
        (time(14, 0), None),
        (time(23, 30), None),
        (time(3, 0), None),
    ],
)
def test_quiet_hours_within_one_day(local: time, held_until: datetime | None) -> None:
    now = datetime.combine(datetime(2020, 7, 6).date(), local, tzinfo=LONDON)
    assert quiet_end(LUNCH, now, LONDON) == held_until


def test_statements_outside_quiet_hours_are_not_held() -> None:
    morning = datetime(2020, 1, 7, 9, 0, tzinfo=UTC)
    [delivery] = deliver([said(LAVERY)], [sub(quiet_hours=NIGHT)], now=morning)
    assert delivery.not_before is None


def test_quiet_hours_are_read_in_the_zone_given() -> None:
    new_york = ZoneInfo("America/New_York")
    # 23:30 in London is 18:30 in New York: not quiet there
    assert quiet_end(NIGHT, AT_2330, new_york) is None
    late = datetime(2020, 1, 7, 4, 30, tzinfo=UTC)  # 23:30 in New York
    assert quiet_end(NIGHT, late, new_york) == datetime(2020, 1, 7, 12, 0, tzinfo=UTC)


# --- one story, many sightings -------------------------------------------------------------

QUOTE = (
    "I will not be standing for the leadership of our party. I have decided to back "
    "Rebecca Long-Bailey, who I believe can unite us."
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“I will NOT be standing,” he said.", "i will not be standing he said"),
        ("I won’t stand", "i won't stand"),
        ("I won't stand!!!", "i won't stand"),
        ("Long-Bailey: yes — (Labour)", "long bailey yes labour"),
        ("  tabs\tand\nnewlines  ", "tabs and newlines"),
        ("ÉCOSSE Straße", "écosse strasse"),
        ("snake_case", "snake case"),
        ("", ""),
    ],
)
def test_words_drop_case_quotes_and_punctuation(text: str, expected: str) -> None:
    assert words(text) == expected


def test_the_same_quote_with_other_quotation_marks_and_punctuation_is_the_same() -> None:
    assert words("“I will not be standing,” he said") == words('"I will not be standing" he said.')


def test_a_trimmed_quote_is_the_same_words() -> None:
    trimmed = "“I will not be standing for the leadership of our party.”"
    assert same_words(words(trimmed), words(QUOTE))
    assert same_words(words(QUOTE), words(trimmed))


def test_a_quote_reported_in_part_is_the_same_words() -> None:
    part = (
        "“I will not be standing for the leadership … I have decided to back "
        "Rebecca Long-Bailey,” he said."
    )
    assert same_words(words(part), words(QUOTE))


def test_a_paraphrase_is_not_the_same_words() -> None:
    paraphrase = "Ian Lavery has ruled himself out of the race and endorsed Long-Bailey."
    assert not same_words(words(paraphrase), words(QUOTE))


def test_different_words_on_the_same_subject_are_not_the_same() -> None:
    earlier = "I have not yet decided whether I will be standing for the leadership."
    assert not same_words(words(earlier), words(QUOTE))


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("I resign.", "“I resign”", True),
        ("I resign", "I resign today", False),
        ("No comment", "No comment on the leadership race", False),
        ("", "", False),
        ("", "I resign", False),
    ],
)
def test_short_texts_are_the_same_only_when_equal(a: str, b: str, same: bool) -> None:
    assert same_words(words(a), words(b)) is same
    assert same_words(words(b), words(a)) is same


def test_events_of_the_same_kind_and_target_are_one_story_whatever_the_words() -> None:
    own = Gist("endorsement", "Rebecca Long-Bailey", words(QUOTE))
    report = Gist("endorsement", "Rebecca Long-Bailey", words("Lavery backs RLB."))
    assert same_story(report, own)


def test_events_with_different_targets_are_different_stories() -> None:
    first = Gist("endorsement", "Rebecca Long-Bailey", words("I back her."))
    second = Gist("endorsement", "Lisa Nandy", words("I back Lisa Nandy now."))
    assert not same_story(second, first)


def test_events_of_different_kinds_are_different_stories_even_in_the_same_words() -> None:
    bid = Gist("leadership_bid", None, words("I will stand."))
    declined = Gist("leadership_declined", None, words("I will not stand."))
    assert not same_story(declined, bid)
    declined_same = Gist("leadership_declined", None, words(QUOTE))
    endorsement = Gist("endorsement", "Rebecca Long-Bailey", words(QUOTE))
    assert not same_story(endorsement, declined_same)  # one post, two pieces of news
    plain = Gist("statement", None, words(QUOTE))
    assert same_story(plain, declined_same)  # an outlet that read no event in the same words


def test_a_reversal_in_nearly_the_same_words_is_a_new_story() -> None:
    bid = Gist("leadership_bid", "leader", words("I will be standing for the leadership."))
    declined = Gist(
        "leadership_declined", "leader", words("I will not be standing for the leadership.")
    )
    assert not same_story(declined, bid)
    backing = Gist("statement", None, words("I support the Prime Minister on this deal."))
    no_longer = Gist(
        "statement", None, words("I no longer support the Prime Minister on this deal.")
    )
    assert not same_story(no_longer, backing)
    assert not same_story(
        Gist("statement", None, words("I do not agree with the PM on Brexit")),
        Gist("statement", None, words("I fully agree with the PM on Brexit")),
    )


def test_plain_statements_need_the_same_words() -> None:
    first = Gist("statement", None, words("We must fix the railways in the north."))
    second = Gist("statement", None, words("We must fund the schools in the south."))
    trimmed = Gist("statement", None, words("“We must fix the railways in the north”"))
    assert not same_story(second, first)
    assert same_story(trimmed, first)
