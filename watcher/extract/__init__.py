"""Find what tracked MPs said in an item: who, what kind, and when.

An item from an MP's own source is, as a whole, that MP's statement (a repost is nobody's).
A news item is read for the people it names (`people`), then for quotes, statements after a
colon, reported speech and events told in the reporter's words, each tied to the MP who is
its subject (`attribution`, `reports`); each is classified (`kinds`), given its target in
context (`targets`) and dated (`timing`, with the time phrases of `times`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from watcher.extract.attribution import CONTINUED, attribute
from watcher.extract.kinds import LEADERSHIP, Event, classify, leaves_to_join
from watcher.extract.people import Gender, agrees, roster_for
from watcher.extract.phrasings import post_before
from watcher.extract.prefilter import could_name_an_mp
from watcher.extract.reader import Said, find_quotes, outside_quotes
from watcher.extract.reference import People
from watcher.extract.reports import (
    BACKED_BY,
    IN_A_CLAUSE,
    RELATIVE,
    REPORTED_SPEECH,
    REPORTERS_WORDS,
    SO_DID,
    event_words,
)
from watcher.extract.targets import (
    backed,
    handle_of,
    party_leadership,
    register_name,
    specific_post,
    with_contest,
)
from watcher.extract.times import SpokenTime
from watcher.extract.timing import Times, is_news, paragraph_around
from watcher.models import MP, Item, Kind, Statement, roll_of
from watcher.register import fold

LONDON = ZoneInfo("Europe/London")
OWN_SOURCE = "the MP's own source"
OWN_COLUMN = "the MP's own column"  # a news item the MP wrote, as its byline says
_REPOST = re.compile(r"^\s*(?:RT\s+@|Reposted\s+from\b|Repost(?:ed)?:|♻)", re.I)


def extract_statements(item: Item, mps: Sequence[MP], zone: ZoneInfo = LONDON) -> list[Statement]:
    """The statements by tracked MPs that `item` holds."""
    return read_item(item, mps, zone)[0]


def read_item(
    item: Item, mps: Sequence[MP], zone: ZoneInfo = LONDON
) -> tuple[list[Statement], list[str]]:
    """The statements `item` holds, and the names of the tracked MPs it names (as
    `find_mentions` gives them): the cheap test of whether it could name one made once."""
    owner = item.source.mp
    if owner is None and not could_name_an_mp(_all_words(item), mps):
        return [], []  # most news items name no tracked MP: skip the full reading
    tracked = roll_of(mps)
    if owner is not None:
        own = _own_statements(item, owner, mps, zone) if any(m.name == owner for m in mps) else []
        return own, _named(item, tracked)
    author = _mp_author(item, mps)
    statements = _reported_statements(item, tracked, zone)
    if author is not None:  # a column an MP wrote: the MP's own words, and others' quoted in it
        own = _own_statements(item, author, mps, zone, how=OWN_COLUMN)
        statements = own + [s for s in statements if s.mp != author]
    return statements, _named(item, tracked)


def _all_words(item: Item) -> str:
    return f"{item.title}\n\n{item.author or ''}\n\n{item.text}"


# A byline opening a column's text: 'By Clive Betts', 'By Clive Betts MP'.
_BYLINE = re.compile(r"\A\s*By\s+(?:[A-Z][\w'’.-]*\s+){0,4}[A-Z][\w'’.-]*[ \t]*\n+")
# A section's label above a column: 'Comment', 'OPINION'.
_KICKER = re.compile(r"\A\s*(?:comment|opinion|analysis|column|view)\s*\n+", re.I)
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I’m|I've|I’ve|I'll|I’ll|my|me)\b")


def _mp_author(item: Item, mps: Sequence[MP]) -> str | None:
    """The tracked MP who wrote a news item in the first person (an MP's column, as its byline
    names them), if any."""
    if not item.author or len(_FIRST_PERSON.findall(item.text or "")) < 3:
        return None
    people = roster_for(roll_of(mps)).mentions(item.author, groups=False)
    named = {m.mp for m in people if m.mp and m.how == "name"}
    return named.pop() if len(named) == 1 else None


def find_mentions(item: Item, mps: Sequence[MP]) -> list[str]:
    """Names of the tracked MPs that `item` names, in the order of `mps`."""
    if not could_name_an_mp(f"{item.title}\n\n{item.text}", mps):
        return []
    return _named(item, roll_of(mps))


def _named(item: Item, tracked: tuple[MP, ...]) -> list[str]:
    text = f"{item.title}\n\n{item.text}"
    named = {m.mp for m in roster_for(tracked).mentions(text, groups=False) if m.mp}
    for name, forms in _odd_names(tracked).items():  # few: most names read as words
        if name not in named and any(form.search(text) for form in forms):
            named.add(name)
    place = _places(tracked)
    return sorted((name for name in named if name in place), key=place.__getitem__)


@lru_cache(maxsize=8)
def _places(mps: tuple[MP, ...]) -> dict[str, int]:
    """Each tracked MP's place in the list, by name."""
    return {mp.name: place for place, mp in reversed(list(enumerate(mps)))}


