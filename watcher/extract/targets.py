"""The target of an event, with its context: the race a bid or withdrawal is in ('Labour
deputy leader'), the candidate an endorsement backs (as the register names them), the post a
resignation gives up (as exactly as the item names it)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from watcher.extract.attribution import CONTINUED
from watcher.extract.kinds import Event
from watcher.extract.people import Mention, first_name_gender, roster_for, short_for
from watcher.extract.phrasings import RACE, clean_post, held_title, race_post
from watcher.extract.reader import Said
from watcher.extract.reference import People
from watcher.extract.reports import BACKED_BY, SO_DID
from watcher.extract.sentences import SENTENCE_BREAK
from watcher.models import MP, Item, roll_of
from watcher.register import TITLES, fold

_GENERIC_POSTS = re.compile(
    r"^(?:the\s+)?(?:(?:labour|conservative|tory|liberal\s+democrat|snp|reform|green)\s+)?"
    r"(?:government|cabinet|shadow\s+cabinet|front\s?bench|post|role|position|job"
    r"|(?:ministerial|government|frontbench)\s+(?:post|role|position|job))$"
)
_NAMED_POST = re.compile(
    r"(?<!['’])\b((?:shadow\s+)?(?:[A-Za-z]+\s+){0,3}?(?:secretary|minister|spokesperson|spokesman"
    r"|spokeswoman)"
    r"(?:\s+(?:for|of|to)\s+(?:the\s+)?[A-Za-z]+(?:\s+(?:and|of)\s+[A-Za-z]+)?)?)\b"
)

_AIDE_TO = re.compile(
    r"(?:(?P<pps>\bPPS|parliamentary\s+private\s+secretary)|\baide|\badviser)\s+to\s+(?:the\s+)?$",
    re.I,
)


# Another person the sentence is about, named before the MP ('Education Secretary Bridget
# Phillipson has entered the race to succeed Angela Rayner ..., the first cabinet minister').
_SOMEONE_FIRST = re.compile(
    r"\b[A-Z][a-z]+\s+[A-Z][\w'’-]+\s+(?:has|have|had|is|was|said|says|will|would)\b"
)


def specific_post(event: Event, text: str, mp: str, window: str = "") -> str | None:
    """'the government' as a post resigned: the post the item names for the MP, if it does,
    beside the surname or as the speaker ('The shadow Scotland secretary said: ...')."""
    if event.kind == "resignation" and _A_COMMITTEE_CHAIR.fullmatch(event.target or ""):
        return _committee_chaired(text) or event.target
    if event.kind != "resignation" or (event.target and not _GENERIC_POSTS.match(event.target)):
        return event.target
    speaker = _POST_SPEAKS.match(window)
    if speaker:
        return clean_post(speaker.group("post").lower()) or event.target
    surname = mp.split()[-1]
    for sentence in re.split(r"(?<=[.!?])\s+|\n+", text):
        if surname not in sentence or _SOMEONE_FIRST.search(sentence[: sentence.find(surname)]):
            continue
        for match in _NAMED_POST.finditer(sentence):
            aide = _AIDE_TO.search(sentence[: match.start()])
            if aide:  # 'PPS to the work and pensions secretary': the MP's post is the first
                return "parliamentary private secretary" if aide.group("pps") else None
            post = match.group(1).lower()
            post = re.sub(r"^(?:the|a|an|as|her|his|former|then|new)\s+", "", post)
            if post not in ("prime minister", "minister", "secretary") and "prime" not in post:
                return clean_post(post) or post
    return event.target


# A committee's chair, the committee not named: 'chair of the committee', 'the chair'.
_A_COMMITTEE_CHAIR = re.compile(
    r"(?:the\s+)?(?:(?:committee\s+)?chair(?:man|woman)?(?:\s+of\s+the\s+committee)?)"
)
# A committee named with its chair: 'chair of the Commons transport select committee', 'as
# work and pensions committee chair'.
_COMMITTEE_NAMED = re.compile(
    r"\bchair(?:man|woman)?\s+of\s+(?:the\s+)?(?:commons\s+)?"
    r"(?P<of>(?:[\w'’-]+,?\s+){0,6}?[\w'’-]+)\s+(?:select\s+)?committee\b"
    r"|\b(?:as|the)\s+(?:commons\s+)?(?P<before>(?:[\w'’-]+,?\s+){0,5}?[\w'’-]+)\s+"
    r"(?:select\s+)?committee\s+chair",
    re.I,
)


def _committee_chaired(text: str) -> str | None:
    """'chair of the transport committee': the one committee an item names with its chair."""
    named = {
        " ".join((found.group("of") or found.group("before")).lower().split())
        for found in _COMMITTEE_NAMED.finditer(text)
    }
    named = {name.removeprefix("the ").removeprefix("commons ") for name in named} - {"the"}
    return f"chair of the {named.pop()} committee" if len(named) == 1 else None


# The speaker named by their post alone: 'The shadow Scotland secretary said in a statement:'.
_POST_SPEAKS = re.compile(
    r"\W*[Tt]he\s+(?P<post>(?:shadow\s+)?(?:[A-Za-z]+\s+){0,3}?(?:secretary|minister|chancellor"
    r"|whip))\s+(?:has\s+)?(?:said|says|told|wrote|added|posted)\b"
)
_CONTEST_PARTY = re.compile(
    r"\b(?P<party>(?:Scottish|Welsh)\s+(?:Labour|Conservatives?|Tory|Lib(?:eral)?\s+Dem(?:ocrat)?s?"
    r"|Greens?|Green\s+Party)|Labour|Conservatives?|Tory"
    r"|Tories|Lib(?:eral)?\s+Dem(?:ocrat)?s?|SNP|Scottish\s+National\s+Party|Greens?"
    r"|Green\s+Party|Reform(?:\s+UK)?|Plaid(?:\s+Cymru)?)(?:['’]s?)?\s+(?:party\s+)?"
    r"(?:(?P<deputy>deputy)\s+)?(?:leader(?:ship)?|(?P<race>(?:leadership\s+)?(?:race|contest"
    r"|nominations|hustings|ballot)))\b"
    r"|\b(?:(?P<deputy2>deputy)\s+)?lead(?:er)?(?:ship)?\s+(?:of\s+(?:the\s+)?|the\s+)(?P<party2>"
    r"(?:Scottish|Welsh)\s+(?:Labour|Conservatives|Tories|Liberal\s+Democrats|Lib\s+Dems"
    r"|Greens|Green\s+Party)|Labour|Conservatives?|Tory|Liberal\s+Democrats|Lib\s+Dems|SNP"
    r"|Greens|Green\s+Party|Reform(?:\s+UK)?|SDLP|DUP|Plaid(?:\s+Cymru)?)\b"
)
_PARTY_WORD = (
    r"Labour|Conservatives?|Tory|Tories|Lib(?:eral)?\s+Dem(?:ocrat)?s?|SNP|Greens?"
    r"|Green\s+Party|Reform(?:\s+UK)?|Plaid(?:\s+Cymru)?"
)
_PARTY_NAMES = {
    "labour": "Labour", "conservative": "Conservative", "conservatives": "Conservative",
    "tory": "Conservative", "tories": "Conservative", "lib dem": "Liberal Democrat",
    "lib dems": "Liberal Democrat", "liberal democrat": "Liberal Democrat",
    "liberal democrats": "Liberal Democrat", "snp": "SNP", "scottish national party": "SNP",
    "green": "Green Party", "greens": "Green Party", "green party": "Green Party",
    "reform": "Reform UK", "reform uk": "Reform UK", "plaid": "Plaid Cymru",
    "plaid cymru": "Plaid Cymru", "sdlp": "SDLP", "social democratic & labour party": "SDLP",
    "dup": "DUP", "democratic unionist party": "DUP",
}  # fmt: skip


def party_leadership(event: Event, said: Said, item: Item, context: str, mp: MP | None) -> Event:
    """A party leadership resigned names the party: 'conservative leader', not 'leader'."""
    if event.kind != "resignation" or not event.target:
        return event
    if event.target not in _LEADERSHIPS:
        target = event.target
        if _HELD_AT_WESTMINSTER.search(event.sentence):  # 'as Plaid Cymru's leader at Westminster'
            target = _AT_WESTMINSTER.sub(" westminster \\1", target)
        return replace(event, target=_party_named_in_full(target))
    post = "deputy leader" if "deputy" in event.target else "leader"
    contest = with_contest(replace(event, kind="leadership_declined", target=post), said, item,
                           context, mp)  # fmt: skip
    return replace(event, target=(contest.target or post).lower())


# A party leadership given up, as a resignation's target names it.
_LEADERSHIPS = (
    "leader",
    "deputy leader",
    "party leader",
    "westminster leader",
    "westminster deputy leader",
    "group leader",
    "our group leader",
)


def _party_named_in_full(target: str | None) -> str | None:
    """'plaid westminster leader' -> 'plaid cymru westminster leader'."""
    found = _PARTY_LEADERSHIP.fullmatch(target or "")
    if found is None:
        return target
    return f"{_party_name(found.group('party'))} {found.group('post')}".lower()


_PARTY_LEADERSHIP = re.compile(
    rf"(?P<party>{_PARTY_WORD})\s+(?P<post>(?:westminster\s+)?(?:deputy\s+)?leader)", re.I
)
# A party's leadership in the Commons, named in a resignation's sentence.
_HELD_AT_WESTMINSTER = re.compile(
    r"\bleader(?:ship)?\s+(?:at\s+Westminster|in\s+the\s+(?:House\s+of\s+)?Commons)\b"
)
_AT_WESTMINSTER = re.compile(r"(?<!westminster)\s+((?:deputy\s+)?leader)$")


def with_contest(event: Event, said: Said, item: Item, context: str, mp: MP | None) -> Event:
    """A leadership target names the race: 'Labour deputy leader', 'Conservative leader'.

    The post is the one the event's sentence names, else the one named last before it in the
    MP's own words, else in the item's title, else in `context` (its paragraph), else the race
    the item names most often. The party is the one the sentence names, else the one the
    context or item names beside a leadership, else the MP's own."""
    if event.kind not in ("leadership_bid", "leadership_declined"):
        return event
    words_before = said.text[: max(said.text.find(event.sentence[:40]), 0)]
    post = (
        event.target
        or _post_named(words_before, last=True)
        or _post_named(item.title)
        or _post_named(context)
        or _post_in_sight(item.text)
    )
    party = ""
    own_race = _THE_PARTYS_OWN.search(event.sentence) and not _PARTY_MENTION.search(event.sentence)
    if mp and mp.party and own_race:
        party = _party_name(mp.party)  # 'the race to be the party's next leader': hers
    places = () if party else (event.sentence, item.title, context, item.text)
    for place, words in enumerate(places):
        races = [r for r in _CONTEST_PARTY.finditer(words) if not _someones_title(r, words)]
        if place == len(places) - 1:  # the whole item, far from the event: plainly a race
            races = [r for r in races if _plainly_a_race(r, words)]
        parties = [party for r in races for party in _parties_of(r, words)]
        if parties:  # of several races named together, the MP's own party's
            own = _party_name(mp.party or "") if mp else ""
            party = own if own in parties else parties[0]
            break
    if not party:
        party = _party_most_named(item.text, _party_name(mp.party or "") if mp else "")
    party = _in_its_nation(party, context)
    lede = item.text[:600]  # where a report says which race it is about
    at_westminster = any(_WESTMINSTER.search(w) for w in (event.sentence, item.title, lede))
    at_westminster = at_westminster or bool(_WESTMINSTER_RACE.search(item.text))
    where = "Westminster " if at_westminster else ""
    return replace(event, target=f"{party} {where}{post or 'leader'}".strip())


