"""What kind of statement: a bid, a withdrawal, an endorsement, a resignation, a defection.

Rules, not a model: each event kind has its phrasings (`phrasings`), and every match must
survive the guards for negation ("will not resign"), hedges ("not ruling anything out",
"considering"), calls by others ("urged him to stand") and background ("joined Labour in
1997"). When in doubt
the statement stays a plain `statement`: a false "resignation" at 23:15 costs more than a late
one.

`classify()` reads a statement's text in one of two voices: "first" for the MP's own words
("I will not be standing"), "reported" for a journalist's report ("he would not stand").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from watcher.extract.phrasings import PARTY, POST, RULES, URGES_OTHERS, Rule
from watcher.extract.sentences import BETWEEN_SENTENCES
from watcher.models import Kind

Voice = Literal["first", "reported"]

_VOICES = {
    "first": {
        "S": r"(?:(?:(?<![\w'’-])[A-Z][\w'’-]+\s+(?:[A-Z][\w'’-]+\s+)?and\s+)?I|we)",
        "POSS": r"(?:my|our)",
        "REFL": r"(?:myself|ourselves)",
    },
    "reported": {
        "S": r"(?:he|she|they|(?-i:[A-Z])[\w'’]{0,30}+(?:-[\w'’]{1,30}+)?)",
        "POSS": r"(?:his|her|their)",
        "REFL": r"(?:himself|herself|themselves)",
    },
}

LEADERSHIP = re.compile(
    r"\b(leaders?|leadership|deputy|contest|race|candida\w+|nominations?|hustings"
    r"|lead\s+(?:the|this|our)\s+(?:[A-Z]\w+\s+){0,2}?party|ballot"
    r"|to\s+lead\s+(?:the\s+)?(?:(?:Scottish|Welsh)\s+)?(?:Liberal\s+Democrats|Lib\s+Dems|Conservatives|Tories|Labour|Greens"
    r"|Green\s+Party|SNP|Plaid(?:\s+Cymru)?|Reform(?:\s+UK)?))\b",
    re.I,
)
# The same, quicker over long texts: a position is tried only where one of its words can start.
_LEADERSHIP_QUICK = re.compile(r"(?=[lLdDcCrRnNhHbBtT])" + LEADERSHIP.pattern, re.I)
HEDGE = re.compile(
    r"\b(not\s+rul\w+\s+(?:anything|myself|himself|herself|themselves|it|that)\s+out"
    r"|not\s+ruled\s+out|consider(?:s|ed|ing|ation)?|thinking\s+(?:(?:hard|seriously|carefully"
    r"|long\s+and\s+hard)\s+)?(?:about|of|it\s+over)|think\s+about"
    r"|on\s+the\s+(?:brink|verge|point)\s+of|close\s+to|threaten\w*\s+to|could\s+(?:quit|resign|walk"
    r"|defect)"
    r"|(?:not|n't|yet\s+to)\s+(?:yet\s+)?(?:made\s+up|decided|make\s+up)|undecided"
    r"|would\s+be\s+(?:honou?red|delighted|happy|proud)|if\s+(?:I|he|she|they|asked|there)"
    # 'would have nominated Bell in a heartbeat' (if she had been allowed to): what was not done
    r"|(?:would|could|might)(?:\s+|['’])(?:have|ve)\s+(?:\w+ly\s+)?(?:nominated|backed|supported"
    r"|endorsed|voted|stood|run|resigned|quit|defected|joined)"
    r"|whether|open\s+to|weigh(?:s|ing|ed)?\b|mull(?:s|ed|ing)?|urg(?:e|es|ed|ing)|call\w*\s+(?:on|for|upon|to)|asked\s+to"
    r"|ask(?:s|ed|ing)\s+(?:me|him|her|them|us)\s+to|rul\w+\s+(?:anything|nothing)\s+in\b"
    r"|rumou?r\w*|speculat\w*|den(?:y|ies|ied|ying)|reflect\w*|unlikely"
    # 'no plans to stand' hedges; 'no intention of standing' refuses
    r"|no\s+(?:plans?|intention)(?![”\"]?\s+of\s+(?:standing|running|putting))"
    r"|might|may\s+(?:stand|run|resign|defect|back|throw|quit|join|enter|challenge)"
    r"|(?:may|could)\s+(?:well|yet|still|even|possibly|soon)\b|encourag(?:e|es|ed|ing)|pressure|facing|expected\s+(?:by\s+(?:\w+\s+){1,3})?to"
    r"|likely\s+to|set\s+to|poised\s+to|tipped\s+to|would\s+consider|wants?\s+(?:him|her)"
    r"|persuade\w*|hope[sd]?\s+(?:he|she|they)|plans?\s+to|planning\s+to|intends?\s+to"
    r"|dismiss\w*|reports?\s+that|preparing\s+to|claims?\s+that|in\s+(?:\w+\s+)?talks"
    r"|(?:say|says|argue|argues|think|thinks|insist|insists)\s+(?:that\s+)?(?:I|we)\s+(?:should|must"
    r"|ought))\b",
    re.I,
)
OTHERS_SHOULD = re.compile(r"\b(?:he|she|they|you|[A-Z]\w+)\s+(?:should|must|could|ought)\b")
NEGATION = re.compile(
    r"\b(not|never|no\s+longer|won't|wouldn't|isn't|aren't|don't|didn't|haven't|hasn't|shan't"
    r"|refus\w+|reject\w*|against)\b|n't\b",
    re.I,
)
BACKGROUND = re.compile(
    r"\b(in\s+(?:19|20)\d\d|(?:summer|spring|autumn|winter)\s+of\s+(?:19|20)\d\d"
    r"|(?:years|months|decades)\s+(?:ago|earlier|before)|as\s+a\s+(?:teenager|student|young)|when\s+I\s+was"
    r"|at\s+the\s+age\s+of\s+\d{1,2}|aged\s+\d{2}|at\s+\d{2}(?![.:]?\d|\s*[ap]m)"
    r"|previously|formerly|back\s+in"
    r"|(?:after|before|since|following|during|from|in)\s+the\s+(?:19|20)\d\d\s+(?:general\s+|deputy\s+)?"
    r"(?:election|contest|race|leadership|referendum|defeat|campaign)"
    r"|the\s+(?:19|20)\d\d\s+(?:deputy\s+)?(?:leadership\s+)?(?:race|contest|election)"
    r"|after\s+(?:losing|winning)\s+the\s+(?:19|20)\d\d|from\s+(?:19|20)\d\d\s+(?:to|until)\s+(?:19|20)\d\d)\b",
    re.I,
)
_NOT_NAMES = {
    "The", "This", "That", "Labour", "Conservative", "Party", "Government", "Bill", "It",
    "Our", "My", "His", "Her", "Their", "All", "Everyone", "Him", "Them", "You", "Your",
    "Parliament", "Brexit", "Britain", "Reform", "Tory", "Tories", "Green", "Greens", "Lib",
    "Liberal", "SNP", "Plaid", "A", "An", "I", "We", "He", "She", "They", "Unite", "Unison",
}  # fmt: skip


# Words of a title written before a name ('Foreign Secretary Liz Truss').
_ROLE_WORDS = {
    "Secretary", "Minister", "Chancellor", "Attorney", "General", "Leader", "Mayor", "Whip",
    "Spokesperson", "Spokesman", "Spokeswoman", "Chair", "Chairman", "Chairwoman", "President",
}  # fmt: skip


@dataclass(frozen=True)
class Event:
    kind: Kind
    target: str | None
    confidence: float
    rule: str
    sentence: str
    at: int = 0  # where in the sentence the rule matched


def _compile(voice: Voice) -> list[tuple[Rule, re.Pattern[str]]]:
    words = _VOICES[voice]
    compiled = []
    for rule in RULES:
        pattern = rule.pattern
        for key, value in words.items():
            pattern = pattern.replace("{" + key + "}", value)
        compiled.append((rule, re.compile(pattern, re.I if rule.kind != "endorsement" else 0)))
    return compiled


_COMPILED: dict[Voice, list[tuple[Rule, re.Pattern[str]]]] = {
    "first": _compile("first"),
    "reported": _compile("reported"),
}
# The same, by kind: a sentence is matched only against the kinds whose words it holds.
_BY_KIND: dict[Voice, dict[str, list[tuple[Rule, re.Pattern[str]]]]] = {
    voice: {
        kind: [(r, p) for r, p in compiled if r.kind == kind] for kind in {r.kind for r in RULES}
    }
    for voice, compiled in _COMPILED.items()
}


# 'Congratulations to Kemi', 'congratulate Kemi on her election': the contest is over.
_CONGRATULATES = re.compile(
    r"\bcongratulations\s+to\b|\bcongratulat\w*\s+[^.]{0,60}?\b(?:on\s+(?:winning|becoming"
    r"|being\s+elected|(?:his|her|their)\s+(?:election|victory|win))|new\s+leader)\b"
    # 'she has my full support as our new deputy leader'
    r"|\bas\s+(?:our|the|my|their)\s+new\s+(?:deputy\s+)?leader\b",
    re.I,
)


def sentences(text: str) -> list[str]:
    pieces = []
    for paragraph in text.split("\n"):
        pieces += [s.strip() for s in BETWEEN_SENTENCES.split(paragraph) if s.strip()]
    return pieces


# Backing taken back, right before what it was: 'has withdrawn her support for'.
_TAKEN_BACK = re.compile(
    r"\b(?:withdr[ae]w\w*|pull\w*|revok\w+|rescind\w*|took\s+back|tak\w+\s+back|retract\w*)\s+"
    r"(?:his|her|their|my|our)\s+(?:\w+\s+)?(?:support|backing|nomination|endorsement|vote)\b",
    re.I,
)


def _a_cause_of_theirs(match: re.Match[str], sentence: str) -> bool:
    """Whether the one named is backed in a cause of theirs, not as a candidate: 'backed Lisa
    Nandy's call for an inquiry'."""
    name = match.groupdict().get("name") or ""
    end = match.end("name") if name else match.end()
    cause = _A_CAUSE if re.search(r"['’]s?$", name) else _THEIR_CAUSE
    return bool(cause.match(sentence, end))


# A cause of someone's after their name, told after the possessive.
_SOMETHING_OF_THEIRS = (
    r"\s+(?:[\w-]+\s+){0,2}?(?:call|calls|plan|plans|proposals?|bill|amendment|motion"
    r"|polic(?:y|ies)|idea|ideas|demand|demands|approach|stance|decision|comments?|remarks"
    r"|efforts?|push|review|report|inquiry|warning|budget|reforms?|strategy|position|statement"
    r"|speech|letter|request|appeal|pledge|vision|record|handling)\b"
)
_A_CAUSE = re.compile(_SOMETHING_OF_THEIRS, re.I)
_THEIR_CAUSE = re.compile("['’]s?" + _SOMETHING_OF_THEIRS, re.I)


def classify(text: str, voice: Voice, context: str = "", item: str = "") -> list[Event]:
    """The events in `text`, at most one of each kind, in the order they appear. `context` is
    the words around it; `item`, the whole text, may tell of a contest they do not name (a
    live blog's entry, a hustings report's paragraph): when it is given, backing someone is an
    endorsement only where a contest is told of."""
    text = text.replace("’", "'")  # curly apostrophes, as published: "won’t"
    if not any(_possible_kinds(sentence) for sentence in sentences(text)):
        return []  # no kind's words at all: the context need not be read
    in_contest, whip_changed, no_vacancy = _context_tells(context)
    in_contest = in_contest or bool(LEADERSHIP.search(text))
    contest_in_item = in_contest or not item or _tells_of_a_contest(item)
    return list(_classified(text, voice, in_contest, whip_changed, no_vacancy, contest_in_item))


# A contest told in so many words: 'the leadership race', 'nominations close', 'hustings'.
_A_CONTEST = re.compile(
    r"\b(?:leadership\s+(?:contest|race|election|bid|campaign|challenge|hustings)"
    r"|deputy\s+leadership|race\s+to\s+(?:succeed|replace|lead|become)|nominations?|hustings"
    r"|(?:race|contest|battle|fight)\s+for\s+the\s+(?:party(?:['’]s)?\s+|tory\s+|labour\s+)?(?:crown"
    r"|top\s+job|leadership)"
    r"|ballot|candida\w+|(?:first|latest|next)\s+to\s+declare"
    r"|contenders?(?!\s+(?:to\s+chair|for\s+(?:the\s+)?(?:\w+\s+)?(?:chair|committee|seat)))"
    r"|launch\w*\s+(?:her|his|their|a|the)\s+(?:[\w-]+\s+)?(?:campaign|bid)"
    # a person endorsed or nominated: 'Ian Lavery has endorsed Rebecca Long-Bailey'
    r"|(?:endors|nominat)\w*\s+(?:him|her|(?-i:[A-Z])\w+)"
    r"|confidence\s+vote|vote\s+of\s+(?:no\s+)?confidence)\b",
    re.I,
)


@lru_cache(maxsize=64)
def _tells_of_a_contest(item: str) -> bool:
    return bool(_A_CONTEST.search(item))


@lru_cache(maxsize=512)
def _context_tells(context: str) -> tuple[bool, bool, bool]:
    """What the words around a statement tell: a contest in sight, a whip taken away or given
    back, and 'no vacancy'. An item's sentences share their context, so it is read once."""
    return (
        bool(_LEADERSHIP_QUICK.search(context)),
        bool(_WHIP_QUICK.search(context)),
        bool(_NO_VACANCY_QUICK.search(context)),
    )


