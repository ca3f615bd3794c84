"""The people a text names or refers to, tracked MPs or not.

News copy names a person in full ("Michel Barnier"), by title ("Mr Barnier", "Lord
Mandelson", "Dame Margaret"), by constituency ("the Wansbeck MP"), by role ("the taoiseach", "a
Downing Street spokesman", "the shadow chancellor") and by pronoun. Every one of them is a
`Mention`; only those that stand for a tracked MP carry `mp`. Whom a pronoun or a role means
is worked out among all of them (`reference`), so "he said" after a foreign leader is the
foreign leader's, and belongs to nobody we track.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import Literal

from watcher.extract.sentences import ABBREVIATED_TITLE, INITIAL, pattern
from watcher.models import MP
from watcher.register import TITLES, fold, surnames

Gender = Literal["m", "f"] | None

_PRONOUN = re.compile(r"\b(he|she)\b", re.I)
_PARTICLE = r"(?:von|van|der|den|de|da|di|du|le|la|al|el|bin|ibn|ap|ab|ferch|verch)"
_WORD = rf"(?:{ABBREVIATED_TITLE}|(?:[A-Z]\.){{2,}}|{INITIAL}|[A-Z][\w'’-]*)"  # 'U.S.' is a word
_CAPITALISED = re.compile(rf"{_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+)*{_WORD})*")
_ROLE_WORDS = (
    r"prime\s+minister|deputy\s+prime\s+minister|first\s+minister|chancellor|taoiseach"
    r"|t[aá]naiste|president|vice[-\s]president|premier|chancellor|commissioner|ambassador"
    r"|envoy|negotiator|mayor|king|queen|governor|senator|congressman|congresswoman"
    r"|general\s+secretary|secretary[-\s]general|chief\s+executive|chief\s+whip|speaker"
    r"|secretary|minister|mp|chair|chairman|chairwoman|chairperson|convener|veteran"
    r"|backbencher|frontbencher|deputy\s+leader|leader|spokes(?:man|woman|person)"
    r"|official|aide|adviser|advisor|peer|councillor|candidate|campaigner|boss|founder"
    r"|politician|lawmaker|judge|editor|presenter|host|economist|analyst|journalist"
    r"|insider|ally|source|member|chief|head|director|diplomat|officer|commander"
    r"|woman|man|lady|gentleman|voter|resident|constituent|pensioner|nurse|teacher|mother"
    r"|father|worker|student|shopkeeper|doctor|neighbour|activist|volunteer|supporter"
)
_FUNCTION_WORDS = (
    r"to|the|a|an|as|in|from|with|for|of|and|or|at|on|by|into|who|that|which|is|was|under|over"
    r"|behind|after|before|against|about|than|like"
)
_ROLE = re.compile(
    rf"\b(?:the|a|an|one|another)[ \t]{{1,3}}"
    rf"(?:(?!(?:{_FUNCTION_WORDS})\s)(?:[\w'’-]+|(?:[A-Z]\.)+)[ \t]{{1,3}}){{0,4}}?"
    rf"(?P<role>{_ROLE_WORDS})\b(?!['’]s)",
    re.I,
)
_ROLE_GENDER: dict[str, Gender] = {
    "spokesman": "m",
    "chairman": "m",
    "congressman": "m",
    "king": "m",
}
_ROLE_GENDER |= {"spokeswoman": "f", "chairwoman": "f", "congresswoman": "f", "queen": "f"}
_ROLE_GENDER |= {"man": "m", "gentleman": "m", "father": "m"}
_ROLE_GENDER |= {"woman": "f", "lady": "f", "mother": "f"}
_AGE = re.compile(r"\bthe\s+(?:\d{2}|[a-z]+(?:-[a-z]+)*)-year-old\b", re.I)
_NOT_PERSON_WORDS = {
    "The", "A", "An", "In", "On", "At", "But", "And", "It", "He", "She", "They", "We", "I",
    "Labour", "Conservative", "Conservatives", "Tory", "Tories", "Party", "Reform", "UK",
    "Liberal", "Democrat", "Democrats", "Green", "Greens", "SNP", "Plaid", "Cymru", "MP", "MPs",
    "Facebook", "Twitter", "X", "Bluesky", "BBC", "Sky", "News", "ITV", "Radio", "Today",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
    "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "Commons", "House", "Lords", "Westminster", "Downing", "Street",
    "Government", "Minister", "Prime", "Secretary", "Shadow", "Chancellor", "Mr", "Mrs", "Ms",
    "Dr", "Sir", "Dame", "Speaker", "Parliament", "Brexit", "NHS", "Britain", "England",
    "Scotland", "Wales", "Ireland", "London", "Union", "Unite", "Council", "Committee",
    "Read", "More", "Related", "Share", "Updated", "Published", "Posted", "Advertisement",
    "Island", "Bay", "Center", "Palace", "Abbey", "Castle", "Pier", "Holyrood", "Senedd",
    "Stormont", "Whitehall", "Central",
    "Mastodon", "Instagram", "YouTube", "Channel", "Telegraph", "Guardian", "Times", "Mail", "Sun",
    "Mirror", "Express", "Post", "Press", "Association", "PA", "Reuters", "Office", "Home",
    "Foreign", "Treasury", "Cabinet", "Number", "Ten", "No", "European", "EU", "Brussels",
    "Scottish", "Welsh", "Irish", "British", "English", "Northern", "Southern", "East", "West",
    "North", "South", "Leader", "Deputy", "Lord", "Lady", "Baroness", "Hon", "Rt", "Mayor",
    "President", "Taoiseach", "General", "Chief", "Executive", "Health", "Justice", "Defence",
    "Education", "Transport", "Business", "Trade", "Energy", "Work", "Pensions", "Culture",
    "Also", "However", "Meanwhile", "Yesterday", "Last", "This", "That", "These", "Those",
    "After", "Before", "When", "While", "Speaking", "Asked", "Writing", "Despite", "Although",
    "Earlier", "Later", "Now", "Then", "Since", "Under", "Over", "If", "As", "For", "From",
    "With", "Without", "By", "Of", "To", "Dear", "Thanks", "Thank", "Watch", "Listen", "Sign",
    "Follow", "Join", "Support", "Vote", "Back", "Why", "What", "How", "Who", "Where", "Our",
    "My", "His", "Her", "Their", "Your", "Its", "Not", "Yes", "So", "Or", "Nor", "Both",
    "Every", "Each", "All", "Some", "Many", "Most", "Several", "One", "Two", "Three", "Former",
    "New", "Old", "Senior", "Junior", "Team", "Labour's", "Reform's", "Conservative's", "St",
    "Ends", "Editors", "Notes", "Contact", "Media", "Enquiries", "Photo", "Picture", "Image",
    "Credit", "Hall", "City", "Road", "Square", "Centre", "Park", "Station", "Church", "College",
    "University", "School", "Hospital", "Airport", "Town", "Village", "Bridge", "Court",
    "Greater", "Market", "Lane", "Avenue", "Gardens", "Estate", "Library", "Arena", "Stadium",
    "Cathedral", "Chapel", "Museum", "Theatre", "Barracks", "Harbour", "Port", "Docks",
    "Unison", "GMB", "TUC", "Usdaw", "Aslef", "RMT", "Momentum", "Progress",
    "Guildhall", "Tower", "Hotel", "Institute", "Foundation", "Trust", "Sinn", "Féin", "Fianna",
    "Fáil", "Fine", "Gael", "Alliance", "DUP", "SDLP", "UUP", "TUV",
}  # fmt: skip
_TITLE_GENDER: dict[str, Gender] = {
    "Mr": "m", "Sir": "m", "Lord": "m", "Mrs": "f", "Ms": "f", "Miss": "f", "Dame": "f",
    "Lady": "f", "Baroness": "f", "Dr": None, "Professor": None,
}  # fmt: skip


_PEERAGE = {"Lord", "Baroness", "Lady", "Viscount", "Viscountess", "Earl", "Countess", "Duke"}
_SURNAME_TITLES = ("Mr", "Mrs", "Ms", "Miss", "Dr")  # not 'Sir Vince', a first name


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    mp: str | None  # None: not a tracked MP (or not yet resolved, for pronouns and roles)
    how: str  # name, title, surname, first (name alone), constituency, person, role, pronoun
    gender: Gender = None
    key: str = ""  # who it is, for telling people apart: the MP, or the untracked name's key


class Roster:
    """The tracked MPs, indexed by the forms news copy names them by."""

    def __init__(self, mps: Sequence[MP]) -> None:
        self.strong: dict[str, set[str]] = {}
        self.titled: dict[str, set[str]] = {}
        self.surname: dict[str, set[str]] = {}
        self.by_constituency: dict[str, str] = {}
        self.first_names: dict[str, set[str]] = {}
        self._runs: dict[tuple[str, frozenset[str]], list[Mention]] = {}  # see _in_run
        self.gender: dict[str, Gender] = {}
        self.party: dict[str, str | None] = {}
        for mp in mps:
            self._add(mp)
        self.seat_words = max((len(n.split()) for n in self.by_constituency), default=0)
        self.seats_with: dict[str, list[str]] = {}  # a seat's word -> the seats it is in
        for seat in self.by_constituency:
            for word in set(seat.split()):
                self.seats_with.setdefault(word, []).append(seat)

    def _add(self, mp: MP) -> None:
        for form in (mp.name, fold(mp.name), *mp.aliases):
            title, _, rest = form.partition(" ")
            key = _key(form)
            family = surnames(mp.name) + [fold(s) for s in surnames(mp.name)]
            if (title.rstrip(".") in TITLES and rest in family) or form in family:
                # 'Mr Lavery', and an alias that is the bare surname, which is read alike
                self.titled.setdefault(key, set()).add(mp.name)
            else:
                self.strong.setdefault(key, set()).add(mp.name)
        for surname in surnames(mp.name):
            for spelled in {surname, fold(surname)}:
                self.surname.setdefault(_key(spelled), set()).add(mp.name)
        self.first_names.setdefault(mp.name.split()[0], set()).add(mp.name)
        if mp.constituency:
            self.by_constituency[mp.constituency] = mp.name
        self.gender[mp.name] = _mp_gender(mp)
        self.party[mp.name] = mp.party

    def mentions(self, text: str, *, groups: bool = True) -> list[Mention]:
        """Every person named in `text`, tracked MP or not, and every role and he/she. With
        `groups`, a name that stands for a group around its person ('the Obama
        administration', 'Mr Lavery's office') is that group, not the person."""
        found = sorted(self._names(text) + self._constituencies(text), key=lambda m: m.start)
        found = [m for m in found if not _a_titled_description(m, text)]
        found = [m for m in found if not self._in_a_seats_name(m, text)]
        found = [_a_namesake(m, text) for m in found]
        full = [m for m in found if m.mp is not None and m.how in ("name", "constituency")]
        first = {m.mp: m.start for m in reversed(full) if m.mp}
        latest = dict(first)  # each MP named in full: where last, before the mention at hand
        settled, upcoming = [], iter(full)
        pending = next(upcoming, None)
        for m in found:
            while pending is not None and pending.start < m.start:
                latest[pending.mp or ""] = pending.start
                pending = next(upcoming, None)
            settled.append(self._settle(m, latest) if m.how in ("title", "surname") else m)
        settled = [_knighted_first_name(m, full, text) for m in settled]
        settled = [_shared_with_a_stranger(m, settled, text) for m in settled]
        settled += _strangers_by_surname(settled, text)
        settled += _first_names_alone(settled, text)
        settled += _relatives(settled, text)
        named = {m.mp for m in settled if m.how in ("name", "title", "surname") and m.mp}
        settled = [_named_elsewhere(m, named) for m in settled]
        found = [self._with_identity(m) for m in settled]
        found = [_as_group(m, text) for m in found] if groups else found
        found += [
            Mention(m.start(), m.end(), None, "pronoun", "m" if m.group().lower() == "he" else "f")
            for m in _PRONOUN.finditer(text)
        ]
        found += [_role(m, text) for m in _ROLE.finditer(text)]
        found += [
            Mention(m.start(), m.end(), None, "role", None, "age") for m in _AGE.finditer(text)
        ]
        return sorted(_without_overlaps(found), key=lambda m: m.start)

    def _in_a_seats_name(self, mention: Mention, text: str) -> bool:
        """'his neighbour in Gordon and Buchan': a surname alone that is a word of a seat
        written in full there (Tom Gordon is not meant)."""
        word = text[mention.start : mention.end]
        if mention.how not in ("surname", "person") or " " in word:
            return False
        for seat in self.seats_with.get(word, ()):
            if seat == word:
                continue  # a seat of one word ('Bath') says nothing about the name
            at = seat.split().index(word)
            before = " ".join(seat.split()[:at])
            begins = mention.start - len(before) - (1 if before else 0)
            if begins >= 0 and " ".join(text[begins : begins + len(seat) + 8].split()).startswith(
                seat
            ):
                return True
        return False

    def _with_identity(self, mention: Mention) -> Mention:
        if mention.mp is None:
            return mention
        gender = mention.gender or self.gender.get(mention.mp)
        return replace(mention, gender=gender, key=mention.mp)

    def _names(self, text: str) -> list[Mention]:
        found = []
        common = _lower_case_words(text)
        for match in _CAPITALISED.finditer(text):
            found += _moved(self._in_run(match.group(), common), match.start())
        return found

    def _in_run(self, run: str, common: frozenset[str]) -> list[Mention]:
        """The people in one run of capitalised words, placed from its start. A run is read
        once: an item's text is read twice (as written, and with its quotes blanked), and the
        same names recur from item to item. Only the run's own words are looked up among the
        text's lower-case words, so those decide the reading with the run."""
        words = [(w.start(), w.end(), w.group()) for w in re.finditer(r"\S+", run)]
        known = frozenset(w[2].lower() for w in words) & common
        found = self._runs.get((run, known))
        if found is None:
            if len(self._runs) >= _RUNS_KEPT:
                self._runs.clear()
            found = self._runs[(run, known)] = self._in_words(words, known)
        return found

    def _in_words(self, words: list[tuple[int, int, str]], common: frozenset[str]) -> list[Mention]:
        """Tracked MPs first, longest form first; then other people among the words left:
        'Yesterday Keir Starmer' is Keir Starmer, not a stranger called Yesterday Keir."""
        found: list[Mention] = []
        left: list[list[tuple[int, int, str]]] = [[]]
        i = 0
        while i < len(words):
            for j in range(min(len(words), i + 4), i, -1):
                named = [_title_case(w[2]) for w in words[i:j] if not _is_initial(w[2])]
                key = _key(" ".join(named))  # 'Donald J. Trump' is Donald Trump
                size = len(named)
                mention = self._lookup(key, words[i][0], words[j - 1][1], size, j == len(words))
                bare = mention is not None and j - i == 1 and mention.how in ("surname", "title")
                if bare and _first_name(left[-1], common):
                    mention = None  # 'Stephen Lynch' is not the tracked Lynch
                if bare and left[-1] and left[-1][-1][2] in _PEERAGE:
                    mention = None  # 'Lord Falconer' sits in the Lords: no MP
                if mention and bare and words[i][2] in _NOT_PERSON_WORDS:
                    mention = None  # 'Welsh Secretary', 'Green Party': a word, not a surname
                if mention and bare and j < len(words):
                    mention = None if _first_name([words[j]], common) else mention
                if mention and j - i == 2 and j < len(words) and words[i][2] in ("Sir", "Dame"):
                    mention = None  # 'Sir Nicholas Soames' is not Sir Nicholas Dakin
                if mention:
                    found.append(mention)
                    left.append([])
                    i = j
                    break
            else:
                left[-1].append(words[i])
                i += 1
        # 'Veteran Brexiteer Mark Francois': words right before an MP's full name describe them
        described = [k < len(found) and found[k].how == "name" for k in range(len(left))]
        strangers = [
            m
            for run, d in zip(left, described, strict=True)
            if not d and (m := _stranger(run, common))
        ]
        return found + [m for m in strangers if not self._a_seat(m, words)]

    def _a_seat(self, mention: Mention, words: list[tuple[int, int, str]]) -> bool:
        """'Manchester Central', 'Birmingham Yardley': a seat's name, not a person's."""
        named = " ".join(
            w[2].rstrip(",.;:'’s") for w in words if mention.start <= w[0] < mention.end
        )
        return named in self.by_constituency

    def _lookup(
        self, key: str, start: int, end: int, size: int, ends_run: bool = True
    ) -> Mention | None:
        gender = _TITLE_GENDER.get(key.split()[0]) if key else None
        if key in self.strong and len(self.strong[key]) > 1:
            # 'Sir John' for Sir John Hayes and Sir John Whittingdale: whoever is named here
            return Mention(start, end, "|".join(sorted(self.strong[key])), "title", gender)
        if key in self.strong:
            return Mention(start, end, _only(self.strong[key]), "name", gender)
        if key in self.titled:
            return Mention(start, end, "|".join(sorted(self.titled[key])), "title", gender)
        if size == 1 and key in self.surname:
            return Mention(start, end, "|".join(sorted(self.surname[key])), "surname")
        title, _, rest = key.partition(" ")
        short = {n for n in self.surname.get(rest, ()) if short_for(title, n)} if size == 2 else ()
        if len(short) == 1:  # 'Rob Jenrick' is Robert Jenrick
            return Mention(start, end, short.pop(), "name", gender)
        if size == 2 and ends_run and title in _SURNAME_TITLES and rest in self.surname:
            # 'Mr Holtz-Eakin' for an MP whose title the roster could not know
            fitting = {n for n in self.surname[rest] if self.gender.get(n) in (None, gender)}
            if fitting:
                return Mention(start, end, "|".join(sorted(fitting)), "title", gender)
        return None

    def _constituencies(self, text: str) -> list[Mention]:
        """'the Wansbeck MP', 'the MP for Wansbeck': found from the words 'MP' and 'member
        for', which are rare, rather than by trying every seat at every place."""
        found = []
        for start, end, place in self._seats_named(text):
            if re.search(r"\b(?:former|ex-?|then)\s*$", text[max(0, start - 12) : start], re.I):
                continue  # 'the former Totnes MP' is not the MP for Totnes now
            found.append(Mention(start, end, self.by_constituency[place], "constituency"))
        return found

    def _seats_named(self, text: str) -> list[tuple[int, int, str]]:
        seats = []
        for anchor in _SEAT_ANCHOR.finditer(text):
            found = self._seat_after(text, anchor) if anchor.group("after") else None
            found = found or (None if anchor.group("after") else self._seat_before(text, anchor))
            if found:
                seats.append(found)
        return seats

    def _seat_after(self, text: str, anchor: re.Match[str]) -> tuple[int, int, str] | None:
        """'the MP for Wansbeck': the longest seat written after 'for'."""
        words = list(_SEAT_WORD.finditer(text, anchor.end(), anchor.end() + 120))
        for n in range(min(len(words), self.seat_words), 0, -1):
            for end in _trimmed_ends(text, words[n - 1].start(), words[n - 1].end()):
                place = self._seat(text, anchor.end(), end)
                if place and _word_ends(text, end):
                    return _with_the(text, anchor.start()), end, place
        return None

    def _seat_before(self, text: str, anchor: re.Match[str]) -> tuple[int, int, str] | None:
        """'the Wansbeck MP': the longest seat written just before 'MP'."""
        if not _word_starts(text, anchor.start()):
            return None
        words = list(_SEAT_WORD.finditer(text, max(0, anchor.start() - 120), anchor.start()))
        if not words or text[words[-1].end() : anchor.start()].strip():
            return None
        end = words[-1].end()
        if text[end - 2 : end] in ("'s", "’s"):
            end -= 2  # 'Rutland and Stamford's MP'
        for n in range(min(len(words), self.seat_words), 0, -1):
            for start in (words[-n].start(), words[-n].start() + 1):
                place = self._seat(text, start, end)
                if place and _word_starts(text, start):
                    return _with_the(text, start), anchor.end(), place
        return None

    def _seat(self, text: str, start: int, end: int) -> str | None:
        """The seat written in `text[start:end]` (one space or more between its words)."""
        written = text[start:end]
        place = " ".join(written.split())
        if place not in self.by_constituency or not written[:1].isalnum():
            return None
        return place if written == written.strip() else None

    def _settle(self, mention: Mention, anchored: dict[str, int]) -> Mention:
        """A title or bare surname counts only when it points to one MP, or to one named here."""
        if mention.how not in ("title", "surname") or mention.mp is None:
            return mention
        candidates = set(mention.mp.split("|"))
        named_here = candidates & set(anchored)
        named_before = {mp for mp in named_here if anchored[mp] < mention.start}
        named_here = named_before or named_here  # 'Mr McDonald' before the other is named
        if len(named_here) == 1 and agrees(self.gender.get(next(iter(named_here))), mention.gender):
            return replace(mention, mp=named_here.pop())  # ('Mr Smith' is no Rebecca Smith)
        fitting = {mp for mp in named_here if agrees(self.gender.get(mp), mention.gender)}
        if len(fitting) == 1:  # two Powells named in full: 'Mr Powell' is the man
            return replace(mention, mp=fitting.pop())
        if named_here:  # 'Ms Eagle' after both sisters are named: either of them
            return replace(mention, mp=None, how="person", key=f"~{mention.mp}")
        only = next(iter(candidates)) if len(candidates) == 1 else None
        if mention.how == "title" and only and agrees(self.gender.get(only), mention.gender):
            return replace(mention, mp=only)
        return replace(mention, mp=None, how="person", key=f"~{mention.mp}")


