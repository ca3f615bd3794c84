"""The people a text names or refers to, tracked MPs or not, and whom each reference means.

News copy names a person in full ("Michel Barnier"), by title ("Mr Barnier", "Lord
Mandelson", "Dame Margaret"), by constituency ("the Wansbeck MP"), by role ("the taoiseach", "a
Downing Street spokesman", "the shadow chancellor") and by pronoun. Every one of them is a
`Mention`; only those that stand for a tracked MP carry `mp`. A pronoun or a role is resolved
among *all* the people before it, so "he said" after a foreign leader is the foreign leader's,
and belongs to nobody we track. When two people could be meant, nobody is: a quote pinned on
the wrong MP is the worst mistake the watcher can make.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

from watcher.models import MP
from watcher.register import TITLES, fold, surnames

Gender = Literal["m", "f"] | None

_PRONOUN = re.compile(r"\b(he|she)\b", re.I)
_PARTICLE = r"(?:von|van|der|den|de|da|di|du|le|la|al|el|bin|ibn)"
_CAPITALISED = re.compile(rf"[A-Z][\w'’-]*(?:[ \t]+(?:{_PARTICLE}[ \t]+)*[A-Z][\w'’-]*)*")
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
)
_FUNCTION_WORDS = r"to|the|a|an|as|in|from|with|for|of|and|or|at|on|by|into|who|that|which|is|was"
_ROLE = re.compile(
    rf"\b(?:the|a|an|one|another)\s+(?:(?!(?:{_FUNCTION_WORDS})\s)[\w'’.-]+\s+){{0,4}}?"
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
# A British political role that, unless the text ties it to someone, refers back to the person
# named last when that is an MP ('the shadow chancellor said', 'the Wansbeck MP', 'the
# 52-year-old'). Foreign and official roles ('the taoiseach', 'a spokesman') never do.
_MP_ROLE = re.compile(
    r"^the\s+(?:(?:former|new|veteran|outgoing|senior|backbench|frontbench|shadow"
    r"|junior|cabinet|labour|conservative|tory|lib\s+dem|liberal\s+democrat|reform|reform\s+uk"
    r"|green|snp|plaid|independent|[a-z]+)\s+){0,4}?(?:mp|backbencher|frontbencher|veteran"
    r"|minister|secretary|chancellor|politician|whip|chair|chairman|chairwoman|leader"
    r"|deputy\s+leader)$|^the\s+(?:\d+|[a-z]+(?:-[a-z]+)*)-year-old$",
    re.I,
)
_NOT_MP_ROLE = re.compile(r"\b(?:prime|first|foreign\s+minister|president|mayor|general)\b", re.I)
# 'the German chancellor', 'the US secretary of state': a role abroad is never an MP's.
_ABROAD = re.compile(
    r"\b(?:US|EU|UN|Nato|(?!Scottish|Welsh|British|English|Cornish|Labour|Tory|Republican)"
    r"[A-Z][a-z]+(?:ish|ese|ian|an|ic|i))\b"
)
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
    "Mastodon", "Instagram", "YouTube", "Telegraph", "Guardian", "Times", "Mail", "Sun",
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
    "New", "Old", "Senior", "Junior", "Labour's", "Reform's", "Conservative's", "St", "Ends",
    "Editors", "Notes", "Contact", "Media", "Enquiries", "Photo", "Picture", "Image", "Credit",
    "Hall", "City", "Road", "Square", "Centre", "Park", "Station", "Church", "College",
    "University", "School", "Hospital", "Airport", "Town", "Village", "Bridge", "Court",
    "Unison", "GMB", "TUC", "Usdaw", "Aslef", "RMT", "Momentum", "Progress",
}  # fmt: skip
_TITLE_GENDER: dict[str, Gender] = {
    "Mr": "m", "Sir": "m", "Lord": "m", "Mrs": "f", "Ms": "f", "Miss": "f", "Dame": "f",
    "Lady": "f", "Baroness": "f", "Dr": None, "Professor": None,
}  # fmt: skip
_SENTENCE_BREAK = re.compile(r"[.!?](?=\s)|\n")
_GOVERNED = re.compile(
    r"(?:\b(?:to|of|for|with|by|about|from|at|on|against|than|and|or|between|like|under)"
    r"\s+(?:the\s+)?|['’]s\s+)$",
    re.I,
)


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    mp: str | None  # None: not a tracked MP (or not yet resolved, for pronouns and roles)
    how: str  # name, title, surname, constituency, person, role, pronoun
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
        self.gender: dict[str, Gender] = {}
        self.party: dict[str, str | None] = {}
        for mp in mps:
            self._add(mp)
        names = sorted(self.by_constituency, key=len, reverse=True)
        alternatives = "|".join(re.escape(n) for n in names) or "(?!)"
        self.constituency = re.compile(
            rf"\b(?:the\s+)?(?:(?:MP|member)\s+for\s+(?P<c1>{alternatives})"
            rf"|(?P<c2>{alternatives})\s+MP)\b"
        )

    def _add(self, mp: MP) -> None:
        for form in (mp.name, fold(mp.name), *mp.aliases):
            title, _, rest = form.partition(" ")
            key = _key(form)
            family = surnames(mp.name) + [fold(s) for s in surnames(mp.name)]
            if (title in TITLES and rest in family) or form in family:
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
        settled = [_shared_with_a_stranger(m, settled, text) for m in settled]
        settled += _strangers_by_surname(settled, text)
        named = {m.mp for m in settled if m.how in ("name", "title", "surname") and m.mp}
        settled = [_named_elsewhere(m, named) for m in settled]
        found = [self._with_identity(m) for m in settled]
        found = [_as_group(m, text) for m in found] if groups else found
        found += [
            Mention(m.start(), m.end(), None, "pronoun", "m" if m.group().lower() == "he" else "f")
            for m in _PRONOUN.finditer(text)
        ]
        found += [_role(m) for m in _ROLE.finditer(text)]
        found += [
            Mention(m.start(), m.end(), None, "role", None, "age") for m in _AGE.finditer(text)
        ]
        return sorted(_without_overlaps(found), key=lambda m: m.start)

    def _with_identity(self, mention: Mention) -> Mention:
        if mention.mp is None:
            return mention
        gender = mention.gender or self.gender.get(mention.mp)
        return replace(mention, gender=gender, key=mention.mp)

    def _names(self, text: str) -> list[Mention]:
        found = []
        for match in _CAPITALISED.finditer(text):
            words = [(w.start() + match.start(), w.end() + match.start(), w.group())
                     for w in re.finditer(r"\S+", match.group())]  # fmt: skip
            found += self._in_words(words)
        return found

    def _in_words(self, words: list[tuple[int, int, str]]) -> list[Mention]:
        """Tracked MPs first, longest form first; then other people among the words left:
        'Yesterday Keir Starmer' is Keir Starmer, not a stranger called Yesterday Keir."""
        found: list[Mention] = []
        left: list[list[tuple[int, int, str]]] = [[]]
        i = 0
        while i < len(words):
            for j in range(min(len(words), i + 4), i, -1):
                key = _key(" ".join(_title_case(w[2]) for w in words[i:j]))
                mention = self._lookup(key, words[i][0], words[j - 1][1], j - i)
                bare = mention is not None and j - i == 1 and mention.how in ("surname", "title")
                if bare and _first_name(left[-1]):
                    mention = None  # 'Stephen Lynch' is not the tracked Lynch
                if mention and bare and j < len(words):
                    mention = None if _first_name([words[j]]) else mention  # 'Scott Pruitt'
                if mention:
                    found.append(mention)
                    left.append([])
                    i = j
                    break
            else:
                left[-1].append(words[i])
                i += 1
        return found + [m for run in left if (m := _stranger(run))]

    def _lookup(self, key: str, start: int, end: int, size: int) -> Mention | None:
        gender = _TITLE_GENDER.get(key.split()[0]) if key else None
        if key in self.strong:
            return Mention(start, end, _only(self.strong[key]), "name", gender)
        if key in self.titled:
            return Mention(start, end, "|".join(sorted(self.titled[key])), "title", gender)
        if size == 1 and key in self.surname:
            return Mention(start, end, "|".join(sorted(self.surname[key])), "surname")
        return None

    def _constituencies(self, text: str) -> list[Mention]:
        found = []
        for match in self.constituency.finditer(text):
            if re.search(
                r"\b(?:former|ex-?|then)\s*$", text[max(0, match.start() - 12) : match.start()]
            ):
                continue  # 'the former Totnes MP' is not the MP for Totnes now
            place = match.group("c1") or match.group("c2")
            found.append(Mention(match.start(), match.end(), self.by_constituency[place],
                                 "constituency"))  # fmt: skip
        return found

    def _settle(self, mention: Mention, anchored: dict[str, int]) -> Mention:
        """A title or bare surname counts only when it points to one MP, or to one named here."""
        if mention.how not in ("title", "surname") or mention.mp is None:
            return mention
        candidates = set(mention.mp.split("|"))
        named_here = candidates & set(anchored)
        if len(named_here) == 1:
            return replace(mention, mp=named_here.pop())
        fitting = {mp for mp in named_here if _agrees(self.gender.get(mp), mention.gender)}
        if len(fitting) == 1:  # two Powells named in full: 'Mr Powell' is the man
            return replace(mention, mp=fitting.pop())
        if named_here:  # 'Ms Eagle' after both sisters are named: either of them
            return replace(mention, mp=None, how="person", key=f"~{mention.mp}")
        if mention.how == "title" and len(candidates) == 1:
            return replace(mention, mp=candidates.pop())
        return replace(mention, mp=None, how="person", key=f"~{mention.mp}")


def _strangers_by_surname(named: list[Mention], text: str) -> list[Mention]:
    """'Kall said' after 'Aaron Kall' was named: the bare surname of someone untracked named
    in full before is that person too."""
    found: list[Mention] = []
    for person in (m for m in named if m.how == "person" and m.key.startswith("~")):
        surname = text[person.start : person.end].split()[-1]
        if len(person.key) < 3 or len(text[person.start : person.end].split()) < 2:
            continue
        for match in re.finditer(rf"\b{re.escape(surname)}\b", text[person.end :]):
            at = person.end + match.start()
            if not any(m.start <= at < m.end for m in named):
                found.append(Mention(at, at + len(surname), None, "person", person.gender,
                                     person.key))  # fmt: skip
    return found


def _shared_with_a_stranger(mention: Mention, everyone: list[Mention], text: str) -> Mention:
    """'Lynch said' where the item names both Loretta Lynch (tracked) and Stephen Lynch (not):
    either of them, unless a title's gender tells them apart."""
    if mention.how not in ("title", "surname") or mention.mp is None:
        return mention
    surname = "~" + _key(text[mention.start : mention.end].split()[-1]).casefold()
    strangers = [m for m in everyone if m.how == "person" and m.key == surname]
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