@lru_cache(maxsize=4096)
def _classified(
    text: str,
    voice: Voice,
    in_contest: bool,
    whip_changed: bool,
    no_vacancy: bool = False,
    contest_in_item: bool = False,
) -> tuple[Event, ...]:
    """`classify`, for a text and the things its context decides: a contest in sight, a whip
    taken away or given back, and 'no vacancy' said around it ('there is no vacancy ... Kemi has
    my support': loyalty, not a contest). The same sentence is read several times an item."""
    congratulates = bool(_CONGRATULATES.search(text))  # support for the winner, once it is over
    congratulates = congratulates or no_vacancy
    events: dict[str, Event] = {}
    before = ""  # the sentence before, which may say what standing is for
    for sentence in sentences(text):
        # only the kinds whose words the sentence holds; each kind's rules in their order
        rules = [r for kind in _possible_kinds(sentence) for r in _BY_KIND[voice].get(kind, ())]
        local = bool(_LOCAL_ELECTION.search(f"{before} {sentence}"))
        before = sentence
        for rule, pattern in rules:
            if rule.leadership and local:
                continue  # 'whether I'll stand for Norfolk County Council again ... I won't
            if _taken(rule.kind, events) and not _backs_a_pronoun(events.get(rule.kind)):
                continue
            backing_in_a_contest = rule.kind == "endorsement" and contest_in_item
            if rule.leadership and not in_contest and not backing_in_a_contest:
                continue  # backing may be told far from the contest it is in: a live blog
            if rule.kind == "endorsement" and congratulates:
                continue
            for match in pattern.finditer(sentence):
                event = _event(rule, match, sentence, voice)
                if event is None:
                    continue
                if (
                    _slot(event) not in events
                    or _names_whom(event, events[_slot(event)])
                    or _names_the_post(event, events[_slot(event)])
                ):
                    events[_slot(event)] = event
                    break
    whip_changed = whip_changed or bool(_WHIP_TAKEN_OR_GIVEN.search(text))
    defection = events.get("defection")
    chosen = defection is not None and bool(_OF_THEIR_OWN_ACCORD.search(defection.sentence))
    if whip_changed and _sitting_as(defection) and not chosen:
        del events["defection"]  # 'The decision means he will sit as an independent'
    if "leadership_bid" in events and "leadership_declined" in events:
        del events["leadership_bid"]  # "I will not be standing" also reads as "standing"
    if _one_move(events.get(_MEMBERSHIP), events.get("defection")):
        del events[_MEMBERSHIP]  # 'I have left Labour and joined Plaid': one event
    seat, declined = events.get(_MEMBERSHIP), events.get("leadership_declined")
    if seat and declined and seat.target == "the seat" and seat.sentence == declined.sentence:
        if (
            _OF_THE_SEAT.search(seat.sentence)
            or not in_contest
            or _NOT_AT_THE_ELECTION.search(text)
        ):
            del events["leadership_declined"]  # 'will not stand at the next election': the seat
        else:  # 'I've done the job and I loved it, but I won't be standing again', in a contest
            del events[_MEMBERSHIP]
    return tuple(sorted(events.values(), key=lambda e: (text.find(e.sentence), e.at)))