# Where a seat may be named: before 'MP', or after 'MP for' and 'member for'.
_SEAT_ANCHOR = re.compile(r"\b(?:(?P<after>(?:MP|member)\s+for\s+)|MP\b)")
_SEAT_WORD = re.compile(r"[^\s]+")
_THE_BEFORE = re.compile(r"\bthe\s+$")


def _with_the(text: str, start: int) -> int:
    """Where a seat's mention starts: at 'the' when it stands just before."""
    the = _THE_BEFORE.search(text[max(0, start - 8) : start])
    return start - (len(text[max(0, start - 8) : start]) - the.start()) if the else start


def _trimmed_ends(text: str, start: int, end: int) -> list[int]:
    """Where a word may end once its punctuation or possessive is left off: 'Westminster.)',
    'Pavilion's'."""
    ends = [end]
    while end > start + 1 and not text[end - 1].isalnum():
        end -= 1
        ends.append(end)
    if text[start:end].endswith(("'s", "’s")):
        ends.append(end - 2)
    return ends


def _word_starts(text: str, at: int) -> bool:
    return at == 0 or not (text[at - 1].isalnum() or text[at - 1] == "_")


def _word_ends(text: str, at: int) -> bool:
    return at == len(text) or not (text[at].isalnum() or text[at] == "_")