# A race told of as the party's, with no party named: the MP's own.
_THE_PARTYS_OWN = re.compile(
    r"\bthe\s+party['’]s\s+(?:next\s+|new\s+)?(?:deputy\s+)?leader|\blead\s+the\s+party\b"
    r"|\bthe\s+party\s+(?:deputy\s+)?leadership\b"
)


def _in_its_nation(party: str, words: str) -> str:
    """'a Tory contest' in the title, 'Scottish Conservative leader' in the paragraph: the
    Scottish (or Welsh) party's race, when the item names it as a race."""
    for race in _CONTEST_PARTY.finditer(words):
        named = _parties_of(race, words)[0]
        if named in (f"Scottish {party}", f"Welsh {party}") and not _someones_title(race, words):
            return named
    return party


_PARTY_MENTION = re.compile(rf"\b(?:{_PARTY_WORD})\b")


def _party_most_named(text: str, own: str) -> str:
    """The MP's own party, unless the item plainly tells of another: named more often, and at
    least twice ('the third Conservative to declare ... the Tories must win back voters', for
    an MP who has since joined Reform UK)."""
    counts = Counter(_party_name(found.group()) for found in _PARTY_MENTION.finditer(text))
    if not counts:
        return own
    top = max(counts, key=lambda name: counts[name])
    if top != own and counts[top] >= 2 and counts[top] > counts.get(own, 0):
        return top
    return own