# The seat given up in words of its own elsewhere in the text: 'I will not be standing at the
# next general election' below a heading 'Why I will not stand again'.
_NOT_AT_THE_ELECTION = re.compile(
    r"\b(?:not|n't)\s+(?:be\s+)?(?:standing|stand|seek\w*\s+re-?election|contest\w*|fight\w*)\b"
    r"[^.;]{0,40}?\bnext\s+(?:general\s+)?election\b",
    re.I,
)
_OF_THE_SEAT = re.compile(
    r"\b(?:election|parliament|seat|constituency|MP|commons|re-?election|term)\b", re.I
)


def _names_the_post(event: Event, found: Event) -> bool:
    """ "So I've resigned. ... This morning I resigned as parliamentary private secretary": the
    post named later, over a resignation that named none."""
    return event.kind == "resignation" and found.target is None and event.target is not None


# Elections that are not a party's leadership: standing for them is no bid.
_LOCAL_ELECTION = re.compile(
    r"\b(?:county|city|borough|district|parish|town)\s+council\b|\b(?:council|local|mayoral)"
    r"\s+elections?\b",
    re.I,
)


def _backs_a_pronoun(event: Event | None) -> bool:
    return event is not None and event.kind == "endorsement" and event.target in ("him", "her")


def _names_whom(event: Event, found: Event) -> bool:
    """'Alicia has my vote, and I will campaign for her': the candidate named, in the same
    sentence, over the pronoun that stands for them."""
    named = event.target not in ("him", "her", "he", "she")
    return _backs_a_pronoun(found) and named and event.sentence == found.sentence


