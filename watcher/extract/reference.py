"""Whom a pronoun or a role means, among everyone a text names (`people`), tracked or not.

A pronoun walks back sentence by sentence to the person of its gender who is the subject there;
a role is whoever the text ties it to ('Rachel Reeves, the chancellor'), or, for a British
political role, the person the sentence before is about. When two people could be meant,
nobody is: a quote pinned on the wrong MP is the worst mistake the watcher can make.
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise

from watcher.extract.people import Gender, Mention, Roster, agrees
from watcher.extract.sentences import SENTENCE_BREAK, pattern

# A British political role that, unless the text ties it to someone, refers back to the person
# named last when that is an MP ('the shadow chancellor said', 'the Wansbeck MP', 'the
# 52-year-old'). Foreign and official roles ('the taoiseach', 'a spokesman') never do.
_MP_ROLE = re.compile(
    r"^the\s+(?:(?:former|new|veteran|outgoing|senior|backbench|frontbench|shadow"
    r"|junior|cabinet|labour|conservative|tory|lib\s+dem|liberal\s+democrat|reform|reform\s+uk"
    r"|green|snp|plaid|independent|(?:\d+|[a-z]+(?:-[a-z]+)*)-year-old|[a-z]+)\s+){0,4}?"
    r"(?:mp|backbencher|frontbencher|veteran"
    r"|minister|secretary|chancellor|politician|whip|chair|chairman|chairwoman|leader"
    r"|deputy\s+leader)$|^the\s+(?:\d+|[a-z]+(?:-[a-z]+)*)-year-old$",
    re.I,
)
# Roles no MP holds, or that name one holder ('the prime minister'); 'the former deputy prime
# minister' may be any MP the sentence before was about.
_NOT_MP_ROLE = re.compile(
    r"\b(?:(?<!former\sdeputy\s)(?<!former\s)prime|first|foreign\s+minister|president|mayor"
    r"|general|(?<!former\s)(?:senedd|holyrood|stormont|assembly)|msp|mla|council)\b",
    re.I,
)


def _no_mp_holds(role_words: str) -> bool:
    """'the French president', 'the Unite general secretary': a role no MP holds, or one held
    by one person the text must name."""
    return (
        not _MP_ROLE.match(role_words)
        or bool(_NOT_MP_ROLE.search(role_words))
        or bool(_ABROAD.search(role_words))
    )


# 'the first cabinet minister to enter the race', 'the latest MP to back her': the subject again.
_ORDINAL = re.compile(
    r"the\s+(?:first|second|third|fourth|fifth|latest|last)\s+(?!minister\b)", re.I
)
# Just before a name, the words of someone succeeded: 'the race to succeed Sir Ed Davey'. The
# one succeeded is not the sentence's subject, nor whom its role means.
SUCCEEDED = re.compile(
    r"\b(?:succeed|succeeding|replace|replacing|oust|ousting|topple|toppling|successor\s+to"
    r"|to\s+follow)\s+(?:(?:Sir|Dame|Mr|Mrs|Ms|Miss|Dr|Lord|Lady)\.?\s+)?$",
    re.I,
)
# A former holder of an office of one: which of its few former holders, only the text can tell
# ('Jeremy Hunt, the former chancellor,').
_FORMER_OFFICE = re.compile(
    r"\bformer\s+(?:deputy\s+)?(?:prime\s+minister|chancellor|home\s+secretary"
    r"|foreign\s+secretary|party\s+leader|leader)\b",
    re.I,
)
_OF_AN_ORGANISATION = re.compile(
    r"\s+(?:of|at)\s+(?:the\s+)?(?:[\w'’&-]+\s+){0,4}?(?:council|union|association|federation"
    r"|confederation|society|foundation|institute|university|college|trust|board|authority"
    r"|company|charity|commission|bank|agency|council['’]s)\b",
    re.I,
)
# 'the German chancellor', 'the US secretary of state': a role abroad is never an MP's.
_ABROAD = re.compile(
    r"\b(?:US|EU|UN|Nato|(?!Scottish|Welsh|British|English|Cornish|Labour|Tory|Republican)"
    r"[A-Z][a-z]+(?:ish|ese|ian|an|ic|i))\b"
)
# The one who does what a passive tells, right before a name: 'was criticised by'.
_PASSIVE_AGENT = re.compile(
    r"\b(?:was|were|been|being|is|are|be|get|got)\s+(?:\w+ly\s+)?(?:criticis|criticiz|prais|attack"
    r"|accus|condemn|slamm|blast|rebuk|challeng|question|urg|warn|mock|defend|hail|thank"
    r"|congratulat|savag|lambast|back|endors|support|contradict|corrected|answer)\w*\s+by\s+"
    r"(?:the\s+)?(?:(?-i:[A-Z])[\w.'’-]*\s+){0,2}$",
    re.I,
)
_GOVERNED = re.compile(
    r"(?:\b(?:to|of|for|with|by|about|from|at|on|against|than|between|like|under|alongside"
    r"|beside|besides|behind|including|among|amongst|opposite|without|except)"
    r"\s+(?:the\s+|both\s+|either\s+|neither\s+|then\s+)?(?:(?-i:[A-Z])[\w.'’-]*\s+){0,2}"
    # 'under President Obama', 'a minister under both David Cameron and Theresa May'
    r"|\b(?:and|or)\s+(?:the\s+)?|['’]s\s+)$",
    re.I,
)


_ADDRESSED = re.compile(
    r"\b(?:to|with|from|against|than|between|like|under)\s+(?:the\s+)?(?:(?-i:[A-Z])[\w.'’-]*\s+){0,2}$",
    re.I,
)


# A speech verb right after a person ('a spokesman said', 'a source close to him told').
_SPEAKS_NEXT = re.compile(
    r"(?:\s+(?:for|close\s+to|to)(?:\s+[\w'’.-]+){1,3}?)?\s+(?:said|says|told|added"
    r"|insisted|claimed|warned|confirmed|stated|explained|argued|replied|responded)\b"
)


class People:
    """The mentions of one text (quotes blanked out), and the resolution of each."""

    def __init__(self, masked: str, roster: Roster) -> None:
        self.masked = masked
        self.party = roster.party
        self.by_constituency = roster.by_constituency
        self.mentions = _learn_genders(roster.mentions(masked), masked)
        self._breaks = [m.end() for m in SENTENCE_BREAK.finditer(masked)]
        self._identified: dict[int, Mention | None] = {}
        self._paragraphs = [m.start() for m in re.finditer(r"(?m)^(?=[^\n]*\S)", masked)]
        self._stamps = [m.end() for m in _ENTRY_STAMP.finditer(masked)]

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
            named = self._named_between(start, end)
            named = [m for m in named if not self._in_a_clause_of_time(m, index)]
            if index == 0:  # 'In a letter to the Prime Minister, he wrote': not the addressee
                named = [m for m in named if not self._addressed(m, start)]
                # 'Appearing alongside Nigel Farage ..., he said': not the one beside him
                named = [m for m in named if not self._beside(m, start)]
                named = [m for m in named if not self._talked_about(m, start)]
                # 'Asked whether he might follow Jim McMahon, he said': the one asked about
                named = [m for m in named if not _ASKED_ABOUT.match(self.masked, start, m.start)]
            people = [self.identify(m) for m in named]
            fitting = [p for p in people if p is not None and agrees(p.gender, pronoun.gender)]
            if any(p is None for p in people):
                return None  # someone there could be anyone: do not guess
            if fitting:
                found = self._pick(fitting, start, own=index == 0)
                if found is not None and self._crowded(found, start, pronoun):
                    return None
                if found is not None and self._told_of_another(found, start, end, pronoun):
                    return None
                return found
        return None

    def _told_of_another(self, found: Mention, start: int, end: int, pronoun: Mention) -> bool:
        """Whether the sentence where `found` stands also holds a pronoun of the same gender
        that means someone else: 'When Liz Truss fell he backed Rishi Sunak, and he held his
        seat. He told me ...': the 'he' there is not Mr Sunak, so the next may not be either."""
        identity = found.key or found.mp
        for other in self.mentions:
            if not start <= other.start < min(end, pronoun.start) or other.how != "pronoun":
                continue
            if other.gender != pronoun.gender:
                continue
            meant = self.identify(other)
            if meant is not None and (meant.key or meant.mp) != identity:
                return True
        return False

    def _crowded(self, found: Mention, start: int, pronoun: Mention) -> bool:
        """Whether `found`, named in a paragraph above the pronoun's, shares that paragraph
        with others of the pronoun's gender and is not the one it opens with: a feature's
        paragraph of history names many, and the 'he' below may mean its subject."""
        paragraph = self._paragraph_start(start, back=0)
        if paragraph == self._paragraph_start(pronoun.start, back=0):
            return False
        end = min((p for p in self._paragraphs if p > start), default=len(self.masked))
        named = [m for m in self._named_between(paragraph, end) if m.how != "role"]
        fitting = [p for p in named if p.gender == pronoun.gender]
        keys = {p.key or p.how for p in fitting}
        return len(keys) > 1 and (fitting[0].key or fitting[0].how) != (found.key or found.how)

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
        if self._governed(subject, start):  # 'In a letter to the prime minister, Ms Ali said'
            free = {p.key or p.how for p in fitting if not self._governed(p, start)}
            named = [p for p in fitting if not self._governed(p, start)]
            return named[0] if len(free) == 1 else None
        others = [p for p in fitting[1:] if (p.key or p.how) != subject.key]
        if any(
            _PASSIVE_AGENT.search(self.masked, max(start, p.start - 50), p.start) for p in others
        ):
            return None  # 'Mr Betts was criticised by Dan Carden. "...," he said': either
        if own or all(
            self._governed(p, start)
            or self._object_of(subject, p)
            or self._reported(subject, p)
            or self._an_object(p, start)
            for p in others
        ):
            return subject
        return None

    def _reported(self, subject: Mention, other: Mention) -> bool:
        """'Karin Smyth said she would be nominating Bridget Phillipson': named inside what the
        subject is reported to have said, after the subject's own 'said ... she'."""
        between = self.masked[subject.end : other.start]
        return bool(_SAID_SHE.search(between))

    def _object_of(self, subject: Mention, other: Mention) -> bool:
        """'Nigel Farage welcomed Mr Rosindell': named right after the subject's verb."""
        between = self.masked[subject.end : other.start]
        return bool(_VERB_ALONE.fullmatch(between))

    def _sentences(self, position: int, back: int) -> list[tuple[int, int]]:
        """The sentences from `back` paragraphs above up to `position` (the last one cut
        there), as (start, end)."""
        limit = self._paragraph_start(position, back)
        starts = [b for b in self._breaks if limit < b <= position]
        return list(zip([limit, *starts], [*starts, position], strict=True))

    def _named_between(self, start: int, end: int) -> list[Mention]:
        """The people a stretch of text names; a role with 'a' or 'an' ('she would not be a
        candidate', 'Jo Bloggs, a councillor') describes someone rather than names them."""
        return [
            m
            for m in self.mentions
            if start <= m.start < end
            and m.how not in ("pronoun", "group")
            and not self._describes(m)
        ]

    def _describes(self, mention: Mention) -> bool:
        """'she would not be a candidate', 'Jo Bloggs, a councillor': a role with 'a' or 'an'
        describes someone, unless it opens its sentence or speaks ('A party spokesman said')."""
        if mention.how != "role" or not re.match(r"an?\s", self.masked[mention.start :], re.I):
            return False
        lead = self.masked[self.sentence_start(mention.start) : mention.start]
        speaks = _SPEAKS_NEXT.match(self.masked, mention.end)
        return not speaks and bool(lead.strip(" \t\n\"'“‘"))

    def _governed(self, mention: Mention, start: int) -> bool:
        before = self.masked[max(start, mention.start - 40) : mention.start]
        after = self.masked[mention.end : mention.end + 3]
        if re.search(r"(?:,|\band)\s+$", before) and self._opens_list(mention, start):
            return False  # 'Tom Morrison and Ben Maguire spoke': both are its subjects
        listed_after = self._listed_after(mention, start)
        if listed_after is not None:  # 'The others are Jo Bloggs, Al Smith and Tom Brown':
            return self._governed(listed_after, start)  # all three stand alike
        owner = after.startswith(("'s", "’s")) or self.masked[mention.start : mention.end].endswith(
            ("'s", "’s")
        )
        return bool(_GOVERNED.search(before)) or owner

    def _in_a_clause_of_time(self, mention: Mention, index: int) -> bool:
        """'whether he would stand if Keir Starmer went'; and, in a sentence before the
        pronoun's, 'When Angela Rayner resigned, colleagues urged her to stand': the name
        that opens a condition or a time is not whom a later pronoun means."""
        before = self.masked[max(0, mention.start - 12) : mention.start]
        if _CONDITION_BEFORE.search(before):
            return True
        return index > 0 and bool(_TIME_BEFORE.search(before))

    def _beside(self, mention: Mention, start: int) -> bool:
        before = self.masked[max(start, mention.start - 30) : mention.start]
        return bool(_BESIDE.search(before))

    def _talked_about(self, mention: Mention, start: int) -> bool:
        """'Asked about Ms Powell's criticism of No 10, she says': someone the words are about,
        in the possessive after 'about', 'of' or 'over', not who speaks."""
        before = self.masked[max(start, mention.start - 30) : mention.start]
        named = self.masked[mention.start : mention.end]
        own = ("'s", "’s")
        possessive = named.endswith(own) or self.masked[mention.end : mention.end + 2] in own
        return possessive and bool(re.search(r"\b(?:about|of|over|on|regarding)\s+$", before))

    def _addressed(self, mention: Mention, start: int) -> bool:
        """'in a letter to the Prime Minister', 'in an interview with Jo Bloggs': someone the
        sentence's subject turns to, who is not that subject ('For Kemi Badenoch, ... she'
        may be)."""
        before = self.masked[max(start, mention.start - 40) : mention.start]
        return bool(_ADDRESSED.search(before))

    def _listed_after(self, mention: Mention, start: int) -> Mention | None:
        """The person named just before `mention` in a list ('A, B and C'), if any."""
        before = [m for m in self.mentions if start <= m.start and m.end <= mention.start]
        if not before or before[-1].how == "pronoun":
            return None
        gap = self.masked[before[-1].end : mention.start]
        if not re.fullmatch(r"\s*(?:,\s*)?(?:and\s+)?", gap) or not gap.strip():
            return None
        if "and" in gap:
            return before[-1]
        # 'with Rusty Humphries, Ham made it clear': a comma alone lists only when the list
        # goes on ('A, B and C')
        after = [m for m in self.mentions if m.start >= mention.end]
        goes_on = after and re.fullmatch(
            r"\s*,?\s*and\s+|\s*,\s*", self.masked[mention.end : after[0].start]
        )
        return before[-1] if goes_on else None

    def _opens_list(self, mention: Mention, start: int) -> bool:
        """Whether `mention` is listed with the people the sentence opens with."""
        listed = [m for m in self.mentions if start <= m.start < mention.start]
        lead = self.masked[start : listed[0].start] if listed else "-"
        if not listed or re.search(r"[A-Za-z]{3,}\s*$", lead.split(",")[-1]):
            return False
        gaps = (self.masked[a.end : b.start] for a, b in pairwise([*listed, mention]))
        return all(re.fullmatch(r"\s*(?:,\s*)?(?:and\s+)?", gap) for gap in gaps)

    def _role_holder(self, role: Mention) -> Mention | None:
        """A role names someone the text tied to it ('Rachel Reeves, the chancellor,';
        'Shadow chancellor Mel Stride'), or, for a role any MP may fill ('the MP', 'the
        former minister', 'the 52-year-old'), the person named last, if that is an MP."""
        linked = self._linked(role)
        if linked is not None:
            return linked
        words = self.masked[role.start : role.end]
        if _no_mp_holds(words):
            return role
        if _OF_AN_ORGANISATION.match(self.masked, role.end):
            return role  # 'the leader of Manchester City Council': nobody's seat in the Commons
        party = _party_named(words)
        for start, end in reversed(self._sentences(role.start, back=1)):
            present = [m for m in self._named_between(start, end) if m.start != role.start]
            named = [m for m in present if m.how != "role"]
            if party and named:
                fitting = {
                    m.mp for m in named if m.mp and (self.party.get(m.mp) or "").startswith(party)
                }
                return next(m for m in named if m.mp in fitting) if len(fitting) == 1 else None
            named = [m for m in named if not self._an_object(m, start)]
            if named:
                subject = named[0]
                if self._someone_else_there(subject, present, words):
                    return None  # 'Wes Streeting praised Tony Blair. "...," the former prime
                    # minister said': the one praised may be meant as well as the subject
                fits = agrees(subject.gender, role.gender)
                if _WITH_DOING.match(self.masked, subject.end) and re.search(
                    r"\bwith\s+$", self.masked[max(start, subject.start - 6) : subject.start]
                ):
                    return subject if fits else None  # ', with Kemi Badenoch confirming ...'
                if self._holds_another_office(subject, words):
                    return None  # 'Mel Stride, the shadow chancellor, ... The chancellor'
                if self._held_by_another_before(role, words, subject):
                    return None  # 'threw her weight behind the shadow chancellor ... The
                    # shadow chancellor said': the office stood for someone else earlier
                return subject if fits and not self._governed(subject, start) else None
        return role

    def _someone_else_there(self, subject: Mention, present: list[Mention], role: str) -> bool:
        """Whether the sentence that gives a role its holder names someone else who may hold
        it: an office abroad or outside the Commons that no name there holds ('Yvette Cooper
        met the Irish foreign minister. ... the minister said'), or, for a former office of
        one ('the former prime minister'), a person named who is not tracked."""
        identity = subject.key or subject.mp
        for mention in present:
            if mention.how == "role":
                words = self.masked[mention.start : mention.end]
                if _ORDINAL.match(words) or self._linked(mention) is not None:
                    continue  # 'the first cabinet minister to enter the race' is the subject
                if _ABROAD.search(words) or _NOT_MP_ROLE.search(words):
                    return True
            elif not _FORMER_OFFICE.search(role):
                continue
            elif mention.mp is None and (mention.key or mention.mp) != identity:
                before = self.masked[max(0, mention.start - 30) : mention.start]
                if not SUCCEEDED.search(before):  # 'the race to succeed Doug Beattie'
                    return True
        return False

    def _held_by_another_before(self, role: Mention, words: str, subject: Mention) -> bool:
        """Whether the same office, told earlier in the text, stood for someone other than
        `subject`."""
        core = _core(words)
        if not core:
            return False
        earlier = min(start for start, _ in self._sentences(role.start, back=1))
        for other in self.mentions:
            if other.how != "role" or other.start >= earlier:
                continue
            if _core(self.masked[other.start : other.end]) != core:
                continue  # 'the shadow chancellor' is not 'the chancellor'
            holder = self._role_holder(other)
            if holder is not None and holder.how != "role" and holder.key != subject.key:
                return True
        return False

    def _an_object(self, mention: Mention, start: int) -> bool:
        """'The race to succeed Rishi Sunak': a name that a verb before it governs."""
        before = self.masked[max(start, mention.start - 30) : mention.start]
        return bool(_OBJECT_OF_A_VERB.search(before))

    def _holds_another_office(self, person: Mention, role_words: str) -> bool:
        """Whether the text sets `person` beside another office of the role's words ('Mel
        Stride, the shadow chancellor' for 'the chancellor')."""
        core = _core(role_words)
        if not core:
            return False
        office = rf"(?:shadow|deputy|former|ex|vice|junior|assistant|acting|interim)[\s-]+{core}"
        key = person.key or person.mp
        for m in self.mentions:
            if m.how in ("pronoun", "role") or (m.key or m.mp) != key:
                continue
            after = self.masked[m.end : m.end + 60]
            before = self.masked[max(0, m.start - 60) : m.start]
            if pattern(rf",?\s+(?:the\s+)?{office}\b", re.I).match(after) or pattern(
                rf"\b{office}\s+$", re.I
            ).search(before):
                return True
        return False

    def _linked(self, role: Mention) -> Mention | None:
        named_next = [
            m
            for m in self.mentions
            if m.start >= role.end
            and m.how not in ("pronoun", "role")
            and re.fullmatch(r",?\s*", self.masked[role.end : m.start])
        ]
        if named_next:  # 'The chancellor, Jeremy Hunt, has confirmed ...', 'the MP Jess Phillips'
            return named_next[0]
        core = _core(self.masked[role.start : role.end])
        if not core:
            return None
        holder: Mention | None = None
        own_words = self.masked[role.start : role.end].lower()
        for found in pattern(rf"\b{core}\b", re.I).finditer(self.masked, 0, role.end):
            other = _ANOTHER_OFFICE.search(self.masked, max(0, found.start() - 12), found.start())
            if other and other.group(1).lower() not in own_words:
                continue  # 'Mel Stride, the shadow chancellor' does not hold 'the chancellor'
            for m in self.mentions:
                if m.how in ("pronoun", "role") or m.start >= role.start:
                    continue
                between_after = self.masked[m.end : found.start()]
                between_before = self.masked[found.end() : m.start]
                if m.end <= found.start() and re.fullmatch(
                    r",\s+(?:the\s+|a\s+)?(?:[\w'’-]+\s+){0,3}?"
                    r"|\s+(?:(?:is|was|has\s+become|had\s+become|became|becomes|remains"
                    r"|has\s+been)\s+)?(?:the|a)\s+(?:[\w'’-]+\s+){0,3}?",
                    between_after,
                ):
                    holder = m  # 'Rachel Reeves, the chancellor', 'X has become the first
                    # candidate', not 'Yvette Cooper met the Irish foreign minister'
                elif (
                    m.start >= found.end()
                    and re.fullmatch(r",?\s*", between_before)
                    and not _GOVERNED_ROLE.search(
                        self.masked, max(0, found.start() - 30), found.start()
                    )
                ):
                    holder = m  # 'the chancellor, Rachel Reeves', 'Chancellor Rachel Reeves'
        return holder

    def _paragraph_start(self, position: int, back: int) -> int:
        """Where the paragraph `back` paragraphs above the one holding `position` starts."""
        starts = [s for s in self._paragraphs if s <= position]
        start = starts[max(0, len(starts) - 1 - back)] if starts else 0
        entry = max((s for s in self._stamps if s <= position), default=0)
        return max(start, position - 1500, entry)  # a live blog's entry starts afresh


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