# The leader of a party's MPs, apart from the party's own leader: 'the SNP's Westminster
# leader', 'Plaid Cymru's leader at Westminster'.
_WESTMINSTER = re.compile(
    r"\bWestminster\s+(?:deputy\s+)?leader|\b(?:deputy\s+)?leader(?:ship)?\s+(?:at|in)\s+"
    r"Westminster\b|\bWestminster\s+group\b"
    # 'to lead the SNP's group of MPs in the Commons', 'to lead Plaid at Westminster'
    r"|\b(?:group(?:\s+of\s+MPs)?|MPs)\s+(?:at\s+Westminster|in\s+the\s+(?:House\s+of\s+)?Commons)\b"
    r"|\blead\s+(?:the\s+)?(?:[\w'’]+\s+){0,2}?at\s+Westminster\b"
    # 'a candidate to lead the group', 'the group leader'
    r"|\b(?:lead|leader\s+of)\s+(?:the|our|their)\s+group\b|\bgroup\s+leader\b"
)


# A race for a party's Westminster leadership, named anywhere in the item.
_WESTMINSTER_RACE = re.compile(
    r"\bWestminster\s+(?:deputy\s+)?leader(?:ship)?\s+(?:race|contest|election|bid|ballot)"
    r"|\b(?:race|contest|bid|ballot)\s+(?:to\s+(?:lead|become)|for)\s+(?:the\s+)?(?:\w+\s+){0,3}?"
    r"(?:Westminster\s+(?:deputy\s+)?leader|(?:MPs|group)\s+at\s+Westminster)"
    r"|\b(?:lead|leader\s+of)\s+(?:the\s+)?(?:\w+\s+){0,2}?(?:MPs|group)\s+at\s+Westminster"
    r"|\b(?:lead|leader\s+of)\s+(?:the\s+)?(?:[\w'’]+\s+){0,2}?(?:party['’]s\s+|[\w]+['’]s\s+)MPs\b"
)