def _first_name(run: list[tuple[int, int, str]]) -> bool:
    """Whether the run of capitalised words just before a surname ends in a first name."""
    if not run:
        return False
    word = run[-1][2]
    return word.rstrip(".") not in _TITLE_GENDER and _looks_like_a_name([word])


def _stranger(run: list[tuple[int, int, str]]) -> Mention | None:
    """A person who is not a tracked MP: two to four capitalised words that look like a name,
    or a title and a surname ('Mr Barnier', 'Lord Mandelson')."""
    title = None
    while run and run[0][2].rstrip(".") in _TITLE_GENDER:
        title = run[0][2].rstrip(".")
        run = run[1:]
    while len(run) > 2 and not _looks_like_a_name([run[0][2]]):
        run = run[1:]  # 'House Speaker Paul Ryan', 'Labour MP Jo Bloggs': the name after the post
    if not run:
        return None
    words = [w[2] for w in run]
    if not ((title and len(run) == 1) or 2 <= len(run) <= 4) or not _looks_like_a_name(words):
        return None
    gender = _TITLE_GENDER.get(title or "") or (None if title else _first_name_gender(words[0]))
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
    if group is None:
        return mention
    return Mention(mention.start, group.end(), None, "group", None, "group")


def _role(match: re.Match[str]) -> Mention:
    role = " ".join(match.group("role").lower().split())
    words = " ".join(match.group().lower().split())
    return Mention(match.start(), match.end(), None, "role", _ROLE_GENDER.get(role), words)


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
    return all(
        w not in _NOT_PERSON_WORDS and len(w) > 1 and not w.isupper() and w[-1] not in ",;:"
        for w in words
        if not re.fullmatch(_PARTICLE, w)
    )