@lru_cache(maxsize=8)
def _by_name(mps: tuple[MP, ...]) -> dict[str, MP]:
    return {mp.name: mp for mp in mps}


@lru_cache(maxsize=8)
def _odd_names(mps: tuple[MP, ...]) -> dict[str, tuple[re.Pattern[str], ...]]:
    """Names the roster cannot read as words ('Jo Smith (Jnr)'), by MP, as patterns that find
    them as written; worked out once for the tracked MPs, not for every item."""
    odd = {}
    for mp in mps:
        forms = [n for n in mp.names if re.search(r"[^\w\s'’.-]", n)]
        if forms:
            odd[mp.name] = tuple(re.compile(rf"(?<!\w){re.escape(n)}(?!\w)") for n in forms)
    return odd


def is_repost(item: Item) -> bool:
    tags = {t.casefold() for t in item.tags}
    return bool(_REPOST.match(item.text or item.title)) or bool(tags & {"repost", "boost"})


# Where a post that quotes another ends and the quoted post begins: Bluesky's marker for an
# embedded post, or the 'RE: <address>' line Mastodon puts before a quoted one.
_QUOTED_POST = re.compile(
    r"^\s*(?:\[(?:contains\s+)?quote(?:d)?\s+post\b[^\]\n]*\]|RE:\s+https?://\S+\s*$)",
    re.I | re.M,
)


def _own_statements(
    item: Item, owner: str, mps: Sequence[MP], zone: ZoneInfo, how: str = OWN_SOURCE
) -> list[Statement]:
    text = _BYLINE.sub("", _KICKER.sub("", item.text or item.title))
    if not text or is_repost(item):
        return []
    quoted = _QUOTED_POST.search(text)
    text = text[: quoted.start()].rstrip() if quoted else text  # the quoted post is not theirs
    if not text:
        return []
    heading = item.title if item.title and not text.startswith(item.title[:40]) else ""
    own_words = _without_others_words(text)  # what the post quotes or embeds is not its event
    events = classify(f"{heading}.\n{own_words}" if heading else own_words, "first")
    events = [e for e in events if not _told_of_another(e, owner)]
    said = Said(owner, text, "first", how, 1.0, "", 0)
    mp = next((m for m in mps if m.name == owner), None)
    events = [with_contest(e, said, item, "", mp) for e in events]
    events = [_backed_in_own_words(e, text, owner, mps) for e in events]
    events = [e for e in events if e.kind != "endorsement" or e.target]
    return _statements(said, events, None, item, mps)  # said when it is published


def _without_others_words(text: str) -> str:
    """An MP's post without the words it embeds (another account's post, above its '— Name
    (@handle) date' line) and, when the MP opens it in the first person, those it quotes (a
    colleague's launch line in quotation marks)."""
    text = _EMBEDDED_POST.sub("\n", text)
    quotes = find_quotes(text, fewest_words=3)
    # a press release quotes the MP: only a post the MP opens in the first person quotes others
    opening = text[: quotes[0].open_at] if quotes else text
    return outside_quotes(text, quotes) if _FIRST_PERSON.search(opening) else text