def _parties_of(race: re.Match[str], words: str) -> list[str]:
    """The race's party, and any named with it: 'the Labour and Conservative leadership
    contests' names both."""
    named = [_party_name(race.group("party") or race.group("party2"))]
    joined = re.search(rf"\b({_PARTY_WORD})\s+(?:and|or)\s+$", words[: race.start()], re.I)
    return named + ([_party_name(joined.group(1))] if joined else [])


def _plainly_a_race(race: re.Match[str], words: str) -> bool:
    """'the Conservative leadership', 'to become Labour leader': a race, not a person ('the
    Labour leader said')."""
    if race.group("race") or race.group().lower().endswith("leadership"):
        return True  # 'the Conservative leadership', 'until Tory nominations close'
    return bool(re.search(r"\b(?:for|as|become|be|next|new|race\s+to\s+be)\s+(?:the\s+)?$",
                          words[: race.start()], re.I))  # fmt: skip


def _someones_title(race: re.Match[str], words: str) -> bool:
    """'Lib Dem leader Ed Davey', 'Sir Ed Davey, the Liberal Democrat leader, said': a
    leader's title names a person, not the race."""
    before_a_name = race.group("party") and re.match(r"\s+(?-i:[A-Z])", words[race.end() :])
    set_off = re.search(r",\s*the\s+$", words[: race.start()]) and words[race.end() :][:1] == ","
    return bool(before_a_name or set_off)


# A leadership named as a race, not as a title before a name ('Labour leader Keir Starmer').
def _post_named(text: str, *, last: bool = False) -> str | None:
    """The race `text` names first (or last), leaving out past races ('I ran for leader in
    2020')."""
    named = [
        m
        for m in RACE.finditer(text)
        if not _YEAR.search(_sentence_at(text, m.start())) and not held_title(m, text)
    ]
    if not named:
        return None
    return race_post(named[-1] if last else named[0])


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _sentence_at(text: str, at: int) -> str:
    start = max(text.rfind(". ", 0, at), text.rfind("\n", 0, at)) + 1
    end = min(i for i in (text.find(". ", at), text.find("\n", at), len(text)) if i >= 0)
    return text[start:end]


def _post_in_sight(text: str) -> str | None:
    """'deputy leader' or 'leader': the race the text names most often."""
    named = [race_post(m) for m in RACE.finditer(text) if not held_title(m, text)]
    if not named:
        return None
    return "deputy leader" if 2 * named.count("deputy leader") >= len(named) else "leader"