def _a_titled_description(mention: Mention, text: str) -> bool:
    """'a former Miss Universe', 'an ex-Mr Universe': a title after 'a' describes someone
    rather than names them."""
    if mention.how != "person":
        return False
    before = text[max(0, mention.start - 24) : mention.start]
    titled = re.search(r"\b(?:a|an)\s+(?:former\s+|ex-?)?(?P<title>[A-Z][a-z]+)\.?\s+$", before)
    return titled is not None and titled.group("title") in _TITLE_GENDER


# Callings no MP is named by: 'radio presenter Chris Evans' is not the MP for Caerphilly.
_NOT_AN_MPS_CALLING = re.compile(
    r"\b(?:presenter|broadcaster|DJ|radio|TV|television|actor|actress|singer|footballer"
    r"|comedian|novelist|chef|musician|pundit|rapper|boxer|cricketer|golfer|athlete|playwright"
    r"|celebrity|popstar|pop\s+star|film\s+star|rugby|football|cricket|tennis|snooker|darts"
    r"|boxing|Olympic|sports?|sporting|MS|MSP|MLA|AM|MEP|councillor|Cllr|council\s+leader"
    r"|Senedd\s+member)[ \t]+"  # in the same line: not a headline's last words above the name
    r"(?:[a-z-]+[ \t]+)?$",
    re.I,
)
# A seat in another chamber, set beside a name: 'Paul Davies, the Preseli Pembrokeshire MS',
# or opening the next sentence: '... Paul Davies has said ... The Preseli Pembrokeshire MS'.
_ANOTHER_CHAMBER = re.compile(
    r"(?:,\s+(?:the|a)\s+(?:[\w'’-]+\s+){0,5}?|[^.!?\n]*[.!?]\s+The\s+(?:[A-Z][\w'’-]+\s+){1,4})"
    r"(?-i:MS|MSP|MLA|AM|MEP)\b(?!,?\s+(?-i:[A-Z]))"  # not 'The Glasgow MSP Anas Sarwar'
    r"|,\s+(?:the|a)\s+(?:[\w'’-]+\s+){0,3}?(?:member\s+of\s+the\s+(?:Senedd|Scottish\s+Parliament"
    r"|Welsh\s+Parliament|Northern\s+Ireland\s+Assembly|European\s+Parliament|House\s+of\s+Lords)"
    r"|Senedd\s+member|councillor|peer)\b"
    r"|,\s+who\s+is\s+not\s+an\s+MP\b"  # 'Andy Burnham, who is not an MP and so cannot stand'
    r"|,\s+(?:the\s+)?[^,.;]{0,40}?\bwho\s+represents\s+[^,.;]{0,60}?\s+in\s+the\s+(?:Senedd|Scottish"
    r"\s+Parliament|Welsh\s+Parliament|Northern\s+Ireland\s+Assembly|Lords)\b"
)