# A paragraph above the signature of an embedded post of another account.
_EMBEDDED_POST = re.compile(r"(?:^|\n)[^\n]*\n+\s*[—–-]\s*[^\n(]{2,80}\(@[\w.-]+\)[^\n]*")


def _backed_in_own_words(event: Event, text: str, owner: str, mps: Sequence[MP]) -> Event:
    """In an MP's own post, 'she has my full support' or 'I'll be backing Lucy' backs the one
    MP the post names who fits; nobody, when none or several do."""
    if event.kind != "endorsement" or not event.target:
        return event
    if event.target.startswith("@"):  # '@lucypowell.bsky.social'
        return replace(event, target=handle_of(event.target, mps))
    word = event.target.lower()
    pronoun = word in ("he", "she", "him", "her")
    if not pronoun and len(event.target.split()) > 1:
        return event
    roster = roster_for(roll_of(mps))
    people = People(text, roster)
    named = {m.mp for m in people.mentions if m.mp and m.mp != owner and m.how == "name"}
    gender: Gender = "m" if word in ("he", "him") else "f"
    fitting = [
        name
        for name in named
        if (pronoun and agrees(roster.gender.get(name), gender))
        or (not pronoun and event.target in (name.split()[0], name.split()[-1]))
    ]
    if len(fitting) == 1:
        return replace(event, target=fitting[0])
    return replace(event, target=None) if pronoun else event


def _reported_statements(item: Item, mps: tuple[MP, ...], zone: ZoneInfo) -> list[Statement]:
    if not item.text:
        return []
    roster = roster_for(mps)
    mps_by_name = _by_name(mps)
    attribution = attribute(item.text, roster)
    found = attribution.said
    times = Times(item, zone, attribution.masked, attribution.people)
    statements: list[Statement] = []
    spoken: dict[str, SpokenTime | None] = {}  # when each MP's last words were said
    for said in found:
        if _SAID_BEFORE_NOW.search(said.window):
            continue  # 'has previously called the convention "the biggest obstacle"': history
        event_text = event_words(said)
        if said.voice == "reported" and _ANNOUNCED_BEFORE.search(event_text):
            continue  # 'Badenoch announced last week that she would stand down': history
        before = item.text[:400] + "\n" + item.text[max(0, said.position - 600) : said.position]
        context = (
            f"{item.title}\n{said.window}\n{before}{paragraph_around(item.text, said.position)}"
        )
        events = classify(event_text, said.voice, context, item.text)
        events = events or _answered(said, context)
        events = [e for e in events if said.voice == "first" or _about_the_speaker(e, said)]
        events = [e for e in events if not _of_another_gender(e, said, roster.gender)]
        events = events[-1:] if said.how == SO_DID else events  # 'So did X': the last thing told
        events = [_own_post(e, said) for e in events]
        events = [
            replace(e, target=specific_post(e, item.text, said.mp, said.window)) for e in events
        ]
        mp = mps_by_name.get(said.mp)
        around = paragraph_around(item.text, said.position)
        events = [with_contest(e, said, item, around, mp) for e in events]
        events = [party_leadership(e, said, item, around, mp) for e in events]
        backed_before = next(
            (s.target for s in reversed(statements) if s.kind == "endorsement"), None
        )
        bidders = frozenset(s.mp for s in statements if s.kind == "leadership_bid")
        events = [_backed_again(e, said, statements, roster.gender) for e in events]
        events = [backed(e, said, attribution.people, mps, backed_before, bidders) for e in events]
        events = [_as_the_one_before(e, said, statements) for e in events]
        events = [e for e in events if not _support_for_the_winner(e, said, item)]
        events = [e for e in events if e.kind != "endorsement" or e.target not in (None, said.mp)]
        if said.voice == "reported":
            events = [e for e in events if is_news(e, said, times, item)]
            if not events and said.how in (RELATIVE, REPORTERS_WORDS, BACKED_BY, IN_A_CLAUSE):
                continue  # only history: 'Tulip Siddiq, who quit as City minister in January'
        when = times.for_said(said, found)
        if said.how == CONTINUED and times.in_its_paragraph(said) is None:
            when = spoken.get(said.mp, when)  # the rest of the quote before it: said then
        spoken[said.mp] = when
        if not events and said.voice == "reported" and times.said_long_ago(said):
            continue  # 'Daisy Cooper announced last month that she would step aside'
        if not events:
            statements += _statements(said, [], when, item, mps)
        for event in events:
            # the MP's own words are dated by when they were said, not by their own 'today'
            told = times.for_event(event) if said.voice == "reported" else None
            if said.voice == "reported" and told is None and times.in_its_paragraph(said) is None:
                told = times.dated_later(said.mp, said.position + len(said.window))
            statements += _statements(said, [event], told or when, item, mps)
    return _reported_beside_quotes(_quotes_in_events(_merge(_one_move(statements))))