def _without_overlaps(mentions: list[Mention]) -> list[Mention]:
    rank = {"name": 0, "constituency": 0, "title": 1, "surname": 2, "person": 3, "group": 3}
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
def _first_name_gender(first: str) -> Gender:
    """'male' or 'female' only where the first name is clearly one in Britain; else unknown."""
    guess = _gender_detector().get_gender(fold(first), "great_britain")  # type: ignore[attr-defined]
    return "m" if guess == "male" else "f" if guess == "female" else None


def _mp_gender(mp: MP) -> Gender:
    for alias in mp.aliases:
        if alias.startswith("Sir "):
            return "m"
        if alias.startswith("Dame "):
            return "f"
    return _first_name_gender(mp.name.split()[0])


# --- whom a pronoun or a role means -----------------------------------------------------------


class People:
    """The mentions of one text (quotes blanked out), and the resolution of each."""

    def __init__(self, masked: str, roster: Roster) -> None:
        self.masked = masked
        self.party = roster.party
        self.by_constituency = roster.by_constituency
        self.mentions = _learn_genders(roster.mentions(masked), masked)
        self._breaks = [m.end() for m in _SENTENCE_BREAK.finditer(masked)]
        self._identified: dict[int, Mention | None] = {}
        self._paragraphs = [m.start() for m in re.finditer(r"(?m)^(?=[^\n]*\S)", masked)]

    def roster_seat(self, place: str) -> str | None:
        """The MP for a constituency the item names, if the item names that MP too."""
        mp = self.by_constituency.get(place)
        named = {m.mp for m in self.mentions if m.how in ("name", "title", "surname")}
        return mp if mp in named else None

    def resolve(self, mention: Mention) -> str | None:
        """The tracked MP `mention` stands for, or None: someone else, or nobody can tell."""
        found = self.identify(mention)
        return found.mp if found else None

    def identify(self, mention: Mention) -> Mention | None:
        """The named mention a pronoun or role points back to (itself for a name)."""
        if mention.how not in ("pronoun", "role"):
            return mention
        if mention.start not in self._identified:
            self._identified[mention.start] = None  # a chain that comes back here is unknown
            found = self._antecedent(mention) if mention.how == "pronoun" else None
            if mention.how == "role":
                found = self._role_holder(mention)
            self._identified[mention.start] = found
        return self._identified[mention.start]

    def sentence_start(self, position: int) -> int:
        return max((b for b in self._breaks if b <= position), default=0)

    def _antecedent(self, pronoun: Mention) -> Mention | None:
        """Walk back sentence by sentence, at most two paragraphs: the first sentence that
        names someone of the pronoun's gender decides, when only one such person is there
        or one is its subject and the others are governed by a preposition."""
        for index, (start, end) in enumerate(reversed(self._sentences(pronoun.start, back=2))):
            subject = self._pronoun_subject(start, end, pronoun)
            if index > 0 and subject is not None:  # 'However, he could not explain ...'
                return self.identify(subject)  # the chain goes on: whom that one means
            people = [self.identify(m) for m in self._named_between(start, end)]
            fitting = [p for p in people if p is not None and _agrees(p.gender, pronoun.gender)]
            if any(p is None for p in people):
                return None  # someone there could be anyone: do not guess
            if fitting:
                return self._pick(fitting, start, own=index == 0)
        return None

    def _pronoun_subject(self, start: int, end: int, pronoun: Mention) -> Mention | None:
        """A pronoun of the same gender that is the sentence's subject: the first person it
        mentions, with nothing but a lead-in ('However,') before it."""
        first = next((m for m in self.mentions if start <= m.start < end), None)
        if first is None or first.how != "pronoun" or first.gender != pronoun.gender:
            return None
        lead = self.masked[start : first.start]
        return first if not re.search(r"[A-Za-z]{3,}\s+$", lead.split(",")[-1]) else None

    def _pick(self, fitting: list[Mention], start: int, own: bool) -> Mention | None:
        keys = {p.key or p.how for p in fitting}
        if len(keys) == 1:
            return fitting[0]
        subject = fitting[0]
        if self._governed(subject, start):
            return None
        others = [p for p in fitting[1:] if (p.key or p.how) != subject.key]
        if own or all(self._governed(p, start) for p in others):
            return subject
        return None

    def _sentences(self, position: int, back: int) -> list[tuple[int, int]]:
        """The sentences from `back` paragraphs above up to `position` (the last one cut
        there), as (start, end)."""
        limit = self._paragraph_start(position, back)
        starts = [b for b in self._breaks if limit < b <= position]
        return list(zip([limit, *starts], [*starts, position], strict=True))

    def _named_between(self, start: int, end: int) -> list[Mention]:
        return [
            m for m in self.mentions if start <= m.start < end and m.how not in ("pronoun", "group")
        ]

    def _governed(self, mention: Mention, start: int) -> bool:
        before = self.masked[max(start, mention.start - 16) : mention.start]
        after = self.masked[mention.end : mention.end + 3]
        return bool(_GOVERNED.search(before)) or after.startswith(("'s", "’s"))

    def _role_holder(self, role: Mention) -> Mention | None:
        """A role names someone the text tied to it ('Rachel Reeves, the chancellor,';
        'Shadow chancellor Mel Stride'), or, for a role any MP may fill ('the MP', 'the
        former minister', 'the 52-year-old'), the person named last, if that is an MP."""
        linked = self._linked(role)
        if linked is not None:
            return linked
        words = self.masked[role.start : role.end]
        if not _MP_ROLE.match(words) or _NOT_MP_ROLE.search(words) or _ABROAD.search(words):
            return role
        party = _party_named(words)
        for start, end in reversed(self._sentences(role.start, back=1)):
            named = [m for m in self._named_between(start, end) if m.how != "role"]
            if party and named:
                fitting = {
                    m.mp for m in named if m.mp and (self.party.get(m.mp) or "").startswith(party)
                }
                return next(m for m in named if m.mp in fitting) if len(fitting) == 1 else None
            if named:
                subject = named[0]
                agrees = _agrees(subject.gender, role.gender)
                return subject if agrees and not self._governed(subject, start) else None
        return role

    def _linked(self, role: Mention) -> Mention | None:
        core = _core(self.masked[role.start : role.end])
        if not core:
            return None
        pattern = re.compile(rf"\b{core}\b", re.I)
        holder: Mention | None = None
        named_next = [
            m
            for m in self.mentions
            if m.start >= role.end
            and m.how not in ("pronoun", "role")
            and re.fullmatch(r",?\s*", self.masked[role.end : m.start])
        ]
        if named_next:  # 'The chancellor, Jeremy Hunt, has confirmed ...'
            return named_next[0]
        for found in pattern.finditer(self.masked, 0, role.end):
            for m in self.mentions:
                if m.how in ("pronoun", "role") or m.start >= role.start:
                    continue
                between_after = self.masked[m.end : found.start()]
                between_before = self.masked[found.end() : m.start]
                if m.end <= found.start() and re.fullmatch(
                    r",?\s+(?:the\s+|a\s+)?"
                    r"(?:[\w'’-]+\s+){0,3}?",
                    between_after,
                ):
                    holder = m  # 'Rachel Reeves, the chancellor'
                elif m.start >= found.end() and re.fullmatch(r",?\s*", between_before):
                    holder = m  # 'the chancellor, Rachel Reeves', 'Chancellor Rachel Reeves'
        return holder

    def _paragraph_start(self, position: int, back: int) -> int:
        """Where the paragraph `back` paragraphs above the one holding `position` starts."""
        starts = [s for s in self._paragraphs if s <= position]
        start = starts[max(0, len(starts) - 1 - back)] if starts else 0
        return max(start, position - 1500)