_FORMERLY = re.compile(r"\b(?:former|ex)[\s-]+(?:[\w-]+\s+){0,2}$", re.I)


def _a_namesake(mention: Mention, text: str) -> Mention:
    """A tracked MP's name right after a calling no MP is named by, or set beside a seat in
    another chamber, is someone else's."""
    if mention.how != "name" or mention.mp is None:
        return mention
    calling = _NOT_AN_MPS_CALLING.search(text[max(0, mention.start - 40) : mention.start])
    elsewhere = _ANOTHER_CHAMBER.match(text[mention.end : mention.end + 300])
    if elsewhere is None and (
        calling is None or _FORMERLY.search(calling.string[: calling.start()])
    ):
        return mention  # 'former TV presenter Esther McVey' is the MP
    surname = text[mention.start : mention.end].split()[-1]
    return replace(mention, mp=None, how="person", key="~" + _key(surname).casefold())


def _knighted_first_name(mention: Mention, full: list[Mention], text: str) -> Mention:
    """'Dame Caroline' after 'Dame Caroline Nokes' is Nokes, whatever other Dame Caroline the
    register knows: a title and a first name stand for the one so named in full here."""
    titled = re.fullmatch(r"(?:Sir|Dame)\s+(\S+)", text[mention.start : mention.end])
    if titled is None and mention.how == "person":  # 'Dame Priti', the title left before it
        before = re.search(r"\b(?:Sir|Dame)\s+$", text[max(0, mention.start - 6) : mention.start])
        titled = (
            re.fullmatch(r"([A-Z][\w'’-]+)", text[mention.start : mention.end]) if before else None
        )
    if titled is None:
        return mention
    named = {
        m.mp
        for m in full
        if m.mp
        and m.mp.split()[0] == titled.group(1)
        and not re.fullmatch(r"(?:Sir|Dame)\s+\S+", text[m.start : m.end])
    }
    if not named or mention.mp in named:
        return mention
    if len(named) == 1:
        return replace(mention, mp=named.pop())
    return replace(mention, mp=None, how="person", key="~" + titled.group(1).casefold())