def _support_for_the_winner(event: Event, said: Said, item: Item) -> bool:
    """'Ed has my full support. We fought a positive campaign': support pledged to the one the
    item says won, in the words of pledging, is loyalty after the race, not backing in it."""
    if event.kind != "endorsement" or not event.target:
        return False
    if not _PLEDGED.search(f"{said.text} {said.window}"):
        return False
    surname = re.escape(event.target.split()[-1])
    return bool(re.search(rf"\b{surname}\b[^.;]{{0,40}}?{_WON}", item.text))


# Words that pledge support to whoever leads, rather than choose among candidates.
_PLEDGED = re.compile(
    r"\b(?:has|have|will\s+have|gets?)\s+(?:my|our)\s+(?:full\s+|complete\s+|total\s+|whole-?hearted\s+"
    r"|unconditional\s+)?support\b|\bget(?:ting)?\s+behind\b|\bcongratulat|\bevery\s+step\s+of\s+the\s+way",
    re.I,
)
# A race told as won: 'Ed Davey was elected leader', 'Powell beat Phillipson'.
_WON = (
    r"(?:\s+(?:has|had)\s+)?\s*(?:won\b|wins\b|beat\b|defeated\b|(?:was|has\s+been|is)\s+"
    r"(?:elected|declared|named)\b|victory\b|is\s+the\s+new\b|triumph\w*)"
)


def _as_the_one_before(event: Event, said: Said, statements: list[Statement]) -> Event:
    """'Zöe Franklin is backing the deputy leader, and Sarah Olney has followed suit': Olney
    backs whomever Franklin's backing was found to back, in the words told before."""
    if said.how != SO_DID or event.kind != "endorsement":
        return event
    told = " ".join(said.text.split())
    before = next(
        (
            s.target
            for s in reversed(statements)
            if s.kind == "endorsement" and s.mp != said.mp and " ".join(s.text.split()) in told
        ),
        None,
    )
    return replace(event, target=before) if before else event


def _answered(said: Said, context: str) -> list[Event]:
    """'Asked whether she would stand, Lisa Nandy replied: "No."': a one-word answer to
    whether the MP will stand, told with its question, is a withdrawal or a bid."""
    asked = _ASKED_TO_STAND.search(said.window)
    answer = re.match(r"\W*(No|Yes)\b", said.text) if said.voice == "first" else None
    if asked is None or answer is None or said.how not in ("quote", CONTINUED):
        return []
    kind: Kind = "leadership_declined" if answer.group(1) == "No" else "leadership_bid"
    post = "deputy leader" if asked.group("deputy") else None
    if not LEADERSHIP.search(f"{said.window}\n{context}"):
        return []  # standing for what, the item does not say
    return [Event(kind, post, 0.8, "answered", f"{asked.group()} {said.text}")]


_ASKED_TO_STAND = re.compile(
    r"\b[Aa]sked\s+(?:\w+\s+){0,3}?(?:whether|if)\s+(?:he|she|they)\s+(?:would|will|was\s+going\s+to"
    r"|planned\s+to|intended\s+to)\s+(?:stand|run|be\s+a\s+candidate|put\s+(?:his|her|their)\s+name"
    r"\s+forward)(?:\s+for\s+(?:the\s+)?(?P<deputy>deputy\s+)?(?:leader(?:ship)?|[\w\s]{0,30}))?"
)