# A subject's verb and nothing else: ' welcomed ', ' has thanked ', ' later praised '.
_VERB_ALONE = re.compile(
    r"\s+(?:(?:has|had|have|also|later|then|warmly|quickly|publicly)\s+){0,2}"
    r"(?-i:[a-z]+(?:ed|ted))\s+(?:the\s+)?"
)

# Verbs whose object a name is, not the sentence's subject: 'The race to succeed Rishi Sunak'.
_OBJECT_OF_A_VERB = re.compile(
    r"\b(?:succeed|succeeding|replace|replacing|challenge|challenging|beat|beating|defeat"
    r"|oust|ousting|topple|toppling|unseat|back|backing|join|joining|face|facing|against"
    r"|behind|thank|thanked|praise|praised|attack|attacked|blame|blamed|endorse|endorsed"
    r"|endorsing|nominate|nominated|nominating|support|supported|supporting|congratulate"
    r"|congratulated|criticise|criticised|criticising)"
    r"\s+(?:the\s+)?$"
)

# The subject's speech verb and the pronoun that takes up the subject again: 'said she would'.
_SAID_SHE = re.compile(
    r"^[^.;:]*?\b(?:said|says|told\s+\w+|announced|confirmed|insisted|added)\s+(?:that\s+)?"
    r"(?:he|she)\b",
    re.I,
)