def _party_name(words: str) -> str:
    folded = " ".join(words.lower().replace("’", "'").removesuffix("'s").split())
    folded = folded.replace(" (co-op)", "")
    nation, _, rest = folded.partition(" ")
    if nation in ("scottish", "welsh") and rest in _PARTY_NAMES:
        return f"{nation.capitalize()} {_PARTY_NAMES[rest]}"
    return _PARTY_NAMES.get(folded, words.replace(" (Co-op)", ""))


def backed(
    event: Event,
    said: Said,
    people: People,
    mps: Sequence[MP],
    earlier: str | None = None,
    bidders: frozenset[str] = frozenset(),
) -> Event:
    """The candidate an endorsement backs, as the register names them: 'her' and 'Ms Powell'
    and 'Lucy' are resolved among the people the item names, and 'has also nominated her' is
    the candidate backed `earlier` in the item. `bidders` are the MPs whose bids the item has
    told before: candidates, however the bid was worded. A target that is nobody the item
    names (a country, a policy) makes no endorsement."""
    if event.kind != "endorsement" or not event.target:
        return event
    if event.target.startswith("@"):
        return replace(event, target=handle_of(event.target, mps))
    if event.target in ("Him", "Her"):  # 'Her first two nominations came from ...'
        lower = replace(event, target=event.target.lower())
        return backed(lower, said, people, mps, earlier, bidders)
    if event.target.startswith("the ") and not event.target.endswith(" MP"):
        return replace(event, target=_role_held(event.target, said, people))
    if event.target == "them":  # 'Among the first to declare their support were ...'
        return replace(event, target=_the_one_candidate(people, said, bidders))
    if event.target in ("him", "her") and earlier and _AGAIN.search(event.sentence):
        return replace(event, target=earlier)
    if event.target in ("him", "her") and said.voice == "first":
        in_words = _named_before_in_the_words(event, said, people)  # "I've told Tom ... I'll
        if in_words:  # support him": Tom, named in the words themselves
            return replace(event, target=in_words)
    if event.target in ("him", "her"):
        gender = "m" if event.target == "him" else "f"
        alone = event.rule == "signed her nomination papers"  # 'his papers': his own, or whose?
        found = _backed_pronoun(people, said, gender, bidders, alone=alone)
        return replace(event, target=found)
    if event.target.lower() in ("he", "she") and event.rule == "she has his support":
        gender = "m" if event.target.lower() == "he" else "f"  # 'Burnham said she had his support'
        return replace(event, target=_backed_pronoun(people, said, gender, bidders, alone=True))
    if event.target.lower() in ("he", "she") and said.how == BACKED_BY:
        return replace(event, target=_subject_pronoun(people, said))  # 'He was endorsed by'
    if event.target.lower() in ("he", "she"):  # 'James is the man, and he has my support'
        found = _named_before_in_the_words(event, said, people)
        if found is None and said.voice == "first":  # '"She'll have my nomination," she said'
            gender = "m" if event.target.lower() == "he" else "f"
            found = _backed_pronoun(people, said, gender, bidders, alone=True)
        return replace(event, target=found)
    if event.target.endswith(" MP"):  # 'backed the Tonbridge MP'
        place = re.sub(r"^the\s+", "", event.target).removesuffix(" MP")
        return replace(event, target=people.roster_seat(place))
    if len(event.target.split()) == 1:  # 'Becky': whom the item names so, before the register
        here = _told_here(event.target, people, said) or _named_in_item(event.target, people, said)
        if here:
            return replace(event, target=here)
    tracked = register_name(event, mps)
    if tracked != event.target:
        return replace(event, target=tracked)
    word = _titled(event.target) or (event.target if len(event.target.split()) == 1 else None)
    if word is None:  # named in full: a tracked MP, or a candidate the item tells of
        tracked_mp = any(mp.name == event.target for mp in mps)
        a_person = first_name_gender(event.target.split()[0]) is not None
        if tracked_mp or a_person or not _ORGANISATION.search(event.target):
            return event
        return event if _a_candidate(event.target, people.masked) else replace(event, target=None)
    told = _told_here(event.target, people, said) or _named_in_item(word, people, said)
    found = told or _someone_named(word, people) or _one_mp(word, mps)
    # 'said he would nominate Mr Smith', with no Smith named in full: Mr Smith, as written
    return replace(event, target=found or (event.target if _titled(event.target) else None))