# An attribution to words said on some earlier occasion, told as background.
# An announcement made a week or more before the report, told as what set things going.
_ANNOUNCED_BEFORE = re.compile(
    r"\bannounced\s+(?:last\s+(?:week|month)|at\s+the\s+end\s+of\s+(?-i:[A-Z])\w+"
    r"|earlier\s+this\s+(?:month|year))\s+that\b",
    re.I,
)
_SAID_BEFORE_NOW = re.compile(
    r"\b(?:has|have|had)\s+(?:previously|long|repeatedly|often|always|consistently|in\s+the\s+past)"
    r"\s+(?:said|called|argued|described|claimed|warned|insisted|written|branded|dismissed"
    r"|explained|made\s+clear)"
    r"|\b(?:once|previously)\s+(?:said|called|described|argued|wrote|branded)\b",
    re.I,
)


def _statements(
    said: Said, events: list[Event], when: SpokenTime | None, item: Item, mps: Sequence[MP]
) -> list[Statement]:
    said_at = when.at if when else item.published_at
    timing: dict[str, Any] = {
        "said_at": said_at,
        "said_at_text": when.text if when else None,
        "said_at_precision": when.precision if when else ("published" if said_at else None),
    }
    timing |= {"verbatim": said.verbatim, "report": said.report or None}
    if not events:
        evidence = f"{said.how}: {_short(said.window or said.text)}"
        plain = Statement(said.mp, "statement", said.text, None, confidence=said.confidence)
        return [replace(plain, evidence=evidence, **timing)]
    return [
        replace(
            Statement(said.mp, event.kind, said.text, register_name(event, mps)),
            **timing,
            confidence=round(min(said.confidence, event.confidence), 2),
            evidence=_event_evidence(said, event),
        )
        for event in events
    ]


def _dated(when: SpokenTime | None, said: Said) -> bool:
    """Whether the time found for `said` comes from its own words, not the published time."""
    return when is not None and when.precision != "published"


def _told_of_another(event: Event, owner: str) -> bool:
    """In an MP's own post, an event whose verb follows someone else's name ('Louise Haigh
    has resigned as transport secretary.') is news the MP passes on, not their own."""
    if re.match(r"(?:I|We|My|Our)\b", event.sentence[event.at :]):
        return False
    before = (
        re.search(
            r"(?<![\w'’-])(?:[A-Z][\w'’-]+\s+)+(?P<surname>(?!MP\b)[A-Z][\w'’-]+)(?:\s+MP)?"
            r"(?:\s+(?:has|have|had|is|was|just|now|also|today))*\s+$",
            event.sentence[: event.at],
        )
        or re.search(  # '... launches bid in Oxford as Pinkerton rules himself out'
            r"\b(?:as|while|after|when|and|but|because|since|whereas)\s+(?P<surname>[A-Z][\w'’-]+)"
            r"(?:\s+(?:has|have|had|is|was|just|now|also|today))*\s+$",
            event.sentence[: event.at],
        )
    )  # a full name or a titled one: 'Louise Haigh', 'Mrs Haigh'
    if before is None or re.fullmatch(r"(?:I|We)(?:['’]\w+)?", before.group("surname")):
        return False  # 'Tonight I've stepped down'
    surname = fold(before.group("surname")).casefold()
    return surname not in {fold(w).casefold() for w in owner.split()}