# 'his' is always a man's; 'her' only where it is plainly possessive ('launched her bid').
_OWN_PRONOUN = re.compile(
    r"\b(?:(his|himself)|(herself|her\s+own|(?:launched|announced|confirmed|declared|withdrew"
    r"|pulled|made|gave|threw|put|handed|tendered|posted|set\s+out|began|started)\s+her))\b",
    re.I,
)


def _learn_genders(mentions: list[Mention], text: str) -> list[Mention]:
    """A person whose first name does not tell their gender, told by the text: 'Wes
    Streeting, who launched his campaign' is a man. Only a possessive or reflexive in the
    clause right after the name, before anyone else is named, counts."""
    learned: dict[str, Gender] = {}
    for index, mention in enumerate(mentions):
        if mention.gender is not None or not mention.key or mention.how in ("pronoun", "role"):
            continue
        following = mentions[index + 1].start if index + 1 < len(mentions) else len(text)
        clause = re.split(r"[.;:!?\n]", text[mention.end : min(following, mention.end + 80)])[0]
        own = _OWN_PRONOUN.search(clause)
        if own and mention.key not in learned:
            learned[mention.key] = "m" if own.group(1) else "f"
    return [
        replace(m, gender=learned[m.key]) if m.gender is None and m.key in learned else m
        for m in mentions
    ]