# Someone the subject stands beside or is with: 'Appearing alongside Nigel Farage'.
_BESIDE = re.compile(
    r"\b(?:alongside|beside|next\s+to|flanked\s+by|joined\s+by|with|behind)\s+(?:the\s+)?$", re.I
)

# An opening clause that tells what the speaker was asked, up to a name inside it.
_ASKED_ABOUT = re.compile(
    r"\W*(?:When\s+|After\s+being\s+)?asked\s+(?:whether|if|about|why|how|what|when|who)\b"
    r"[^,;:]*$",
    re.I,
)
# A name that opens a condition: 'whether he would stand if Keir Starmer went'.
_CONDITION_BEFORE = re.compile(r"\b(?:if|unless|whether)\s+(?:the\s+)?$", re.I)
_TIME_BEFORE = re.compile(r"\b(?:When|After|Since|Until|Once)\s+$")  # opening its sentence

# A participle after a name: ', with Kemi Badenoch confirming what ...'.
_WITH_DOING = re.compile(r"\s+(?-i:[a-z]+ing)\b")

# A live blog's entry stamp, on a line of its own: '11:30', '4.05pm', '13.05 BST'.
_ENTRY_STAMP = re.compile(
    r"(?m)^[ \t]*(?:\d{1,2}[:.]\d{2}(?:\s*[ap]m)?|\d{1,2}\s*[ap]m)(?:\s*(?:GMT|BST))?[ \t]*$",
    re.I,
)

# A role after a preposition is not set beside the name that follows: 'In a letter to the
# Prime Minister, Ms Rayner wrote'.
_GOVERNED_ROLE = re.compile(r"\b(?:to|with|for|from|by|about|against|on|at)\s+(?:the\s+)?$", re.I)

# A word that makes another office of a role's own words: 'shadow chancellor', 'deputy prime
# minister', 'former chancellor'.
_ANOTHER_OFFICE = re.compile(
    r"\b(shadow|deputy|former|ex|vice|junior|assistant|acting|interim)[\s-]+$", re.I
)


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