@lru_cache(maxsize=8192)
def _possible_kinds(sentence: str) -> tuple[str, ...]:
    """The kinds whose words the sentence holds, in the rules' order (a sentence is read in
    several texts)."""
    low = sentence.lower()
    return tuple(
        kind
        for kind, (literal, other) in _KIND_WORDS_FAST.items()
        if any(map(low.__contains__, literal)) or (other and other.search(sentence))
    )


# Words one of which every phrasing of a kind holds: a sentence with none of them is not
# matched against that kind's rules at all (a quick test before the slow ones).
_KIND_WORDS: dict[str, re.Pattern[str]] = {
    "leadership_bid": re.compile(
        r"stand|run|candida|bid|campaign|race|contest|declar|launch|nominat|forward|enter|join"
        r"|challeng|hat|in\s*[.!]|first|second|third|fourth|fifth|sixth|latest|last|lead",
        re.I,
    ),
    "leadership_declined": re.compile(
        r"stand|run|candida|bid|campaign|race|contest|withdr|pull|drop|bow|rul|quit|aside"
        r"|decid|enter|end|suspend|abandon|forward|seek|hat in",
        re.I,
    ),
    "endorsement": re.compile(
        r"back|endors|nominat|support|vot|behind|declar|campaign|weight|lot|came|come|sign"
        r"|cast|put|gave|give|lent|lend|offer|has|have|had|'ll|’ll|got|preference|stick|loyal"
        r"|standing|defect|ship|over|mov|switch|shift|transfer|corner|colou|papers|camp",
        re.I,
    ),
    "resignation": re.compile(
        r"resign|quit|step|stood|stand|walk|leav|left|whip|seat|parliament|contest|fight|retire"
        r"|bow|hand|tender|submit|offer|letter|membership|gave|give|giving|surrender|election"
        r"|trigger|serve|post|publish|sent|send|deliver|announc|chiltern|hundreds|northstead"
        r"|manor|stewardship|seek|last|relinquish|vacat|membership",
        re.I,
    ),
    "defection": re.compile(
        r"join|defect|cross|switch|leav|left|quit|sit|sat|unveil|reveal|welcom|introduc"
        r"|present|confirm|now|today|tonight|will|sign|over|went|gone|mov|jump|ditch|abandon"
        r"|desert|becom|became|serv|newest|recruit",
        re.I,
    ),
}


def _split_words(words: re.Pattern[str]) -> tuple[tuple[str, ...], re.Pattern[str] | None]:
    """A kind's words as plain substrings (tested with `in`, far quicker than a pattern of
    many alternatives) and a pattern for the few that are not plain."""
    parts = words.pattern.split("|")
    literal = tuple(part.lower() for part in parts if re.fullmatch(r"[\w'’]+", part))
    other = [part for part in parts if not re.fullmatch(r"[\w'’]+", part)]
    return literal, re.compile("|".join(other), re.I) if other else None


_KIND_WORDS_FAST = {kind: _split_words(words) for kind, words in _KIND_WORDS.items()}