def _core(role_words: str) -> str:
    """'the Irish taoiseach' -> 'taoiseach'; 'the shadow home secretary' -> 'shadow home
    secretary': the role's own words, without articles, adjectives of origin or party."""
    words = role_words.lower().split()[1:]
    while words and (words[0] in ("former", "new", "then", "current", "outgoing", "veteran")):
        words = words[1:]
    if not words or words[-1] in ("mp", "source", "ally", "member", "official", "aide"):
        return ""
    return r"\s+".join(re.escape(w) for w in words[-3:])


_PARTY_WORDS = {
    "labour": "Labour", "conservative": "Conservative", "tory": "Conservative",
    "lib dem": "Liberal Democrat", "liberal democrat": "Liberal Democrat",
    "snp": "Scottish National Party",
    "reform": "Reform UK", "reform uk": "Reform UK", "green": "Green Party", "plaid": "Plaid Cymru",
}  # fmt: skip


def _party_named(words: str) -> str | None:
    found = re.search(
        r"\b(lib dem|liberal democrat|reform uk|labour|conservative|tory|snp|reform"
        r"|green|plaid)\b",
        words,
        re.I,
    )
    return _PARTY_WORDS[found.group(1).lower()] if found else None


def _agrees(gender: Gender, wanted: Gender) -> bool:
    return gender is None or wanted is None or gender == wanted