def _about_the_speaker(event: Event, said: Said) -> bool:
    """In a report, an event whose rule matched on a named subject belongs to that subject:
    'Priti Patel said she was sorry Mrs Braverman would not be standing' is not Patel's
    withdrawal."""
    if event.rule == "she has his support":
        return True  # the subject named is the candidate: 'said Powell had his full support'
    mp = said.mp
    another = _IN_ANOTHERS_CLAUSE.search(event.sentence[: event.at])
    if another and not _names_the_mp(another.group("name"), mp):
        return False  # '..., after Liz Saville Roberts said on Monday that she was stepping
        # down': the event of the clause's own subject
    if re.match(r"(?:he|she|they)\b", event.sentence[event.at :], re.I):
        return True  # 'told BBC Cymru Wales she would not be putting herself forward'
    if said.how == REPORTERS_WORDS and _SEAT_BEFORE.search(event.sentence[: event.at]):
        return True  # 'The North Herefordshire MP confirmed her candidacy': the subject found
    if said.how != SO_DID and _told_of_another(event, mp):
        return _among_the_subjects(event, mp)  # 'Tice said ..., after Zia Yusuf quit as
        # chairman'; but 'Rishi Sunak and Sajid Javid resigned' is Sunak's too
    subject = re.match(r"[A-Z][\w'’-]*", event.sentence[event.at :])
    if subject is None or subject.group() in ("He", "She", "They", "I", "We"):
        return True
    if _among_the_subjects(event, mp):
        return True  # 'Rishi Sunak and Sajid Javid resigned': listed with someone else
    words = mp.split() + mp.replace("-", " ").split()  # 'Ribeiro-Addy', and 'Addy'
    names = {fold(word).casefold().removesuffix("'s") for word in words}
    word = fold(subject.group()).casefold().removesuffix("'s").removesuffix("’s")
    return word in names


# A clause of time or cause whose subject is named, running on to the event: 'after Liz
# Saville Roberts said on Monday that she was ...'.
_IN_ANOTHERS_CLAUSE = re.compile(
    r"\b(?:after|as|when|while|since|because|once|following)\s+"
    r"(?P<name>(?:(?:Sir|Dame|Mr|Mrs|Ms|Dr)\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3})"
    r"\s+[a-z][^,;.]*$"
)


def _names_the_mp(name: str, mp: str) -> bool:
    words = {fold(word).casefold() for word in mp.replace("-", " ").split()}
    return any(fold(word).casefold() in words for word in name.split()[-2:])


# The MP named by their seat right before the verb: 'The North Herefordshire MP'.
_SEAT_BEFORE = re.compile(
    r"^\W*[Tt]he\s+(?:[A-Z][\w'’-]+\s+){1,4}MP(?:\s+(?:has|have|had|is|was|just|now|also|today))*"
    r"\s+$"
)


# The subject's own thing, right after the verb: 'posted his resignation letter'.
_OWN_THING = re.compile(
    r"\W*\w+(?:\s+(?!as\b|to\b)\w+)?\s+(his|her)\s+(?:resignation|letter|campaign|bid|candidacy"
    r"|decision|membership|seat|intention|hat|name)\b"
)


def _backed_again(
    event: Event, said: Said, before: list[Statement], genders: Mapping[str, Gender]
) -> Event:
    """'Sir Julian Smith is in the Tugendhat camp. He endorsed him in an article': told of
    the same MP right after their backing of a candidate, 'him' is that candidate again."""
    if event.kind != "endorsement" or event.target not in ("him", "her") or not before:
        return event
    last = before[-1]
    if last.mp != said.mp or last.kind != "endorsement" or last.target is None:
        return event
    if genders.get(last.target) != ("m" if event.target == "him" else "f"):
        return event
    return replace(event, target=last.target)


def _of_another_gender(event: Event, said: Said, genders: Mapping[str, Gender]) -> bool:
    """'The care minister posted his resignation letter', given to a woman: the pronoun of the
    event says it is someone else's."""
    if said.voice != "reported" or event.kind == "endorsement":
        return False  # 'nominated her': the one backed
    if said.how == SO_DID:  # 'Florence Eshalomi put her name forward. Dan Carden followed':
        return False  # her pronoun, in the sentence told again for him
    told = _OWN_THING.match(event.sentence, event.at)
    gender = genders.get(said.mp)
    if told is None or gender is None:
        return False
    return ("m" if told.group(1) == "his" else "f") != gender


def _among_the_subjects(event: Event, mp: str) -> bool:
    """'Jeremy Hunt and Karen Bradley have also backed him': the MP is one of the names listed
    right before the verb."""
    before = event.sentence[: event.at]
    at = before.rfind(mp.split()[-1])
    if at < 0:
        return False
    between = re.sub(r"\s+(?:has|have|had|is|was|just|now|also|today)\b", " ", before[at:])
    words = re.findall(r"[\w'’&-]+", between)
    return all(w in _LIST_WORDS or w[:1].isupper() for w in words)