# The whip taken away or given back: sitting as an independent, or as the party's MP again,
# is then the whips' doing, not a move the MP made.
_WHIP_TAKEN_OR_GIVEN = re.compile(
    r"\b(?:whip\s+(?:was\s+|has\s+been\s+|had\s+been\s+)?(?:suspended|withdrawn|removed"
    r"|restored|returned|reinstated)|(?:suspended|withdrew|withdrawn|removed|restored|lost|losing"
    r"|loses)\s+(?:from\s+)?(?:the\s+)?(?:\w+\s+){0,2}?whip|suspended\s+from\s+the\s+(?:\w+\s+)?party"
    r"|had\s+the\s+(?:\w+\s+)?whip\s+(?:suspended|withdrawn|removed|restored))",
    re.I,
)

# The same, quicker over long contexts: a position is tried only where one of its words can start.
_WHIP_QUICK = re.compile(r"(?=[wWsSrRlLhH])" + _WHIP_TAKEN_OR_GIVEN.pattern, re.I)


# Leaving told beside the sitting: 'has resigned from the Labour Party and will sit as an
# independent' is the MP's own move, whatever the item says of the whip before.
_OF_THEIR_OWN_ACCORD = re.compile(
    r"\b(?:resign\w*|quit\w*|left|leav\w+|walk\w*\s+out|g[ai]ve\s+up|giv\w+\s+up|given\s+up"
    r"|surrender\w*|relinquish\w*)\b|\bfrom\s+today\s+I\b",
    re.I,
)


def _sitting_as(defection: Event | None) -> bool:
    """A defection told as sitting as an independent, or as a party's MP: the whips' doing
    where the item tells of the whip suspended or restored."""
    if defection is not None and defection.rule == "now a party's MP":
        return defection.target == "Independent"  # 'Mr Taylor will sit as an independent MP'
    return defection is not None and defection.rule in (
        "sits as independent",
        "sits as a party's MP",
    )


# One statement may give up a post and, beside it, the party, the whip or the seat ('I have
# resigned as a shadow minister and as a member of the Conservative Party'): two events.
_MEMBERSHIP = "resignation of the party, the whip or the seat"
_MEMBERSHIPS = ("the party", "the whip", "the seat")


def _taken(kind: Kind, events: dict[str, Event]) -> bool:
    if kind == "resignation":
        post = events.get("resignation")
        return post is not None and post.target is not None and _MEMBERSHIP in events
    return kind in events


def _slot(event: Event) -> str:
    """Events of one kind that can stand side by side in one statement."""
    if event.kind == "resignation" and event.target in _MEMBERSHIPS:
        return _MEMBERSHIP
    return event.kind


_JOINS = re.compile(
    r"\b(?:join\w*|defect\w*\s+to|for|to)\s+(?:the\s+)?" + PARTY + r"|\bcross\w*\s+the\s+floor\b",
    re.I,
)  # 'left Labour for the Greens', 'leave the party and cross the floor'
# Resignations whose post may be named elsewhere in the item ('John Glen, the economic
# secretary to the Treasury, ... posted his resignation letter').
_POST_ELSEWHERE = ("resigned", "resignation letter")


def leaves_to_join(text: str) -> bool:
    """Whether `text` tells of leaving a party for another ('left Labour for the Greens')."""
    return bool(_JOINS.search(text))


# A refusal in a clause of its own after 'but': what comes before it is another clause.
_CONTRASTED = re.compile(r"but\s", re.I)
_SAID_OF_HIMSELF = re.compile(
    r"\b(?:(?:said|says)\s+|told\s+(?:\w+\s+){1,3}?)(?:that\s+)?(?:he|she|I)\b[^,;]*$", re.I
)


# Speculation ended by the move itself: no hedge.
_SPECULATION_ENDED = re.compile(
    r"\b(?:end\w*|put\w*\s+an\s+end\s+to|quash\w*|scotch\w*)\s+(?:[\w-]+\s+){0,4}?speculation\b",
    re.I,
)
# A negation quoted right before the verb: 'she would "never, ever" join Reform'.
_QUOTED_NEGATION = re.compile(r"[“\"]\s*(?:never|not|no)\b[^”\"]{0,20}[”\"]\s*$", re.I)
# Talk of a move, right before it: 'discussed joining Reform', 'rumours about defecting'.
_TALKED_ABOUT = re.compile(
    r"\b(?:discuss\w*|(?:talk\w*|spoke|speak\w*|speculation|rumou?rs?|gossip|thought|think\w*"
    r"|idea|question|chatter)\s+(?:about|of|over))\s+$",
    re.I,
)


def _one_move(left: Event | None, joined: Event | None) -> bool:
    """Leaving a party for another, told in one sentence, is a defection and nothing more."""
    if left is None or joined is None or left.rule != "quits the party":
        return False
    same_sentence = left.sentence == joined.sentence or bool(_JOINS.search(left.sentence))
    return same_sentence and joined.target != "Independent"