def _strangers_by_surname(named: list[Mention], text: str) -> list[Mention]:
    """'Kall said' after 'Aaron Kall' was named: the bare surname of someone untracked named
    in full before is that person too."""
    found: list[Mention] = []
    for person in (m for m in named if m.how == "person" and m.key.startswith("~")):
        surname = text[person.start : person.end].split()[-1]
        if len(person.key) < 3 or len(text[person.start : person.end].split()) < 2:
            continue
        for match in pattern(rf"\b{re.escape(surname)}\b").finditer(text[person.end :]):
            at = person.end + match.start()
            if not any(m.start <= at < m.end for m in named):
                found.append(Mention(at, at + len(surname), None, "person", person.gender,
                                     person.key))  # fmt: skip
    return found


@lru_cache(maxsize=1024)
def _alone(first: str) -> re.Pattern[str]:
    """A first name written alone, not before another capitalised word."""
    return re.compile(rf"(?<![\w'’.-]){re.escape(first)}(?![\w-])(?!\s+[A-Z])")


def _first_names_alone(named: list[Mention], text: str) -> list[Mention]:
    """'Kemi Badenoch launched her campaign. ... Kemi said:': once an MP is named in full,
    their first name alone stands for them, when nobody else the item names shares it and the
    item never writes it as an ordinary word ('Will', 'Mark')."""
    common = _lower_case_words(text)
    people = [m for m in named if m.how in ("name", "person")]
    firsts: dict[str, set[str | None]] = {}
    for m in people:
        firsts.setdefault(text[m.start : m.end].split()[0], set()).add(m.mp or m.key)
    found: list[Mention] = []
    for mention in (m for m in people if m.mp and m.how == "name"):
        first = text[mention.start : mention.end].split()[0]
        if firsts[first] != {mention.mp} or first.lower() in common or first in _NOT_PERSON_WORDS:
            continue
        for match in _alone(first).finditer(text):
            at = match.start()
            if at > mention.start and not any(m.start <= at < m.end for m in named):
                found.append(Mention(at, match.end(), mention.mp, "first"))
    return list({m.start: m for m in found}.values())