def _one_mp(surname: str, mps: Sequence[MP]) -> str | None:
    """The one tracked MP of that surname, if there is only one ('defected to Team
    Tugendhat')."""
    fitting = roster_for(roll_of(mps)).surname.get(surname, set())
    return next(iter(fitting)) if len(fitting) == 1 else None


def _named_before_in_the_words(event: Event, said: Said, people: People) -> str | None:
    """The person the words name last before the pronoun backed ('James is the man, and he
    has my support'), if any."""
    before = said.text[: max(said.text.replace("’", "'").find(event.sentence), 0)]
    words = re.findall(r"\b[A-Z][a-z]+\b", before + " " + event.sentence[: event.at])
    named = (_named_in_item(w, people, said) for w in reversed(words) if w not in _PRONOUNS)
    return next((mp for mp in named if mp), None)


def _role_held(role: str, said: Said, people: People) -> str | None:
    """The MP a role backed stands for ('is backing the deputy leader'), as the item's people
    resolve it; nobody, when it resolves to no one or to the backer."""
    held = {
        people.resolve(m)
        for m in people.mentions
        if m.how == "role" and people.masked[m.start : m.end].lower() == role
    }  # 'Daisy Cooper, the deputy leader,' before, wherever the role is told of her
    held.discard(said.mp)
    # 'X is backing the deputy leader, and Y has followed suit', 'Lewis Atkinson and Sharon
    # Hodgson nominate the education secretary': not one of the backers named with the role
    held -= {m.mp for m in people.mentions if m.mp and m.how == "name" and _in(m, said)}
    return held.pop() if len(held) == 1 and None not in held else None


def _in(mention: Mention, said: Said) -> bool:
    """Whether the mention is of the sentence that carries `said`."""
    return said.position - len(said.text) <= mention.start < said.position + len(said.text)


def handle_of(handle: str, mps: Sequence[MP]) -> str | None:
    """The one MP a social-media handle spells out: '@lucypowell.bsky.social' and
    '@LucyPowellMP' are Lucy Powell."""
    user = handle.lstrip("@").split("@")[0].split(".")[0].lower()
    squashed = re.sub(r"[^a-z]", "", user)
    squashed = re.sub(r"mp$", "", squashed) or squashed
    fitting = {mp.name for mp in mps if re.sub(r"[^a-z]", "", fold(mp.name).lower()) == squashed}
    return fitting.pop() if len(fitting) == 1 else None


def _first_and_last(name: str) -> tuple[str, str]:
    words = re.sub(r"['’]s$", "", name).split()
    return words[0], words[-1]


def _someone_named(first_name: str, people: People) -> str | None:
    """The one person the item names in full with that first name or surname, tracked or not
    ('Eluned has my full support' after 'Eluned Morgan, the first minister, ...'; 'has
    nominated Mr Johnson' after 'Daniel Johnson')."""
    named = {
        " ".join(re.sub(r"['’]s$", "", people.masked[m.start : m.end]).split())
        for m in people.mentions
        if m.how == "person" and first_name in _first_and_last(people.masked[m.start : m.end])
    }
    full = {name for name in named if len(name.split()) >= 2 and name.split()[0] not in TITLES}
    return full.pop() if len(full) == 1 else None


# The last word of a name that is no person's: 'Birmingham City', 'Leeds United'.
_ORGANISATION = re.compile(
    r"\b(?:City|United|Town|Rovers|Wanderers|Athletic|Albion|County|Council|Hospital|Trust"
    r"|Party|Club|FC|Association|Union|Society|School|University|College|Campaign|Fund"
    r"|Foundation|Group|Ltd|plc|Bank|Board|Authority|Service|Partnership|Alliance)$"
)
# Words that tell of a candidacy, in a sentence naming someone.
_CANDIDACY = re.compile(
    r"\b(?:stand\w*|stood|run(?:s|ning)?|ran|candida\w+|bid|campaign\w*|race|contest|leader\w*"
    r"|deputy|nominat\w+|ballot|hustings|elect\w*|succeed|frontrunner|favourite|challeng\w+"
    r"|declar\w*|backing|backed|endorse\w*|support\w*|vot\w*)\b",
    re.I,
)


def _a_candidate(name: str, text: str) -> bool:
    """Whether a sentence of the item that names `name` (by its surname) tells of a
    candidacy: 'supported Birmingham City in the cup final' backs no candidate."""
    surname = re.escape(name.split()[-1].replace("’", "'"))
    for sentence in re.split(r"(?<=[.!?])\s+|\n+", text.replace("’", "'")):
        if re.search(rf"\b{surname}\b", sentence) and _CANDIDACY.search(
            re.sub(
                rf"\b(?:supported|backed|endorsed|backing|supporting)\s+[^.]*?{surname}",
                "",
                sentence,
            )
        ):
            return True
    return False


