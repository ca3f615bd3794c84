"""What kind of statement: a bid, a withdrawal, an endorsement, a resignation, a defection.

Rules, not a model: each event kind has a few phrasings, and every match must survive the
guards for negation ("will not resign"), hedges ("not ruling anything out", "considering"),
calls by others ("urged him to stand") and background ("joined Labour in 1997"). When in doubt
the statement stays a plain `statement`: a false "resignation" at 23:15 costs more than a late
one.

`classify()` reads a statement's text in one of two voices: "first" for the MP's own words
("I will not be standing"), "reported" for a journalist's report ("he would not stand").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from watcher.models import Kind

Voice = Literal["first", "reported"]

_VOICES = {
    "first": {
        "S": r"(?:(?:[A-Z][\w'’-]+\s+and\s+)?I|we)",
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
    r"\b(leader|leadership|deputy|contest|race|candida\w+|nominations?|hustings"
    r"|lead\s+(?:the|this|our)\s+party|ballot)\b",
    re.I,
)
HEDGE = re.compile(
    r"\b(not\s+rul\w+\s+(?:anything|myself|himself|herself|themselves|it|that)\s+out"
    r"|not\s+ruled\s+out|consider\w*|thinking\s+(?:about|of|it\s+over)|think\s+about"
    r"|(?:not|n't|yet\s+to)\s+(?:yet\s+)?(?:made\s+up|decided|make\s+up)|undecided"
    r"|would\s+be\s+(?:honou?red|delighted|happy|proud)|if\s+(?:I|he|she|they|asked|there)"
    r"|whether|open\s+to|weigh\w*|mull\w*|urg\w+|call\w*\s+(?:on|for|upon|to)|asked\s+to"
    r"|rumou?r\w*|speculat\w*|den(?:y|ies|ied|ying)|no\s+(?:plans?|intention)|reflect\w*"
    r"|might|may\s+(?:stand|run|resign|defect|back)|encourag\w+|pressure|facing|expected\s+to"
    r"|likely\s+to|set\s+to|poised\s+to|tipped\s+to|would\s+consider|wants?\s+(?:him|her)"
    r"|persuade\w*|hope[sd]?\s+(?:he|she|they)|plans?\s+to|planning\s+to|intends?\s+to"
    r"|dismiss\w*|reports?\s+that|preparing\s+to|claims?\s+that)\b",
    re.I,
)
OTHERS_SHOULD = re.compile(r"\b(?:he|she|they|you|[A-Z]\w+)\s+(?:should|must|could|ought)\b")
NEGATION = re.compile(
    r"\b(not|never|no\s+longer|won't|wouldn't|isn't|aren't|don't|didn't|haven't|hasn't|shan't"
    r"|refus\w+|reject\w*|against)\b|n't\b",
    re.I,
)
BACKGROUND = re.compile(
    r"\b(in\s+(?:19|20)\d\d|years\s+ago|as\s+a\s+(?:teenager|student|young)|when\s+I\s+was"
    r"|at\s+the\s+age\s+of\s+\d{1,2}|aged\s+\d{2}|at\s+\d{2}(?![.:]?\d|\s*[ap]m)"
    r"|previously|formerly|back\s+in)\b",
    re.I,
)

PARTIES = {
    "reform uk": "Reform UK",
    "reform": "Reform UK",
    "liberal democrats": "Liberal Democrat",
    "liberal democrat": "Liberal Democrat",
    "lib dems": "Liberal Democrat",
    "lib dem": "Liberal Democrat",
    "conservative party": "Conservative",
    "conservatives": "Conservative",
    "conservative": "Conservative",
    "tories": "Conservative",
    "tory party": "Conservative",
    "labour party": "Labour",
    "labour": "Labour",
    "green party": "Green Party",
    "green": "Green Party",
    "greens": "Green Party",
    "scottish national party": "Scottish National Party",
    "snp": "Scottish National Party",
    "plaid cymru": "Plaid Cymru",
    "plaid": "Plaid Cymru",
    "your party": "Your Party",
    "restore britain": "Restore Britain",
    "independent": "Independent",
}
_PARTY = r"(?P<party>" + "|".join(sorted((re.escape(p) for p in PARTIES), key=len, reverse=True))
_PARTY += r")(?:\s+party)?\b"
_NAME = (
    r"(?:(?:my|our|his|her|their)\s+(?:[\w'’-]+\s+){0,3}?)?"
    r"(?P<name>the\s+(?:[A-Z][\w'’-]+\s+){1,4}MP\b|[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3}"
    r"|(?:him|her)(?=\s*(?:[,.;:!?]|$|\s+(?:for|as|to|in|because|and|rather|instead|over))))"
)
_NOT_NAMES = {
    "The", "This", "That", "Labour", "Conservative", "Party", "Government", "Bill", "It",
    "Our", "My", "His", "Her", "Their", "All", "Everyone", "Him", "Them", "You", "Your",
    "Parliament", "Brexit", "Britain", "Reform", "Tory", "Tories", "Green", "Greens", "Lib",
    "Liberal", "SNP", "Plaid", "A", "An", "I", "We", "He", "She", "They", "Unite", "Unison",
}  # fmt: skip


POST = re.compile(
    r"\b(secretary|minister|chair\w*|chancellor|whip|leader|member|mp|party|seat|spokes\w+"
    r"|envoy|adviser|pps|parliamentary|treasurer|president|commissioner|tsar|cabinet|government"
    r"|committee|role|position|post|job|frontbench|front bench|convener|convenor|deputy|speaker"
    r"|parliament|commons"
    r"|solicitor|attorney|paymaster|lord|chief|head|director|ambassador|trade envoy|champion)\b",
    re.I,
)


@dataclass(frozen=True)
class Event:
    kind: Kind
    target: str | None
    confidence: float
    rule: str
    sentence: str
    at: int = 0  # where in the sentence the rule matched


@dataclass(frozen=True)
class _Rule:
    name: str
    kind: Kind
    pattern: str
    target: Callable[[re.Match[str], str], str | None]
    leadership: bool = False  # needs a leadership contest in sight


def _post(match: re.Match[str], sentence: str) -> str | None:
    return clean_post(match.groupdict().get("post") or "")


def _leader_post(match: re.Match[str], sentence: str) -> str | None:
    """'deputy leader' or 'leader': the leadership named nearest the words that matched, or
    None when the sentence names none ('I am standing')."""
    named = list(re.finditer(r"\b(deputy\s+)?lead(?:er|ership)\b", sentence, re.I))
    if not named:
        return None
    nearest = min(named, key=lambda m: abs(m.start() - match.end()))
    return "deputy leader" if nearest.group(1) else "leader"


_POST_BEFORE = re.compile(
    r"((?:shadow\s+)?(?:[a-z]+\s+){0,3}?(?:secretary|minister|chancellor|whip|chair(?:man|woman)?"
    r"|pps)(?:\s+(?:of|for|to)\s+(?:the\s+)?[a-z]+(?:\s+(?:and|of)\s+[a-z]+)?)?)\b"
)


def _post_before(words: str) -> str | None:
    """The post named with the subject, before the verb: 'Stuart Andrew, the housing
    minister, quit', 'Junior Brexit minister Suella Braverman quit' -> 'brexit minister';
    None when the sentence names none (the item may: see `extract`)."""
    found = list(_POST_BEFORE.finditer(words.lower()))
    if not found:
        return None
    post = re.sub(r"^(?:the|a|an|junior|senior|former|british|uk|then)\s+", "", found[-1].group(1))
    return clean_post(post)


def _whip(match: re.Match[str], sentence: str) -> str:
    return "the whip"


def _party_left(match: re.Match[str], sentence: str) -> str:
    return "the party"


def _seat(match: re.Match[str], sentence: str) -> str:
    return "the seat"


def _party_joined(match: re.Match[str], sentence: str) -> str | None:
    joined = match.groupdict().get("party")
    return PARTIES.get(joined.lower()) if joined else None


def _party_after_leaving(match: re.Match[str], sentence: str) -> str | None:
    rest = sentence[match.end() :]
    joined = re.search(r"\b(?:join|joining|joined|to)\s+(?:the\s+)?" + _PARTY, rest, re.I)
    if joined:
        return PARTIES[joined.group("party").lower()]
    return "Independent" if re.search(r"\bindependent\b", sentence, re.I) else None


def _endorsed(match: re.Match[str], sentence: str) -> str | None:
    return match.group("name")


_STAND = (
    r"(?:standing|stand|running|run|a\s+candidate|seeking|seek"
    r"|putting\s+(?:my|his|her|their)(?:\s+name|self)?\s+forward"
    r"|put\s+(?:my|his|her|their)(?:\s+name|self)?\s+forward)"
)
_RULES = [
    _Rule(
        "not standing",
        "leadership_declined",
        rf"\b{{S}}(?:'m|'ll|'d|\s+am|\s+will|\s+would|\s+shall|\s+is|\s+are|\s+was)?\s*"
        rf"(?:not|n't|won't|wouldn't|shan't|isn't)\s+(?:going\s+to\s+)?(?:be\s+)?{_STAND}",
        _leader_post,
        leadership=True,
    ),
    _Rule(
        "ruled out",
        "leadership_declined",
        r"\brul(?:e|es|ed|ing)\s+{REFL}\s+out\b",
        _leader_post,
        leadership=True,
    ),
    _Rule(
        "withdrawal",
        "leadership_declined",
        r"\b(?:withdraw\w*|pull\w*\s+out|stand\w*\s+aside|step\w*\s+aside)\b(?:\s+\w+){0,6}?"
        r"\s+(?:race|contest|candidacy|campaign|nomination|leadership)\b"
        r"|\b{S}(?:'m|'ve|\s+am|\s+was|\s+is|\s+have|\s+has|\s+had)?(?:\s+decided\s+to)?\s+"
        r"(?:withdr(?:aw|ew|awn|awing)|(?:stood|stepped|stands?|standing|steps?)\s+aside)"
        r"(?=\s*(?:[,.;]|\band\b|$|\s+(?:at|on|yesterday|today|tonight|last|this|earlier)\b))",
        _leader_post,
        leadership=True,
    ),
    _Rule(
        "decided not to stand",
        "leadership_declined",
        r"\bdecided\s+(?:not\s+to|against)\s+(?:stand|run)\w*",
        _leader_post,
        leadership=True,
    ),
    _Rule(
        "standing",
        "leadership_bid",
        r"\b{S}(?:'m|'ll|'d|\s+am|\s+are|\s+will|\s+would|\s+have\s+decided\s+to|\s+intend\s+to"
        r"|\s+am\s+going\s+to|'m\s+going\s+to|\s+is|\s+has\s+decided\s+to|\s+was)\s+"
        r"(?:be\s+)?(?:standing|stand|running|run)"
        r"(?:\s+(?:for|to\s+be|to\s+become|in|as|to\s+succeed|to\s+replace|to\s+lead"
        r"|to\s+take\s+over|against|because|together)\b|\s*[,.;]|$)",
        _leader_post,
        leadership=True,
    ),
    _Rule(
        "in the race",
        "leadership_bid",
        r"\b{S}(?:'m|\s+am|\s+is)\s+in\s*[.!]|\b(?-i:[A-Z])[\w'’-]+\s+declares\s*[.!]",
        _leader_post,
        leadership=True,
    ),
    _Rule(
        "announces candidacy",
        "leadership_bid",
        r"\b(?:announc\w+|launch\w*|confirm\w*|declar\w+|formally\s+launch\w*)\s+{POSS}\s+"
        r"(?:candidacy|leadership\s+bid|bid|campaign|intention\s+to\s+stand)",
        _leader_post,
        leadership=True,
    ),
    _Rule(
        "name forward",
        "leadership_bid",
        r"\bput\w*\s+(?:{POSS}\s+name|{REFL})\s+forward",
        _leader_post,
        leadership=True,
    ),
    _Rule(
        "will be a candidate",
        "leadership_bid",
        r"\b{S}(?:'ll|\s+will|\s+am|'m)\s+(?:be\s+)?a\s+candidate",
        _leader_post,
        leadership=True,
    ),
    _Rule(
        "hat in the ring",
        "leadership_bid",
        r"\b(?:throw\w*|threw)\s+{POSS}\s+hat\s+in(?:to)?\s+the\s+ring",
        _leader_post,
        leadership=True,
    ),
    _Rule(
        "nominations secured",
        "leadership_bid",
        r"\b{S}(?:'ve|\s+have|\s+has)\s+(?:now\s+)?(?:secured|received|got|reached)\s+"
        r"(?:the\s+)?(?:\w+\s+){0,2}nominations",
        _leader_post,
        leadership=True,
    ),
    _Rule(
        "enters the race",
        "leadership_bid",
        r"\b(?:enter\w*|join\w*)\s+the\s+(?:\w+\s+){0,3}?(?:race|contest)\b"
        r"|\bformally\s+declared\b|\bdeclar\w+\s+{POSS}\s+(?:candidacy|candidature|bid)"
        r"|\blaunch\w*\s+(?:a|an|{POSS})\s+(?:[\w-]+\s+){0,2}?(?:bid|campaign|challenge"
        r"|candidacy)\b|\bis\s+challenging\s+(?:[A-Z][\w'’-]+\s+){1,3}for\s+the\s+"
        r"(?:\w+\s+)?leadership",
        _leader_post,
        leadership=True,
    ),
    _Rule(
        "first to declare",
        "leadership_bid",
        r"\b(?:is|was|became|becomes)\s+the\s+(?:first|second|third|fourth|fifth|latest|last)"
        r"\s+(?:\w+\s+){0,2}?to\s+(?:formally\s+)?(?:declare|enter|stand|announce|join\s+the\s+race)",
        _leader_post,
        leadership=True,
    ),
    _Rule(
        "drops out",
        "leadership_declined",
        r"\b(?:dropp\w*|drop|bow\w*)\s+out\b|\bwithdr[ae]w\w*\s+from\s+the\b",
        _leader_post,
        leadership=True,
    ),
    _Rule(
        "backing",
        "endorsement",
        r"\b(?<!a\s)(?i:backing|endorsing|nominating|voting\s+for|vote\s+for|support(?:ing)?|back|"
        r"endorse|nominate|nominated|backed|endorsed|supported|voted\s+for)\s+" + _NAME,
        _endorsed,
    ),
    _Rule(
        "support behind",
        "endorsement",
        r"\b(?i:support|weight|backing)\s+(?i:firmly\s+)?(?i:behind)\s+" + _NAME,
        _endorsed,
    ),
    _Rule(
        "my vote",
        "endorsement",
        r"\b{POSS}\s+(?i:full\s+|first\s+)?(?i:support|backing|vote|nomination|preference)\s+"
        r"(?i:goes\s+to|is\s+going\s+to|to|for)\s+" + _NAME,
        _endorsed,
    ),
    _Rule(
        "has my nomination",
        "endorsement",
        r"(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3}|(?i:he|she))(?:\s+(?:has|gets|will\s+get"
        r"|has\s+got)|['’]s\s+got)\s+(?i:my|our)\s+(?i:full\s+|first\s+|whole\s+)?"
        r"(?i:nomination|vote|support|backing)\b",
        _endorsed,
    ),
    _Rule(
        "name on the nomination papers",
        "endorsement",
        r"\b(?i:put(?:ting)?|signed|signing)\s+(?i:my|our|his|her|their)\s+(?i:names?\s+)?(?i:on|to)\s+"
        r"(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3})['’]s?\s+(?i:nomination)",
        _endorsed,
    ),
    _Rule(
        "backs a seat's MP",
        "endorsement",
        r"\b(?i:backing|endorsing|nominating|backed|endorsed|nominated|supporting|supported"
        r"|behind)\s+the\s+(?P<name>(?:[A-Z][\w'’-]+\s+){1,5}MP)\b",
        _endorsed,
    ),
    _Rule(
        "throws in her lot",
        "endorsement",
        r"\b(?i:thr(?:ew|ow\w*)\s+(?:his|her|their)\s+lot\s+in\s+with)\s+" + _NAME,
        _endorsed,
    ),
    _Rule(
        "comes out for",
        "endorsement",
        r"\b(?i:c(?:a|o)me\s+out\s+(?:in\s+support\s+of|for)|(?:declared|announced|gave|given)"
        r"\s+(?:his|her|their)\s+(?:full\s+)?support\s+(?:for|to)|threw\s+(?:his|her|their)"
        r"\s+support\s+behind)\s+" + _NAME,
        _endorsed,
    ),
    _Rule(
        "not standing again",
        "resignation",
        r"\b(?:will\s+not|won't|is\s+not|not\s+to)\s+(?:be\s+)?(?:stand|standing|seek\w*)\s+"
        r"(?:again|(?:for\s+)?re-?election)(?!\s+(?:for|as)\s+(?:the\s+)?(?:co-|deputy\s+)?lead)|\bstand\w*\s+down\s+(?:as\s+an?\s+MP\s+)?at\s+the\s+"
        r"next\s+(?:general\s+)?election|\bnot\s+seek\w*\s+re-?election"
        r"|\b(?:not|n't)\s+(?:be\s+)?(?:stand(?:ing)?|a\s+candidate)\s+(?:again\s+)?at\s+the\s+"
        r"next\s+(?:general\s+)?election",
        _seat,
    ),
    _Rule(
        "quits the party",
        "resignation",
        r"\b(?:quit\w*|left|leav\w+|resign\w*\s+from|walk\w*\s+out\s+of)\s+(?:the\s+)?"
        r"(?-i:Labour|Conservatives|Conservative\s+Party"
        r"|Tories|Lib\s+Dems|Liberal\s+Democrats|SNP|Greens|Green\s+Party|Reform\s+UK|Plaid)\b"
        r"(?:\s+party)?",
        _party_left,
    ),
    _Rule(
        "walks out",
        "resignation",
        r"\b(?:walk\w*\s+out\s+of|quit\w*)\s+(?:the\s+)?(?P<post>(?:shadow\s+)?cabinet"
        r"|government|front\s?bench)",
        _post,
    ),
    _Rule(
        "whip",
        "resignation",
        r"\b(?:resign\w*|surrender\w*|give\s+up|gave\s+up|giving\s+up)\s+(?:the\s+)?"
        r"(?!as\b|from\b)(?:[\w-]+\s+){0,2}whip\b",
        _whip,
    ),
    _Rule(
        "resigned as",
        "resignation",
        r"\b(?:resign\w*|quit\w*|step\w*\s+down|stood\s+down|stand(?:ing)?\s+down)\s+(?:as|from)\s+"
        r"(?P<post>[^.,;:!?]+)",
        _post,
    ),
    _Rule(
        "resigned",
        "resignation",
        r"\b(?:{S}\s+(?:have\s+|has\s+|had\s+)?(?:therefore\s+|today\s+|now\s+)?"
        r"(?:resigned|resign|quit)|(?:has|have|had)\s+(?:now\s+)?(?:resigned|quit)|resigned|quit)"
        r"(?=\s*(?:[.,;!]|$|\s+(?:too|on|last|this|yesterday|today|tonight|earlier|later|after"
        r"|over|in\s+protest|with\s+immediate|minutes|hours|just|shortly)))",
        lambda match, sentence: _post_before(sentence[: match.start()]),
    ),
    _Rule(
        "resignation letter",
        "resignation",
        r"\b(?:tender\w*|submit\w*|hand\w*\s+in|offer\w*|announc\w+|post\w*|publish\w*|sent|sen[dt]s?"
        r"|deliver\w*)\s+{POSS}\s+"
        r"(?:immediate\s+)?resignation(?:\s+(?:as|from)\s+(?P<post>[^.,;:!?]+))?",
        lambda match, sentence: _post(match, sentence) or _post_before(sentence[: match.start()]),
    ),
    _Rule(
        "resign membership",
        "resignation",
        r"\bresign\w*\s+{POSS}\s+(?:[\w-]+\s+){0,3}?membership",
        _party_left,
    ),
    _Rule(
        "resign seat",
        "resignation",
        r"\b(?:resign\w*\s+{POSS}\s+seat|trigger\w*\s+a\s+by-election)",
        _seat,
    ),
    _Rule(
        "leave the cabinet",
        "resignation",
        r"\b{S}(?:'ve|\s+have|\s+has|\s+am|'m|\s+is)?\s+(?:today\s+)?(?:left|leaving|quit\w*)"
        r"\s+(?:the\s+)?(?P<post>(?:shadow\s+)?cabinet|government|front\s?bench)",
        _post,
    ),
    _Rule(
        "joins",
        "defection",
        r"\b(?:join\w*|defect\w*\s+to|cross\w*\s+the\s+floor\s+to(?:\s+join)?|switch\w*\s+to)"
        r"\s+(?:the\s+)?" + _PARTY,
        _party_joined,
    ),
    _Rule(
        "leaves party",
        "defection",
        r"\b(?:leav\w+|left|quit\w*)\s+(?:the\s+)?(?P<left>labour|conservative|tory|liberal"
        r"\s+democrat|lib\s+dem|snp|green|reform(?:\s+uk)?|scottish\s+national)\s*\w*\s+party\b"
        r"|\b(?:leav\w+|left|quit\w*)\s+(?:the\s+)?(?:labour|conservatives|tories|lib\s+dems"
        r"|liberal\s+democrats|snp|greens|reform\s+uk)\s+(?:to\s+(?:join|sit)|and\s+join\w*)",
        _party_after_leaving,
    ),
    _Rule(
        "now a party's MP",
        "defection",
        r"\b{S}(?:'m|\s+am|\s+is|\s+will\s+(?:now\s+)?(?:sit|be))\s+(?:now\s+)?(?:as\s+)?(?:a|an)\s+"
        + _PARTY
        + r"\s+MP\b",
        _party_joined,
    ),
    _Rule(
        "sits as independent",
        "defection",
        r"\bsit\w*(?:\s+\w+){0,3}\s+as\s+an\s+independent|\b(?:serv\w+|carry\s+on|continu\w+)\b"
        r"[^.]{0,60}?\s+as\s+an\s+independent\s+MP\b",
        lambda m, s: "Independent",
    ),
    _Rule(
        "sits as a party's MP",
        "defection",
        r"\bsit\w*(?:\s+\w+){0,5}?\s+as\s+(?:a|an)\s+" + _PARTY + r"\s+(?:MP|member)\b",
        _party_joined,
    ),
]


def _compile(voice: Voice) -> list[tuple[_Rule, re.Pattern[str]]]:
    words = _VOICES[voice]
    compiled = []
    for rule in _RULES:
        pattern = rule.pattern
        for key, value in words.items():
            pattern = pattern.replace("{" + key + "}", value)
        compiled.append((rule, re.compile(pattern, re.I if rule.kind != "endorsement" else 0)))
    return compiled


_COMPILED: dict[Voice, list[tuple[_Rule, re.Pattern[str]]]] = {
    "first": _compile("first"),
    "reported": _compile("reported"),
}
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[\"“‘']?[A-Z])")


def sentences(text: str) -> list[str]:
    pieces = []
    for paragraph in text.split("\n"):
        pieces += [s.strip() for s in _SENTENCE_END.split(paragraph) if s.strip()]
    return pieces


def classify(text: str, voice: Voice, context: str = "") -> list[Event]:
    """The events in `text`, at most one of each kind, in the order they appear."""
    text = text.replace("’", "'")  # curly apostrophes, as published: "won’t"
    in_contest = bool(LEADERSHIP.search(text) or LEADERSHIP.search(context))
    events: dict[Kind, Event] = {}
    for sentence in sentences(text):
        for rule, pattern in _COMPILED[voice]:
            if rule.kind in events or (rule.leadership and not in_contest):
                continue
            for match in pattern.finditer(sentence):
                event = _event(rule, match, sentence, voice)
                if event is not None:
                    events[rule.kind] = event
                    break
    if "leadership_bid" in events and "leadership_declined" in events:
        del events["leadership_bid"]  # "I will not be standing" also reads as "standing"
    if _one_move(events.get("resignation"), events.get("defection")):
        del events["resignation"]  # 'I have left Labour and joined Plaid': one event
    seat, declined = events.get("resignation"), events.get("leadership_declined")
    if seat and declined and seat.target == "the seat" and seat.sentence == declined.sentence:
        del events["leadership_declined"]  # 'will not stand at the next election': the seat
    return sorted(events.values(), key=lambda e: (text.find(e.sentence), e.at))


_JOINS = re.compile(r"\b(?:join\w*|defect\w*\s+to)\s+(?:the\s+)?" + _PARTY, re.I)
# Resignations whose post may be named elsewhere in the item ('John Glen, the economic
# secretary to the Treasury, ... posted his resignation letter').
_POST_ELSEWHERE = ("resigned", "resignation letter")


def _one_move(left: Event | None, joined: Event | None) -> bool:
    """Leaving a party for another, told in one sentence, is a defection and nothing more."""
    if left is None or joined is None or left.rule != "quits the party":
        return False
    same_sentence = left.sentence == joined.sentence or bool(_JOINS.search(left.sentence))
    return same_sentence and joined.target != "Independent"


def _event(rule: _Rule, match: re.Match[str], sentence: str, voice: Voice) -> Event | None:
    before = sentence[max(0, match.start() - 60) : match.start()]
    post = match.groupdict().get("post")
    verb_end = match.start("post") if post else match.end()  # the post named is not the verb's
    lead = _clause(sentence[: match.start()]) + sentence[match.start() : verb_end]
    if re.match(r"\s*(?:if|unless)\b", sentence, re.I):
        return None
    after = re.split(r"[,;:]", sentence[verb_end:])[0]
    if HEDGE.search(lead) or BACKGROUND.search(lead + after) or OTHERS_SHOULD.search(lead):
        return None
    if voice == "reported" and re.search(r"\b(?:should|must|could|ought)\b", lead, re.I):
        return None
    verb = " ".join(match.group(0).split()[:3])
    negated_by_rule = rule.name == "not standing again"
    if (
        rule.kind != "leadership_declined"
        and not negated_by_rule
        and NEGATION.search(_clause(before) + " " + verb)
    ):
        return None
    if rule.kind == "leadership_declined" and re.search(r"\bnot\s+rul", lead, re.I):
        return None
    target = rule.target(match, sentence)
    if rule.kind == "endorsement" and re.search(r"\bwho\b", _clause(before)):
        return None  # 'Lisa Nandy, who said she would nominate him': someone else's backing
    if rule.kind == "endorsement" and (target or "").lower() not in ("he", "she", "him", "her"):
        target = _person(target)
        if target is None:
            return None
    if rule.kind == "resignation" and target and not POST.search(target):
        return None
    if rule.kind == "resignation" and not target and rule.name not in _POST_ELSEWHERE:
        return None
    if rule.kind == "resignation" and _DISMISSED.search(sentence):
        return None  # 'left the cabinet in Friday's reshuffle': sacked, not resigned
    if rule.kind == "defection" and not target:
        return None  # left a party, for nothing it names: a resignation, if anything
    confidence = 0.9 if voice == "first" else 0.8
    return Event(rule.kind, target, confidence, rule.name, sentence, match.start())


_DISMISSED = re.compile(
    r"\b(?:reshuffle\w*|sacked|sacking|dismissed|fired|demoted|removed)\b", re.I
)


def _clause(text: str) -> str:
    """The end of `text` after its last comma, conjunction or quote mark: the words that govern
    a verb."""
    parts = re.split(r",|;|:|[“”\"]|\bbut\b|\band\b|\bwhile\b|\bthat\b", text)
    return parts[-1] if parts else text


def _person(name: str | None) -> str | None:
    if not name:
        return None
    words = name.split()
    while words and words[-1] in _NOT_NAMES:
        words.pop()
    if not words or words[0] in _NOT_NAMES:
        return None
    return " ".join(words)


_POST_STOP = re.compile(
    r"\s+(?:and|with|after|because|so|in\s+order|to\s+(?!the\b)|over|amid|following|today"
    r"|tonight|this|last|effective|with\s+immediate|on|at|in\s+protest|saying|as\s+(?:a|the)\s+"
    r"result|rather|shortly|earlier|later|just|yesterday|overnight|minutes|hours|days|weeks"
    r"|in\s+(?:a|an|his|her|their|the\s+wake|january|february|march|april|may|june|july"
    r"|august|september|october|november|december|(?:19|20)\d\d)|over|despite|citing|when"
    r"|while|but|than|which|who|that|once|until|when|if)\b.*$",
    re.I,
)


def clean_post(post: str) -> str | None:
    """'Home Secretary with immediate effect' -> 'home secretary'; 'an MP' -> 'the seat'."""
    post = _POST_STOP.sub("", post.strip()).strip(" '\"”’").lower()
    post = re.sub(r"^(?:my|his|her|their|your)\s+", "", post)
    post = re.sub(r"^(?:post|role|position|job)\s+(?:as|of)\s+", "", post)
    post = re.sub(r"^(?:a|an)\s+(?=\w)", "", post) if "mp" not in post.split() else post
    if not post:
        return None
    if re.fullmatch(
        r"(?:an?\s+|the\s+)?(?:mp|mp\s+for\s+.+|member\s+of\s+parliament|member\s+for\s+.+"
        r"|parliament|commons"
        r"|house\s+of\s+commons)",
        post,
    ):
        return "the seat"
    if re.fullmatch(r"(?:the\s+)?(?:\w+\s+)?party", post):
        return "the party"
    post = re.sub(r"^(?:the\s+)?(\w+)['’]s\s+", r"\1 ", post)  # "the snp's spokesperson"
    post = re.sub(r"^((?:deputy\s+)?leader)\s+of\s+the\s+(\w+)(?:\s+party)?$", r"\2 \1", post)
    if re.fullmatch(r"(?:a\s+)?pps(?:\s+to\s+.+)?", post):
        return "parliamentary private secretary"
    return post