# A relative named by first name alone: 'Her sister Angela', 'his wife Sarah'.
_KIN = re.compile(
    r"\b(?P<relation>sister|brother|wife|husband|partner|son|daughter|mother|father|twin"
    r"|cousin|aunt|uncle|niece|nephew)\s+(?P<name>[A-Z][a-z]+)\b(?!\s+[A-Z])"
)
_RELATION_GENDER: dict[str, Gender] = {
    "sister": "f", "wife": "f", "daughter": "f", "mother": "f", "aunt": "f", "niece": "f",
    "brother": "m", "husband": "m", "son": "m", "father": "m", "uncle": "m", "nephew": "m",
}  # fmt: skip


def _relatives(named: list[Mention], text: str) -> list[Mention]:
    """'Her sister Angela, who represents Wallasey, ...': someone the item names by a
    relation and a first name, whom a later 'she' may stand for (and not the MP named before
    her)."""
    found = []
    for match in _KIN.finditer(text):
        if any(m.start <= match.start("name") < m.end for m in named):
            continue
        if any(m.mp and 0 <= m.start - match.end("name") <= 2 for m in named):
            continue  # 'Her twin sister Angela, the MP for Wallasey': an MP after all
        name = match.group("name")
        gender = _RELATION_GENDER.get(match.group("relation")) or first_name_gender(name)
        key = "~" + _key(name).casefold()
        found.append(Mention(match.start("name"), match.end("name"), None, "person", gender, key))
    return found


def _shared_with_a_stranger(mention: Mention, everyone: list[Mention], text: str) -> Mention:
    """'Lynch said' where the item has named both Loretta Lynch (tracked) and Stephen Lynch
    (not): either of them, unless a title's gender tells them apart. Before the stranger is
    first named, the surname is the MP's."""
    if mention.how not in ("title", "surname") or mention.mp is None:
        return mention
    surname = "~" + _key(text[mention.start : mention.end].split()[-1]).casefold()
    strangers = [
        m for m in everyone if m.how == "person" and m.key == surname and m.start < mention.start
    ]
    gender = mention.gender
    if any(not (gender and m.gender and m.gender != gender) for m in strangers):
        return replace(mention, mp=None, how="person", key=surname)
    return mention


def _named_elsewhere(mention: Mention, named: set[str]) -> Mention:
    """'The Aberdeen South MP' stands for the MP of the register only when the item names that
    MP too: an old story means whoever held the seat then."""
    if mention.how != "constituency" or mention.mp in named:
        return mention
    return replace(mention, mp=None, how="person", key=f"~{mention.mp}")


def _title_case(word: str) -> str:
    """'ROBERT' -> 'Robert': tabloids set a story's first word in capitals."""
    return word.capitalize() if word.isupper() and len(word) > 3 else word