# Words that may stand between names listed as one subject: 'X and Brexit minister Y'.
_LIST_WORDS = ("and", "&", "minister", "secretary", "shadow", "junior", "former")


def _own_post(event: Event, said: Said) -> Event:
    """'Rachel Reeves resigned as chancellor. Lisa Nandy did the same': Nandy gave up her own
    post, not Reeves's, so the post told of someone else is not hers."""
    surname = said.mp.split()[-1]
    if said.how != SO_DID or event.kind != "resignation":
        return event
    named_at = said.window.find(surname)
    clause = re.split(r"[,;.]|\band\b", said.window[:named_at])[-1] if named_at > 0 else ""
    own = post_before(clause) if clause.strip() else None
    if own:  # "children's minister Janet Daby followed him out of the door"
        return replace(event, target=own)
    return event if surname in event.sentence else replace(event, target=None)


def _event_evidence(said: Said, event: Event) -> str:
    """How it was attributed, with the words around the attribution ("…said on Facebook"),
    and the rule and sentence that decided the kind."""
    decided = f"{event.rule}: {_short(event.sentence)}"
    if said.window:
        return f"{said.how}: {_short(said.window)}; {decided}"
    return f"{said.how}; {decided}"


def _one_move(statements: list[Statement]) -> list[Statement]:
    """'I have decided to leave the Conservative Party and cross the floor' beside the report
    that he has defected to the Liberal Democrats: leaving a party for another is one
    defection, not also a resignation. A membership resigned in words of its own ('who
    resigned his Conservative Party membership last night') stays a resignation."""
    joined = {
        s.mp: s.target for s in statements if s.kind == "defection" and s.target != "Independent"
    }
    return [
        replace(s, kind="defection", target=joined[s.mp])
        if s.kind == "resignation"
        and s.target == "the party"
        and s.mp in joined
        and leaves_to_join(s.text)
        and not re.search(r"\bresign", s.text, re.I)
        else s
        for s in statements
    ]


def _merge(statements: list[Statement]) -> list[Statement]:
    """One statement per MP and event. An MP's plain words said on one occasion are gathered
    into one statement, the verbatim apart from the reported."""
    merged: dict[tuple[object, ...], Statement] = {}
    for statement in statements:
        if statement.kind == "statement":
            key: tuple[object, ...] = (statement.mp, statement.verbatim, statement.said_at_text)
        else:
            key = (statement.mp, statement.kind, _event_of(statement))
        earlier = merged.get(key)
        if earlier is None:
            merged[key] = statement
        elif statement.kind == "statement":
            merged[key] = _joined(earlier, statement)
        else:
            merged[key] = _one_event(earlier, statement)
    return list(merged.values())


def _quotes_in_events(statements: list[Statement]) -> list[Statement]:
    """A quote inside the reporter's sentence that tells an event ('Simon Lightwood quit last
    night, saying he could "no longer defend it"'): the event, shown in the MP's own words
    and dated as the event, not a second statement beside it."""
    told = [s for s in statements if s.kind != "statement" and not s.verbatim]
    kept: list[Statement] = []
    folded: dict[int, Statement] = {}
    for statement in statements:
        event = next((e for e in told if _carried_by(statement, e)), None)
        if event is None:
            kept.append(statement)
            continue
        folded[id(event)] = replace(event, text=statement.text, verbatim=True, report=event.text)
    return [folded.get(id(s), s) for s in kept]


def _reported_beside_quotes(statements: list[Statement]) -> list[Statement]:
    """'Mr Betts said the plan was "a disgrace"': one statement, the MP's quoted words with
    the reporter's sentence beside them, not a second, reported one of the same sentence."""
    quoted = [s for s in statements if s.kind == "statement" and s.verbatim and s.report]
    return [s for s in statements if not any(_same_telling(s, quote) for quote in quoted)]


def _same_telling(reported: Statement, quote: Statement) -> bool:
    """Whether `reported`, the MP's plain words as the reporter tells them, is the sentence
    that carries `quote`."""
    if reported.kind != "statement" or reported.verbatim or reported.mp != quote.mp:
        return False
    told = " ".join(reported.text.split())
    return any(told in " ".join(r.split()) for r in (quote.report or "").split("\n\n"))