def _event(rule: Rule, match: re.Match[str], sentence: str, voice: Voice) -> Event | None:
    before = sentence[max(0, match.start() - 60) : match.start()]
    post = next((g for g in ("post", "post2") if match.groupdict().get(g)), None)
    verb_end = match.start(post) if post else match.end()  # the post named is not the verb's
    lead = _clause(sentence[: match.start()]) + sentence[match.start() : verb_end]
    contrasted = bool(_CONTRASTED.match(match.group()))
    if contrasted and not _SAID_OF_HIMSELF.search(sentence[: match.start()]):
        return None  # 'said colleagues had stood but would not stand again': theirs
    if contrasted:  # 'said he had been asked to stand by colleagues but would not be a candidate'
        lead, before = sentence[match.start() : verb_end], ""
    if re.search(r"\b(?:if|unless)\b", sentence[: match.start()], re.I):
        return None  # 'told a fringe meeting that if there were a contest, he would ...'
    if re.search(r",\s*(?:now|currently|still|already)\s+$", sentence[: match.start()], re.I):
        return None  # 'Zarah Sultana, now sitting as an independent, said': a state
    after = re.split(r"[,;:]", sentence[verb_end:])[0]
    if re.search(r"\b(?:if|unless|provided|should\s+(?:he|she|they|the))\b", after, re.I):
        return None  # 'said he would leave the Labour Party if the policy passed'
    verb = sentence[match.start() : verb_end]
    if rule.name == URGES_OTHERS:  # 'urged colleagues to back X': the urging is the backing
        verb, lead = "", _clause(sentence[: match.start()])
    # 'ended weeks of speculation by ruling herself out': no hedge
    lead, before = _SPECULATION_ENDED.sub(" ", lead), _SPECULATION_ENDED.sub(" ", before)
    if HEDGE.search(lead) or _in_the_past(lead, after) or OTHERS_SHOULD.search(lead):
        return None
    if HEDGE.search(_clause_across_quotes(before) + " " + verb):
        return None  # 'she is “thinking hard” about entering the race'
    if voice == "reported" and _ANOTHER_SHOULD.search(sentence[: match.start()]):
        return None  # 'said Mr Norman should “do the decent thing” and resign his seat'
    if rule.leadership and (_ANOTHER_POST.match(after) or _another_aim(after)):
        return None  # 'putting myself forward to chair the Treasury Committee'
    if _PROBABLY.search(sentence[: match.start()]):
        return None  # 'said she would “probably” vote for Ms McGovern': a hedge
    if voice == "reported" and re.search(r"\bwho\b[^,;.]*$", sentence[: match.start()]):
        return None  # 'Ken Skates, the former secretary who confirmed that he would stand'
    if _DENIED.search(sentence[: match.start()]):
        return None  # 'denied that he was backing Burnham', 'would not say whether'
    if _FOR_ANOTHER_TO.search(before):
        return None  # 'said it was time for Keir Starmer to step down': someone else's move
    if _TIME_CLAUSE.search(_clause(before)):
        return None  # 'sacked only days before she entered the race': a time reference
    if _SET_IN_THE_PAST.match(sentence) or _A_SPAN_OF_YEARS.search(sentence[: match.start()]):
        return None  # 'In the summer of 2022 he stood ..., and threw his support behind ...'
    if voice == "first" and (
        _SOMEONE_ELSE_DOES.search(_clause(before)) or _ANOTHER_DOES_AFTER_THAT.search(before)
    ):
        return None  # "I was sorry that Jeremy resigned": told of someone else
    if voice == "reported" and re.search(r"\b(?:should|must|could|ought)\b", lead, re.I):
        return None
    if voice == "reported" and not contrasted and _OTHERS_DO.search(sentence[: match.start()]):
        return None  # 'lucky to have such talented people putting themselves forward'
    verb = " ".join(match.group(0).split()[:3])
    if _TALKED_ABOUT.search(before) and re.match(r"\w+ing\b", match.group(0).strip()):
        return None  # 'had "never once" discussed joining Reform': a talk, not a move
    negated_by_rule = rule.name == "not standing again"
    if (
        rule.kind != "leadership_declined"
        and not negated_by_rule
        and (NEGATION.search(_clause(before) + " " + verb) or _QUOTED_NEGATION.search(before))
    ):
        return None  # 'she would "never, ever" join Reform': the negation quoted
    if rule.kind == "leadership_declined" and _NOT_RULED_OUT.search(lead):
        return None
    target = rule.target(match, sentence)
    if re.search(r"\bwho\b", _clause(before)):
        return None  # 'Lisa Nandy, who said she would nominate him', 'the former leader who
        # now sits as an independent': told of whoever 'who' stands for, read on its own
    if rule.kind == "endorsement" and _TAKEN_BACK.search(
        sentence, max(0, match.start() - 40), match.end()
    ):
        return None  # 'has withdrawn her support for Al Carns': the opposite of backing him
    if rule.kind == "endorsement" and _a_cause_of_theirs(match, sentence):
        return None  # 'backed Lisa Nandy's call for an inquiry': a cause, not a candidate
    if rule.kind == "endorsement" and _NO_VACANCY.search(sentence):
        return None  # 'there is no vacancy and I am backing Kemi': loyalty, not a contest
    if rule.kind == "endorsement" and _ANOTHER_SELECTION.match(sentence, match.start()):
        return None  # 'behind Priya Nandra in Labour's selection for the ward by-election'
    if rule.kind == "endorsement" and (target or "").lower() not in ("he", "she", "him", "her"):
        target = _person(target)
        if target is None:
            return None
    if rule.kind == "resignation" and target and not POST.search(target):
        return None
    if rule.kind == "resignation" and not target and rule.name not in _POST_ELSEWHERE:
        return None
    if rule.kind == "resignation" and re.search(r"\bcandidates?\s+to\s+$", before):
        return None  # 'the first candidate to quit': a withdrawal from the race
    if (
        rule.kind == "resignation"
        and _DISMISSED.search(sentence)
        and not _OWN_CHOICE.search(sentence)
        and not _OWN_WORD.search(match.group(0))
    ):
        return None  # 'left the cabinet in Friday's reshuffle': sacked, not resigned
    if (
        rule.name.startswith("sits as")
        and match.group(0).lower().startswith("sitting")
        and not (
            re.search(r"\b(?:am|is|are|be|been|now|'m|’m)\s+$", sentence[: match.start()], re.I)
        )
    ):
        return None  # 'and sitting as an independent, even for six months, was hard': a state
    if rule.kind == "defection" and not target:
        return None  # left a party, for nothing it names: a resignation, if anything
    confidence = 0.9 if voice == "first" else 0.8
    return Event(rule.kind, target, confidence, rule.name, sentence, match.start())