_RUNS_KEPT = 50_000  # runs of capitalised words remembered, a few megabytes


def _moved(mentions: list[Mention], offset: int) -> list[Mention]:
    """`mentions` placed `offset` characters later."""
    return [
        Mention(m.start + offset, m.end + offset, m.mp, m.how, m.gender, m.key) for m in mentions
    ]


def _first_name(run: list[tuple[int, int, str]], common: frozenset[str]) -> bool:
    """Whether the run of capitalised words just before a surname ends in a first name."""
    if not run:
        return False
    word = run[-1][2]
    if _common_word(word, common):
        return False  # 'Railing Against Trump', a headline: not a man called Against Trump
    return word.rstrip(".") not in _TITLE_GENDER and _looks_like_a_name([word])


def _lower_case_words(text: str) -> frozenset[str]:
    """The words a text writes in lower case somewhere: ordinary words, not names."""
    return frozenset(re.findall(r"(?<![\w'’-])[a-z][a-z'’-]+", text))


def _common_word(word: str, common: frozenset[str]) -> bool:
    """A capitalised word that the text writes in lower case elsewhere and that is no known
    first name: a headline's or a sentence's opening word ('Against', 'Railing'), not a
    name. ('Mark', 'Rose' and 'Will' are names too, and stay names.)"""
    return word.lower() in common and first_name_gender(word) is None


# A post written before a name, after the place or party it belongs to ('the Glasgow MSP').
_POST_BEFORE_A_NAME = {
    "MP", "MSP", "MS", "MLA", "MEP", "AM", "Cllr", "Councillor", "Senator", "Mayor",
    "Minister", "Secretary", "Chancellor", "Speaker",
}  # fmt: skip


def _stranger(run: list[tuple[int, int, str]], common: frozenset[str]) -> Mention | None:
    """A person who is not a tracked MP: two to four capitalised words that look like a name,
    or a title and a surname ('Mr Barnier', 'Lord Mandelson')."""
    title, start = None, 0
    while start < len(run) and run[start][2].rstrip(".") in _TITLE_GENDER:
        title = run[start][2].rstrip(".")
        start += 1
    posts = [k for k in range(start, len(run) - 1) if run[k][2] in _POST_BEFORE_A_NAME]
    start = posts[-1] + 1 if posts else start  # 'the Edinburgh Southern MSP Daniel Johnson'
    while len(run) - start > 2 and not _looks_like_a_name([run[start][2]]):
        start += 1  # 'House Speaker Paul Ryan', 'Labour MP Jo Bloggs': the name after the post
    while len(run) - start > 1 and _common_word(run[start][2], common):
        start += 1  # 'Railing Against Trump': ordinary words before a surname
    run = run[start:]
    if not run:
        return None
    words = [w[2] for w in run]
    if not ((title and len(run) == 1) or 2 <= len(run) <= 4) or not _looks_like_a_name(words):
        return None
    gender = _TITLE_GENDER.get(title or "") or (None if title else first_name_gender(words[0]))
    key = "~" + _key(words[-1]).casefold()
    return Mention(run[0][0], run[-1][1], None, "person", gender, key)


_GROUP_AFTER = re.compile(
    r"(?:['’]s?\s+(?:[a-z]+\s+)?|\s+)(?:administration|campaign|government|family|team|camp"
    r"|office|lawyers?|attorneys?|foundation|spokes(?:man|woman|person)|aides?|allies"
    r"|supporters|backers|advisers|ministry|department|party|people|organisation|charity"
    r"|company|firm)\b"
)


def _as_group(mention: Mention, text: str) -> Mention:
    """'the Obama administration', 'Scott's family', 'Mr Lavery's team': a group around a
    person, who is not the person."""
    group = _GROUP_AFTER.match(text, mention.end)
    if group is None and text[mention.end - 2 : mention.end] in ("'s", "’s"):
        group = _GROUP_AFTER.match(text.replace("’", "'"), mention.end - 2)  # "Obama's former…"
    if group is None or _LAUNCHED_AFTER.match(text, group.end()):
        return mention  # 'Louise Haigh's campaign, launched on Monday': her own act
    return Mention(mention.start, group.end(), None, "group", None, "group")


# A campaign or bid told as launched: 'was formally launched', 'kicked off', 'began'.
LAUNCHED = (
    r"(?:(?:was|has\s+been|had\s+been)\s+)?(?:formally\s+|officially\s+)?"
    r"(?:launched|kicked\s+off|began|started)\b"
)
# A campaign told as launched right after it is named: the person launched it.
_LAUNCHED_AFTER = re.compile(r"(?<=campaign)(?:\s*,\s*|\s+(?=(?:was|had|has)\s))" + LAUNCHED)


def _role(match: re.Match[str], text: str) -> Mention:
    role = " ".join(match.group("role").lower().split())
    end = match.end()
    body = _OF_A_BODY.match(text, end)
    end = body.end() if body else end  # 'the leader of the Conservative group on the council'
    words = " ".join(text[match.start() : end].lower().split())
    return Mention(match.start(), end, None, "role", _ROLE_GENDER.get(role), words)


# A body a role is held in, which makes the role someone else's than an MP's: 'the leader of
# the Conservative group on Norfolk County Council', 'the chair of the local association'.
_OF_A_BODY = re.compile(
    r"\s+of\s+(?:the\s+)?(?:[\w'’-]+\s+){0,5}?(?:group|council|association|branch|union"
    r"|board|society|federation|chamber|trust)\b(?:\s+(?:on|at|in)\s+(?:the\s+)?"
    r"(?:[A-Z][\w'’-]+\s*){1,4})?",
    re.I,
)