def _subject_pronoun(people: People, said: Said) -> str | None:
    """Whom the pronoun opening the sentence stands for, when it is a tracked MP other than
    the backer."""
    start = people.sentence_start(said.position)
    first = next((m for m in people.mentions if m.start >= start), None)
    if first is None or first.how != "pronoun":
        return None
    found = people.resolve(first)
    return found if found != said.mp else None


def _told_here(target: str, people: People, said: Said) -> str | None:
    """The MP that the words naming the candidate in the sentence stand for, as the item's
    people resolve them ('Ms Spencer', with Ben and Hannah Spencer both named, is Hannah)."""
    start = people.sentence_start(said.position)
    found = {
        people.resolve(m)
        for m in people.mentions
        if m.start >= start and people.masked[m.start : m.end] == target
    }
    return found.pop() if len(found) == 1 else None


_PRONOUNS = ("I", "He", "She", "We", "They")
_AGAIN = re.compile(r"\b(?:also|too|likewise|as\s+well)\b", re.I)


def _titled(target: str) -> str | None:
    """'Ms Powell' -> 'Powell'; None for a name that is not a title and a surname."""
    words = target.split()
    return words[1] if len(words) == 2 and words[0].rstrip(".") in TITLES else None


def _named_in_item(word: str, people: People, said: Said) -> str | None:
    """The one tracked MP, other than the speaker, named in the item by that first name or
    surname."""
    named = {m.mp for m in people.mentions if m.mp and m.how in ("name", "title", "surname")}
    named.discard(said.mp)
    fitting = [
        mp for mp in named if word in (mp.split()[0], mp.split()[-1]) or short_for(word, mp)
    ]  # 'Becky' for Rebecca Long-Bailey
    return fitting[0] if len(fitting) == 1 else None


def _backed_pronoun(
    people: People, said: Said, gender: str, bidders: frozenset[str], *, alone: bool = False
) -> str | None:
    """'was joined on stage by Lisa Nandy, who said she would nominate him': the nearest person
    of that gender named before the pronoun, other than the sentence's subjects, if it is a
    tracked MP. With `alone`, only when no one else of that gender is named in the nearest
    person's sentence ('Powell and Phillipson will stand. ... she had his support': either)."""
    sentence = people.sentence_start(said.position)
    stop = SENTENCE_BREAK.search(people.masked, said.position)  # within the words' sentence
    ends = stop.end() if stop else len(people.masked)
    pronoun = _BACKED_PRONOUN.search(people.masked, sentence, ends)
    until = pronoun.start() if pronoun else sentence
    if any(m.how == "group" and sentence <= m.start < ends for m in people.mentions):
        return None  # 'Mr Owen's campaign got a lift when Ann Davies came out for him': his
    chain = _subject_chain(people, sentence)
    # the subjects did the backing; after 'so did' or 'as did' they are someone else's
    subjects = chain if said.mp in {m.mp for m in chain} or said.how == SO_DID else []
    before = [
        m for m in people.mentions if m.start < until and m.how != "pronoun" and m not in subjects
    ]
    people_before = [people.identify(m) for m in reversed(before)]
    others = [p for p in people_before if p is not None and p.mp != said.mp]
    others = [p for p in others if p.how not in ("role", "group")]  # 'the candidate': nobody
    candidates = _candidates(others, people, gender, bidders)
    if candidates:  # 'X launched her campaign ... signed by Jo Bloggs ... came out for her'
        return candidates.pop() if len(candidates) == 1 else None
    if said.voice == "first" and said.how == CONTINUED:
        return None  # the words that would tell whom are in the quote before
    nearest = next((p for p in others if p.gender in (gender, None)), None)
    if nearest is None or (nearest.gender is None and any(p.gender == gender for p in others)):
        return None  # someone nearer may be the one: their gender is not known
    if alone and _another_beside(nearest, others, people, gender):
        return None
    return nearest.mp