def _carried_by(quote: Statement, event: Statement) -> bool:
    """Whether every sentence that carries `quote`, the MP's plain words, is `event`'s."""
    if quote.kind != "statement" or not quote.verbatim or quote.mp != event.mp:
        return False
    if not event.evidence.startswith((f"{REPORTERS_WORDS}:", f"{REPORTED_SPEECH}:")):
        return False  # 'Ms Coutinho, who launched her campaign on Monday, said: "..."'
    if quote.said_at_text and quote.said_at != event.said_at:
        return False  # 'X, who said on Friday that he was "seriously considering" it, confirmed'
    reports = [" ".join(r.split()) for r in (quote.report or "").split("\n\n") if r.strip()]
    told = " ".join(event.text.split())
    return bool(reports) and all(_tells(report, told) for report in reports)


def _tells(report: str, told: str) -> bool:
    """Whether a quote's sentence is the event's, perhaps after a short label the event's
    sentence was read without ('Tory frontbench: Alicia Kearns has quit ...')."""
    if report in told:
        return True
    label = report[: len(report) - len(told)] if report.endswith(told) else ""
    return bool(label) and label.rstrip().endswith(":") and len(label) <= 60


def _one_event(first: Statement, second: Statement) -> Statement:
    """One event told twice in an item (the reporter's sentence and the MP's quote): shown in
    the MP's own words where there are some, dated by the telling that gives a time, and
    with the fuller of the targets ('government whip', not 'whip')."""
    words = max((first, second), key=lambda s: (s.verbatim, _better(s, first)))
    timed = words if words.said_at_text else max((first, second), key=_timing)
    other = second if words is first else first
    # the reporter's sentence that told the event stays beside the MP's words that tell it too
    told = other.report if other.verbatim else other.text
    return replace(
        words,
        report=_reports(words.report, told) if words.verbatim else words.report,
        target=_fuller(words.target, other.target),
        said_at=timed.said_at,
        said_at_text=timed.said_at_text,
        said_at_precision=timed.said_at_precision,
    )


def _fuller(target: str | None, other: str | None) -> str | None:
    """The target that says more, when one holds the other ('government whip' and 'whip')."""
    if target and other and target.casefold() in other.casefold():
        return other
    return target or other


def _timing(statement: Statement) -> tuple[bool, float]:
    return bool(statement.said_at_text), statement.confidence


def _event_of(statement: Statement) -> str | None:
    """What makes two statements of one kind by one MP the same event: the candidate backed;
    for a resignation, whether it gives up the party, the whip, the seat, a party's
    leadership or another post (however the post is named); a bid or withdrawal is one event
    per MP in an item."""
    if statement.kind == "endorsement":
        return statement.target
    if statement.kind == "resignation" and statement.target in (
        "the party",
        "the whip",
        "the seat",
    ):
        return statement.target
    if statement.kind == "resignation" and "leader" in (statement.target or ""):
        return "the leadership"  # apart from a government post given up the same day
    return None


def _joined(first: Statement, second: Statement) -> Statement:
    timed = first if first.said_at_text or not second.said_at_text else second
    return Statement(
        first.mp,
        "statement",
        f"{first.text}\n\n{second.text}",
        None,
        timed.said_at,
        timed.said_at_text,
        timed.said_at_precision,
        max(first.confidence, second.confidence),
        first.evidence,
        first.verbatim,
        _reports(first.report, second.report),
    )


def _reports(first: str | None, second: str | None) -> str | None:
    """Both reporters' sentences, each once: a quote split by 'he said,' has one sentence."""
    if first and second and second in first.split("\n\n"):
        return first
    return "\n\n".join(r for r in (first, second) if r) or None


def _better(candidate: Statement, current: Statement) -> bool:
    if bool(candidate.said_at_text) != bool(current.said_at_text):
        return bool(candidate.said_at_text)
    return candidate.confidence > current.confidence


def _short(text: str, limit: int = 240) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


# 'the morning after the vote on 4 July': the day after the date named.