def _in_the_past(lead: str, after: str) -> bool:
    """History ('in 2015', 'years ago'), unless a year is told of what is still to come: 'I
    won't be standing for leader in 2027'."""
    found = BACKGROUND.search(lead + after)
    if found is None:
        return False
    a_year = re.fullmatch(r"in\s+(?:19|20)\d\d", found.group(), re.I)
    return not (a_year and _TO_COME.search(lead))


# A selection for another post than a party's leadership, told right after the backing.
_ANOTHER_SELECTION = re.compile(
    r"[^.;]{0,80}?\b(?:selection|nomination)\s+(?:for|as)\s+"
    r"(?:the\s+)?(?:[\w'’-]+\s+){0,3}?(?:by-election|mayor\w*|council\w*|ward|seat|candidate\s+for)\b",
    re.I,
)
_TO_COME = re.compile(r"\b(?:will|won't|wo\s*n't|'ll|shall|going\s+to|next)\b", re.I)
_NO_VACANCY = re.compile(r"\bno\s+(?:vacancy|contest|leadership\s+(?:contest|election))\b", re.I)
_NO_VACANCY_QUICK = re.compile(r"(?=[nN])" + _NO_VACANCY.pattern, re.I)
# A post that is not a party's leadership, right after the verb.
_ANOTHER_POST = re.compile(
    r"\s+(?:(?:(?:to|for|as)\s+)?(?:be\s+|become\s+)?(?:the\s+)?(?:\w+\s+){0,2}?(?:chair\w*|speaker"
    r"|mayor|convenor|convener|committee|council)\b|to\s+chair\b)",
    re.I,
)


def _another_aim(after: str) -> bool:
    """'launched a campaign to save her local hospital', 'will stand in the by-election': a
    bid or a stand for something other than a party's leadership."""
    if re.search(r"\blead(?:er|ership)?\b|\bdeputy\b|\bthe\s+top\s+job\b", after, re.I):
        return False
    return bool(_OTHER_AIMS.match(after))


_OTHER_AIMS = re.compile(
    r"\s+(?:to\s+(?!(?:become|be|lead|succeed|replace|win|take|unseat|oust|topple|challenge"
    r"|run|stand|make|get|reach|qualify|secure|enter|join|back|support|endorse|nominate)\b)"
    r"(?-i:[a-z])\w*|against\b|for\s+(?:a|an)\b"
    # 'standing as the Conservative candidate at the next election': for the seat
    r"|(?:as\s+)?(?:the|a|an|their|our)\s+(?:[\w-]+\s+){0,3}?(?:candidate|MP)\s+(?:at|in|for)\s+"
    r"(?:the\s+|this\s+)?(?:(?:next|general|coming)\s+)*(?:election|by-election|seat|constituency)"
    r"|(?:(?:in|at|for)\s+)?(?:the\s+|a\s+)?(?:[\w-]+\s+){0,2}?(?:by-election|election|seat"
    r"|constituency|council|mayoralty|marathon|race\s+for\s+mayor))",
    re.I,
)
_PROBABLY = re.compile(
    r"\b(?:probably|possibly|perhaps|maybe|likely)\b[”\"’']?\s+(?:\w+\s+){0,2}$", re.I
)
_DENIED = re.compile(
    r"\b(?:den(?:y|ies|ied|ying)|(?:refus\w+|declin\w+|would\s+not|wouldn't|did\s+not|didn't)\s+"
    r"to\s+(?:say|confirm|reveal|disclose)|(?:would\s+not|wouldn't|did\s+not|didn't|will\s+not"
    r"|won't)\s+(?:say|confirm|reveal|disclose))\b",
    re.I,
)
# 'time for him to', 'for the prime minister to': the verb is another's (or, for 'him', may be)
_FOR_ANOTHER_TO = re.compile(r"\bfor\s+(?!me\b|us\b|myself\b)(?:[\w'’-]+\s+){1,4}to\s+$", re.I)
# An event told to date another: 'days before she entered the race', 'since he quit'.
_TIME_CLAUSE = re.compile(r"\b(?:before|since|until)\s+(?:\w+\s+)?$", re.I)


# 'has not ruled himself out', 'refused to rule out a bid': the door left open.
_NOT_RULED_OUT = re.compile(
    r"\b(?:not|n't|never|refus\w*\s+to|declin\w*\s+to|fail\w*\s+to|unwilling\s+to)\s+(?:yet\s+)?rul",
    re.I,
)