def _the_one_candidate(people: People, said: Said, bidders: frozenset[str]) -> str | None:
    """The one person the item has told as a candidate before these words, if only one."""
    before = [m for m in people.mentions if m.start < said.position and m.how != "pronoun"]
    found = [p for m in before if (p := people.identify(m)) is not None and p.mp != said.mp]
    told = {p.mp or _full_name(p, people) for p in found if _told_as_a_candidate(p, people)}
    told = told or {p.mp for p in found if p.mp in bidders}  # 'launched a challenge to ...'
    return told.pop() if len(told) == 1 else None


def _candidates(
    others: list[Mention], people: People, gender: str, bidders: frozenset[str]
) -> set[str]:
    """The people of that gender (or of none known) whom the item tells as candidates: as its
    sentences put it, else as the bids found before say."""
    fitting = [p for p in others if p.gender in (gender, None)]
    told = {p.mp or _full_name(p, people) for p in fitting if _told_as_a_candidate(p, people)}
    return told or {p.mp for p in fitting if p.mp in bidders}


def _full_name(person: Mention, people: People) -> str:
    """The longest name the item gives someone untracked ('Jo Swinson' for 'Swinson')."""
    named = [
        " ".join(people.masked[m.start : m.end].split())
        for m in people.mentions
        if m.key == person.key and m.how == "person"
    ]
    return max(named, key=len, default=" ".join(people.masked[person.start : person.end].split()))


# Words that make the person a sentence opens with a candidate.
_CANDIDATE_WORDS = re.compile(
    r"\b(?:is\s+standing|will\s+stand|launched\s+(?:his|her)\s+(?:campaign|bid)|candidacy"
    r"|(?:his|her)\s+(?:campaign|bid|candidacy)|declared(?!\s+(?:for|support|(?:his|her|their)\s+support))"
    r"|entered\s+the\s+race|is\s+running|is\s+challenging"
    r"|launched\s+(?:a|his|her)\s+(?:leadership\s+)?(?:challenge|campaign|bid)"
    r"|is\s+a\s+candidate)\b",
    re.I,
)


def _told_as_a_candidate(person: Mention, people: People) -> bool:
    """Whether `person` is a subject of a sentence that tells them a candidate ('Lucy Powell
    and Bridget Phillipson will stand')."""
    start = people.sentence_start(person.start)
    chain = _subject_chain(people, start)
    if person not in chain:
        return False
    end = people.masked.find(".", chain[-1].end)
    told = people.masked[chain[-1].end : end if end > 0 else None]
    if _CANDIDATE_WORDS.search(told):
        return True
    whose = people.masked[chain[-1].start : chain[-1].end + 2]  # 'Angela Rayner’s', as read
    return bool(re.search(r"['’]s?(?:\s|$)", whose) and _THEIR_BID.match(told))


# 'Angela Rayner's challenge to Sir Keir Starmer, which she launched on Monday, ...'
_THEIR_BID = re.compile(r"(?:['’]s?)?\s+(?:leadership\s+)?(?:challenge|bid|campaign|candidacy)\b")


def _another_beside(nearest: Mention, others: list[Mention], people: People, gender: str) -> bool:
    """Whether someone else of that gender (or of none known) is named in `nearest`'s
    sentence."""
    sentence = people.sentence_start(nearest.start)
    return any(
        p.key != nearest.key
        and p.gender in (gender, None)
        and people.sentence_start(p.start) == sentence
        for p in others
    )


_BACKED_PRONOUN = re.compile(
    r"\b(?:back|endors|nominat|support|vote\w*\s+for|behind|in\s+support\s+of)\w*\s+(?:him|her)\b"
    r"|\bsign\w*\s+(?:his|her)\s+nomination",
    re.I,
)


def _subject_chain(people: People, start: int) -> list[Mention]:
    """The people a sentence opens with, listed one after another: its subjects."""
    chain: list[Mention] = []
    for mention in (m for m in people.mentions if m.start >= start):
        gap = people.masked[chain[-1].end if chain else start : mention.start]
        if gap.strip(" ,&") not in ("", "and") or mention.how == "pronoun":
            break
        chain.append(mention)
    return chain


def register_name(event: Event, mps: Sequence[MP]) -> str | None:
    """An endorsed candidate is named as the register names them, when they are tracked."""
    if event.kind != "endorsement" or not event.target:
        return event.target
    roster = roster_for(roll_of(mps))
    for mention in roster.mentions(event.target):
        if mention.mp:
            return mention.mp
    first = event.target.split()[0]
    if len(event.target.split()) == 1 and len(roster.first_names.get(first, ())) == 1:
        return next(iter(roster.first_names[first]))
    return event.target
