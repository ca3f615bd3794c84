"""Score the extractor on a labelled folder of cases (see tests/corpus/README.md).

Event kinds are scored by precision and recall of (MP, kind) per case, and targets by how many
of the events found carry the labelled target; attribution by the share of labelled statements
found with the right MP and words, and by how many found statements name an MP who does not
speak in the case, or show as an MP's own words words labelled as another MP's
(misattributions: the worst mistake); verbatim integrity by how many
statements shown as the MP's own words really stand between quotation marks in the item (or are
the MP's own post or a statement set out after a colon); said_at by the day, and by the minute
where the text gives a clock time.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from watcher.extract import extract_statements
from watcher.extract.phrasings import clean_post
from watcher.extract.reader import find_quotes
from watcher.models import KINDS, MP, FetchResult, Item, Source, Statement
from watcher.parse import items_from, parse_page

EVENT_KINDS = tuple(k for k in KINDS if k != "statement")


@dataclass(frozen=True)
class Case:
    name: str
    path: Path
    labels: dict[str, Any]

    @property
    def published_at(self) -> datetime:
        return datetime.fromisoformat(self.labels["published_at"])

    @property
    def source(self) -> Source:
        own = self.labels.get("source", {})
        mp = own.get("mp") if own.get("kind") == "own" else None
        address = f"https://corpus.invalid/{self.name}"
        if self.path.suffix == ".xml":
            return Source(f"case {self.name}", "feed", address, 300, mp)
        return Source(f"case {self.name}", "page", address, 300, mp)


@dataclass
class Scores:
    cases: int = 0
    true_positive: Counter[str] = field(default_factory=Counter)
    false_positive: Counter[str] = field(default_factory=Counter)
    false_negative: Counter[str] = field(default_factory=Counter)
    labelled: int = 0
    attributed: int = 0
    found: int = 0
    misattributed: int = 0
    timed: int = 0
    right_day: int = 0
    clock_timed: int = 0
    right_minute: int = 0
    published_found: int = 0
    pages: int = 0
    targets: int = 0
    right_targets: int = 0
    verbatim: int = 0
    verbatim_intact: int = 0
    mistakes: list[str] = field(default_factory=list)

    def precision(self, kinds: Sequence[str] = EVENT_KINDS) -> float:
        tp = sum(self.true_positive[k] for k in kinds)
        return tp / (tp + sum(self.false_positive[k] for k in kinds)) if tp else 0.0

    def recall(self, kinds: Sequence[str] = EVENT_KINDS) -> float:
        tp = sum(self.true_positive[k] for k in kinds)
        return tp / (tp + sum(self.false_negative[k] for k in kinds)) if tp else 0.0

    @property
    def attribution_accuracy(self) -> float:
        return self.attributed / self.labelled if self.labelled else 0.0

    @property
    def attribution_precision(self) -> float:
        return 1 - self.misattributed / self.found if self.found else 1.0

    @property
    def target_accuracy(self) -> float:
        return self.right_targets / self.targets if self.targets else 1.0

    @property
    def verbatim_integrity(self) -> float:
        return self.verbatim_intact / self.verbatim if self.verbatim else 1.0

    @property
    def said_at_day(self) -> float:
        return self.right_day / self.timed if self.timed else 0.0

    @property
    def said_at_minute(self) -> float:
        return self.right_minute / self.clock_timed if self.clock_timed else 0.0


SPLITS = (("development split", "cases"), ("test split", "heldout"))


def splits(folder: Path) -> list[tuple[str, Path]]:
    """The splits of a corpus folder (development, then test), or the folder itself."""
    found = [(title, folder / name) for title, name in SPLITS if (folder / name).is_dir()]
    return found or [("", folder)]


def load_cases(folder: Path) -> list[Case]:
    cases = []
    for labels_path in sorted(folder.glob("*.expected.json")):
        name = labels_path.name.removesuffix(".expected.json")
        documents = [p for p in folder.glob(f"{name}.*") if p.suffix in (".html", ".xml")]
        if len(documents) != 1:
            raise ValueError(f"{labels_path}: expected one {name}.html or {name}.xml beside it")
        labels = json.loads(labels_path.read_text(encoding="utf-8"))
        cases.append(Case(name, documents[0], labels))
    return cases


def case_item(case: Case) -> Item:
    body = case.path.read_bytes()
    fetched = FetchResult(case.source.url, 200, body)
    items = items_from(fetched, case.source, published=case.published_at)
    if len(items) != 1:
        raise ValueError(f"{case.path}: expected one item, found {len(items)}")
    return items[0]


def evaluate(folder: Path, mps: Sequence[MP], zone: ZoneInfo) -> Scores:
    scores = Scores()
    for case in load_cases(folder):
        item = case_item(case)
        found = extract_statements(item, mps, zone)
        _score_case(case, found, scores, zone)
        _score_verbatim(case, item, found, scores)
        if case.path.suffix == ".html":
            scores.pages += 1
            page_time = parse_page(case.path.read_bytes()).published_at
            scores.published_found += page_time is not None and (
                page_time.astimezone(zone).date() == case.published_at.astimezone(zone).date()
            )
    return scores


def _score_case(case: Case, found: list[Statement], scores: Scores, zone: ZoneInfo) -> None:
    scores.cases += 1
    labelled = case.labels["statements"]
    _score_events(case, labelled, found, scores)
    gold_mps = {s["mp"] for s in labelled}
    scores.found += len(found)
    for statement in found:
        if statement.mp not in gold_mps:
            scores.misattributed += 1
            scores.mistakes.append(f"{case.name}: {statement.mp} does not speak here")
        elif _someone_elses_words(statement, labelled):
            scores.misattributed += 1
            scores.mistakes.append(f"{case.name}: {statement.mp} given another's words")
    for label in labelled:
        scores.labelled += 1
        match = _match(label, found)
        if match is None:
            scores.mistakes.append(f"{case.name}: missed {label['mp']}: {label['quote']!r}")
            continue
        scores.attributed += 1
        _score_time(case, label, match, scores, zone)


def _score_events(
    case: Case, labelled: list[dict[str, Any]], found: list[Statement], scores: Scores
) -> None:
    gold = [(s["mp"], s["kind"], s.get("target")) for s in labelled if s["kind"] != "statement"]
    predicted = sorted({(s.mp, s.kind, s.target) for s in found if s.kind != "statement"}, key=str)
    unmatched = list(gold)
    for guess in predicted:
        hits = [g for g in unmatched if g[:2] == guess[:2]]
        hit = next((g for g in hits if _same_target(g, guess[2])), hits[0] if hits else None)
        if hit is None:
            scores.false_positive[guess[1]] += 1
            scores.mistakes.append(f"{case.name}: wrong {guess}")
            continue
        unmatched.remove(hit)
        scores.true_positive[guess[1]] += 1
        scores.targets += 1
        if _same_target(hit, guess[2]):
            scores.right_targets += 1
        else:
            scores.mistakes.append(f"{case.name}: target {guess[2]!r} for {hit[2]!r}")
    for missed in unmatched:
        scores.false_negative[missed[1]] += 1
        scores.mistakes.append(f"{case.name}: missed {missed}")


def _post_form(target: str | None) -> str | None:
    """A post in one form, so that two ways of writing it compare equal ('leader of Reform
    UK' and 'Reform UK leader')."""
    if target is None or target[:1].isupper():
        return target  # a person or a race, as named
    return clean_post(target) or target


def _same_target(gold: tuple[str, str, str | None], guess: str | None) -> bool:
    """The same target, ignoring case, punctuation and a leading 'the'; a post resigned may be
    named more fully than the label ('treasury minister' for 'minister'), but a leadership
    race must name the party and the post."""
    gold_words, guess_words = _norm(_post_form(gold[2])), _norm(_post_form(guess))
    if gold_words == guess_words:
        return True
    return (
        bool(gold_words and guess_words)
        and f" {gold_words} " in f" {guess_words} "
        and gold[1] not in ("leadership_bid", "leadership_declined")
    )


def _score_verbatim(case: Case, item: Item, found: list[Statement], scores: Scores) -> None:
    """Words shown as the MP's own must be: between quotation marks in the item, the MP's own
    post, a statement the item sets out after a colon, or the answers of an interview or a
    transcript, printed as theirs."""
    quoted = " ".join(_norm(q.text) for q in find_quotes(item.text, fewest_words=1))
    for statement in found:
        if not statement.verbatim:
            continue
        scores.verbatim += 1
        own = item.source.mp is not None or statement.evidence.startswith(
            ("statement after", "the MP's own column", "transcript", "interview")
        )
        parts = [_norm(part) for part in statement.text.split("\n\n")]
        text = _norm(item.text)
        if (own and all(part in text for part in parts)) or all(part in quoted for part in parts):
            scores.verbatim_intact += 1
        else:
            scores.mistakes.append(f"{case.name}: not verbatim: {statement.text[:80]!r}")


def _someone_elses_words(statement: Statement, labelled: list[dict[str, Any]]) -> bool:
    """Whether a statement shown as an MP's own words holds words labelled as another
    MP's, and none labelled as theirs."""
    if not statement.verbatim:
        return False
    text = _norm(statement.text)
    held = {s["mp"] for s in labelled if s.get("verbatim", True) and _norm(s["quote"]) in text}
    return bool(held) and statement.mp not in held


def _match(label: dict[str, Any], found: list[Statement]) -> Statement | None:
    quote = _norm(label["quote"])
    candidates = [s for s in found if s.mp == label["mp"] and quote in _told(s)]
    same_kind = [s for s in candidates if s.kind == label["kind"]]
    best = same_kind or candidates
    return best[0] if best else None


def _told(statement: Statement) -> str:
    """Where a label's quote may stand: the statement's words, and for words shown as the
    MP's own, the reporter's sentence that carries them."""
    if not statement.verbatim or not statement.report:
        return _norm(statement.text)
    return _norm(f"{statement.text}\n{statement.report}")


def _score_time(
    case: Case, label: dict[str, Any], match: Statement, scores: Scores, zone: ZoneInfo
) -> None:
    expected = datetime.fromisoformat(label["said_at"]).astimezone(zone)
    got = match.said_at.astimezone(zone) if match.said_at else None
    scores.timed += 1
    if got is not None and got.date() == expected.date():
        scores.right_day += 1
    else:
        scores.mistakes.append(f"{case.name}: said_at {got} for {expected} ({label['mp']})")
    if label.get("said_at_precision") == "minute":
        scores.clock_timed += 1
        if got is not None and got.replace(second=0) == expected.replace(second=0):
            scores.right_minute += 1
        else:
            scores.mistakes.append(f"{case.name}: minute {got} for {expected}")


def _norm(text: str | None) -> str:
    if not text:
        return ""
    text = text.casefold().replace("’", "'").replace("‘", "'").replace("“", '"')
    text = re.sub(r"^the\s+", "", text.replace("”", '"'))
    return " ".join(re.sub(r"[^\w\s']", " ", text).split())


def report(scores: Scores) -> list[str]:
    lines = [f"cases: {scores.cases}", "", f"{'kind':22}{'precision':>10}{'recall':>8}{'found':>7}"]
    for kind in EVENT_KINDS:
        tp, fp, fn = (scores.true_positive[kind], scores.false_positive[kind],
                      scores.false_negative[kind])  # fmt: skip
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        lines.append(f"{kind:22}{precision:>10.2f}{recall:>8.2f}{tp:>4}/{tp + fn:<3}")
    lines += [
        f"{'all event kinds':22}{scores.precision():>10.2f}{scores.recall():>8.2f}",
        "",
        f"attribution: {scores.attribution_accuracy:.2f} of {scores.labelled} labelled statements"
        f" found with the right MP",
        f"speaker precision: {scores.attribution_precision:.2f}; misattributions:"
        f" {scores.misattributed} of {scores.found} found statements name an MP who does not"
        " speak",
        f"targets: {scores.target_accuracy:.2f} ({scores.right_targets}/{scores.targets} events"
        f" found with the labelled target)",
        f"verbatim integrity: {scores.verbatim_integrity:.2f} ({scores.verbatim_intact}"
        f"/{scores.verbatim} statements shown as the MP's own words stand so in the item)",
        f"said_at: right to the day {scores.said_at_day:.2f} ({scores.right_day}/{scores.timed}),"
        f" to the minute {scores.said_at_minute:.2f} ({scores.right_minute}/{scores.clock_timed})",
        f"published time read from the page: {scores.published_found}/{scores.pages} pages",
    ]
    return lines