# Short forms of first names, as copy writes them: 'Rob Jenrick' for Robert Jenrick.
_SHORT_FORMS = {
    "Rob": ("Robert",),
    "Bob": ("Robert",),
    "Bobby": ("Robert",),
    "Liz": ("Elizabeth",),
    "Tom": ("Thomas",),
    "Jim": ("James",),
    "Jimmy": ("James",),
    "Jamie": ("James",),
    "Ed": ("Edward",),
    "Ted": ("Edward",),
    "Nick": ("Nicholas",),
    "Dan": ("Daniel",),
    "Danny": ("Daniel",),
    "Chris": ("Christopher", "Christine", "Christina"),
    "Mike": ("Michael",),
    "Mick": ("Michael",),
    "Steve": ("Stephen", "Steven"),
    "Matt": ("Matthew",),
    "Andy": ("Andrew",),
    "Ben": ("Benjamin",),
    "Sam": ("Samuel",),
    "Tony": ("Anthony",),
    "Pat": ("Patrick", "Patricia"),
    "Jo": ("Joanna", "Joanne"),
    "Kate": ("Katherine", "Catherine", "Kathryn"),
    "Alex": ("Alexander", "Alexandra"),
    "Will": ("William",),
    "Bill": ("William",),
    "Dave": ("David",),
    "Jon": ("Jonathan",),
    "Greg": ("Gregory",),
    "Phil": ("Philip", "Phillip"),
    "Rick": ("Richard",),
    "Tim": ("Timothy",),
    "Jenny": ("Jennifer",),
    "Becky": ("Rebecca",),
    "Vicky": ("Victoria",),
    "Nicky": ("Nicola",),
    "Di": ("Diana", "Diane"),
    "Jess": ("Jessica",),
    "Pete": ("Peter",),
}


def short_for(first: str, name: str) -> bool:
    """Whether `first` is a short form of the first name of the MP called `name`."""
    return name.split()[0] in _SHORT_FORMS.get(first, ())


def _key(form: str) -> str:
    form = form.replace("’", "'")
    form = re.sub(r"'s$", "", form)
    return " ".join(form.replace(".", "").split())


def _only(names: set[str]) -> str | None:
    return next(iter(names)) if len(names) == 1 else None


def _looks_like_a_name(words: list[str]) -> bool:
    """Capitalised words that are no common word, title or place, and whose hyphenated parts
    are capitalised too ('Rees-Mogg', not 'T-shirt')."""
    if any(not part[:1].isupper() for w in words if "-" in w for part in w.split("-") if part):
        return False
    if any(w.endswith(("'s", "’s")) for w in words[:-1]):
        return False  # 'Derry’s Guildhall': a place of somewhere, not a person's name
    return all(
        w not in _NOT_PERSON_WORDS and len(w) > 1 and not w.isupper() and w[-1] not in ",;:"
        for w in words
        if not re.fullmatch(_PARTICLE, w) and not _is_initial(w)
    )


def _is_initial(word: str) -> bool:
    return bool(re.fullmatch(r"[A-Z]\.", word))


def _without_overlaps(mentions: list[Mention]) -> list[Mention]:
    rank = {"name": 0, "constituency": 0, "title": 1, "surname": 2, "first": 2, "person": 3}
    rank["group"] = 3
    rank["role"] = 4
    rank["pronoun"] = 5
    kept: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: (rank[m.how], m.start)):
        if all(mention.end <= k.start or mention.start >= k.end for k in kept):
            kept.append(mention)
    return kept


@lru_cache(maxsize=8)
def roster_for(mps: tuple[MP, ...]) -> Roster:
    return Roster(mps)


@lru_cache(maxsize=1)
def _gender_detector() -> object:
    import gender_guesser.detector as detector  # type: ignore[import-untyped]

    return detector.Detector(case_sensitive=False)


@lru_cache(maxsize=4096)
def first_name_gender(first: str) -> Gender:
    """'male' or 'female' only where the first name is clearly one in Britain; else unknown."""
    known = _first_names()
    if first in known:
        return known[first]
    guess = _gender_detector().get_gender(fold(first), "great_britain")  # type: ignore[attr-defined]
    return "m" if guess in _MALE else "f" if guess in _FEMALE else None


_MALE = ("male", "mostly_male")
_FEMALE = ("female", "mostly_female")


@lru_cache(maxsize=1)
def _first_names() -> dict[str, Gender]:
    """First names of MPs that the general name list leaves open or gets wrong for Britain
    ('Olly' is short for Oliver), from data/first_names.csv."""
    text = resources.files("watcher").joinpath("data/first_names.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(text.splitlines())
    return {row["first_name"]: "m" if row["gender"] == "m" else "f" for row in rows}


def _mp_gender(mp: MP) -> Gender:
    """From the titles the MP goes by ('Sir Keir', only 'Mr Rand'), else the first name."""
    titles = {alias.split()[0] for alias in mp.aliases if " " in alias}
    if "Sir" in titles or ("Mr" in titles and not titles & {"Mrs", "Ms", "Miss"}):
        return "m"
    if "Dame" in titles or (titles & {"Mrs", "Ms", "Miss"} and "Mr" not in titles):
        return "f"
    return first_name_gender(mp.name.split()[0])


def agrees(gender: Gender, wanted: Gender) -> bool:
    """Whether two genders may be the same person's: an unknown one agrees with either."""
    return gender is None or wanted is None or gender == wanted