# 'led Labour from 2010 to 2015 and quit as leader ...': a sentence of a career's history.
_A_SPAN_OF_YEARS = re.compile(r"\bfrom\s+(?:19|20)\d\d\s+(?:to|until|till)\s+(?:19|20)\d\d\b")
# A sentence that opens with a year sets everything it tells then.
_SET_IN_THE_PAST = re.compile(
    r"\W*(?:In|During|By)\s+(?:(?:the\s+)?(?:summer|spring|autumn|winter|early|late)\s+(?:of\s+)?)?"
    r"(?:19|20)\d\d\b"
)
# Words that open a sentence of the MP's own without being anyone ('Just put my name ...').
_OPENERS = (
    "Just", "Today", "Tonight", "Now", "So", "Proud", "Delighted", "Honoured", "Pleased",
    "Thrilled", "Really", "Finally", "Officially", "Big", "Great", "Also", "Very", "Sad",
    "Sadly", "Happy", "Glad", "Excited", "This", "Earlier", "Yesterday", "Having", "After",
    "Formally", "Confirmed", "Huge", "Humbled", "Privileged",
)  # fmt: skip


# In the MP's own words, a subject other than 'I' or 'we' right before the verb: the event is
# someone else's ("Kemi has stepped down", "that Jeremy resigned", "many colleagues have
# backed her"). Only when no 'I' or 'we' is in the clause (see `_event`).
_SOMEONE_ELSE_DOES = re.compile(
    r"^(?![^\n]*\b(?:I|we|I'm|I've|we're|we've)\b|[^\n]*\btime\s+for\s+(?:me|us)\b)"
    r"(?:[^\n]*\b(?:he|she|they|it|who|colleagues"
    r"|members|MPs|ministers|candidates|councillors|people|others|everyone|nobody|someone|many"
    r"|several"
    # 'You may have seen that a Conservative frontbencher resigned this week'
    r"|(?:a|an|another|one|the)\s+(?:[\w'’-]+\s+){0,3}?(?:frontbencher|backbencher|minister|MP"
    r"|colleague|councillor|secretary|peer|official|candidate))\b"
    r"|[^\n]*(?<![\w'’-])(?!(?:" + "|".join(_OPENERS) + r")\b)(?-i:[A-Z][a-z'’-]+)"
    r"(?:\s+(?-i:[A-Z][a-z'’-]+))*\s+(?:(?:has|have|had|is|was|were|are|will|would|just|also"
    r"|then|now|today|finally)\s+)+$)",
    re.I,
)
# A name alone before the verb, after a word that opens a clause: 'sorry that Jeremy resigned'.
_ANOTHER_DOES_AFTER_THAT = re.compile(
    r"\b(?:that|when|as|because|after|since|while|until|and|but|so)\s+"
    r"(?!(?-i:I|We)(?:['’][a-z]{1,2})?\s)(?-i:[A-Z][a-z'’-]+)"
    r"(?:\s+(?-i:[A-Z][a-z'’-]+))*\s+$",
    re.I,
)


# People right before the verb, who do it rather than the MP reported.
_OTHERS_DO = re.compile(
    r"(?:\b(?:people|colleagues|candidates|others|members|MPs|rivals|ministers|women|men|allies"
    r"|supporters|friends|everyone|nobody|someone|many|several|dozens|most)"
    r"|\bwhose\s+(?:[\w'’-]+\s+){0,2}?[\w'’-]+)"  # 'Mel Stride, whose deputy resigned'
    r"\s+(?:(?:had|has|have|was|were|is|are|also|then|now|already|all|both)\s+)*$"
)
# A verb that says the MP chose to go, even in a reshuffle: 'stepped down as chair of the
# transport committee after accepting a job as a minister'.
_OWN_WORD = re.compile(r"\b(?:resign\w*|step\w*\s+down|stood\s+down)\b", re.I)
_OWN_CHOICE = re.compile(r"\b(?:at\s+(?:his|her|their)\s+own\s+request|voluntarily)\b", re.I)
_DISMISSED = re.compile(
    r"\b(?:reshuffle\w*|sacked|sacking|dismissed|fired|demoted|removed)\b", re.I
)


_ANOTHER_SHOULD = re.compile(
    r"(?<![\w'’-])(?-i:[A-Z])[\w'’-]+\s+(?:should|must|ought\s+to)\b(?:(?!\b(?:that|but)\b)[^.;:])*$"
)


def _clause_across_quotes(text: str) -> str:
    """The end of `text` after its last comma or conjunction, quotation marks and all: 'she is
    “thinking hard” about'."""
    return re.split(r",|;|:|\bbut\b|\bwhile\b|\bthat\b", text)[-1].replace("“", "").replace("”", "")


def _clause(text: str) -> str:
    """The end of `text` after its last comma, conjunction or quote mark: the words that govern
    a verb."""
    parts = re.split(r",|;|:|[“”\"]|\bbut\b|\band\b|\bwhile\b|\bthat\b", text)
    return parts[-1] if parts else text


def _person(name: str | None) -> str | None:
    if not name:
        return None
    words = re.sub(r"['’]s$", "", name).split()  # "backed Vaughan Gething's bid"
    titled = [i for i, w in enumerate(words[:-1]) if w in _ROLE_WORDS]
    words = words[titled[-1] + 1 :] if titled else words  # 'Foreign Secretary Liz Truss'

    while words and words[-1] in _NOT_NAMES:
        words.pop()
    if not words or words[0] in _NOT_NAMES:
        return None
    return " ".join(words)
