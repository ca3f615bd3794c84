"""The PolNeAR benchmark's scorer, on a small article made up here."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import bench_polnear as bench

from watcher.models import Statement

TEXT = (
    "Town Hall Plans A Greener Year\n\n"
    "Mayor Jane Holloway said the parks budget would rise next year.\n\n"
    "\u201cWe will plant a thousand trees,\u201d Holloway said on Monday.\n\n"
    "Her rival, Tom Barker, disagreed. He said the plan was unaffordable.\n\n"
    "The finance office said the figures were still being checked.\n\n"
    "Mr. Barker has led the opposition on the council since the spring."
)


def at(words: str, after: str = "") -> tuple[int, int]:
    start = TEXT.index(words, TEXT.index(after) if after else 0)
    return start, start + len(words)


def attribution(n: int, source: str | None, cue: str, content: str, after: str = "") -> str:
    """Brat lines for one attribution, offsets found in TEXT."""
    lines = []
    parts = {"Content": content, "Cue": cue} | ({"Source": source} if source else {})
    refs = []
    for k, (role, words) in enumerate(parts.items()):
        start, end = at(words, after)
        lines.append(f"T{n}{k}\t{role} {start} {end}\t{words}")
        refs.append(f"{role}:T{n}{k}")
    kind = "Attribution" if source else "Attribution-no-source"
    lines.append(f"E{n}\t{kind}:T{n}9 {' '.join(refs)}")
    return "\n".join(lines)


ANN = "\n".join(
    [
        attribution(1, "Mayor Jane Holloway", "said", "the parks budget would rise next year"),
        attribution(2, "Holloway", "said", "We will plant a thousand trees,", after="\u201c"),
        attribution(3, "He", "said", "the plan was unaffordable", after="He said"),
        attribution(4, "The finance office", "said", "the figures were still being checked"),
        "T99\tDiscuss 0 4\tTown",
    ]
)


@pytest.fixture
def article() -> bench.Article:
    return bench.Article("made-up", TEXT, bench.parse_ann(ANN))


def test_annotations_are_read_with_their_sources_and_contents(article: bench.Article) -> None:
    assert len(article.golds) == 4
    first = article.golds[0]
    assert first.source is not None
    assert first.source.text == "Mayor Jane Holloway"
    assert first.content == frozenset(range(*at("the parks budget would rise next year")))
    assert first.cue == "said"


def test_the_first_annotation_file_of_an_article_is_taken(tmp_path: Path) -> None:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "story.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributions" / "story_b2.ann").write_text("", encoding="utf-8")
    (tmp_path / "attributions" / "story_a1.ann").write_text(ANN, encoding="utf-8")
    (tmp_path / "attributions" / "other_a1.ann").write_text(ANN, encoding="utf-8")
    articles = bench.load_folder(tmp_path)
    assert [(a.name, len(a.golds)) for a in articles] == [("story", 4)]


def test_sources_resolve_to_people_through_names_surnames_and_pronouns(
    article: bench.Article,
) -> None:
    people, resolved = bench.gold_people([article])
    who = [bench.gold_person(g, resolved[0]) for g in article.golds]
    assert who == ["Jane Holloway", "Jane Holloway", "Tom Barker", bench.SOMEONE_ELSE]
    assert people.sexes.get("Tom Barker") == "m"


def test_the_tracked_are_the_most_named_sources_and_pronouns_do_not_count(
    article: bench.Article,
) -> None:
    people, resolved = bench.gold_people([article])
    assert bench.choose_tracked(resolved, 5) == [("Jane Holloway", 2)]
    barker = bench.mp_for("Tom Barker", people)
    assert barker.aliases == ("Barker", "Mr Barker", "Mr. Barker")
    assert barker.party is None


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Council Speaker Ann B. Marsh (Ind.)", ("Ann", "Marsh")),
        ("Ann Marsh, who chairs the committee,", ("Ann", "Marsh")),
        ("Mrs. Marsh's", ("", "Marsh")),
        ("a spokeswoman for Ann Marsh", bench.SOMEONE_ELSE),
        ("Ann Marsh and Tom Barker", bench.UNRESOLVED),
        ("The Riverside Gazette", bench.SOMEONE_ELSE),
        ("critics of the plan", None),
    ],
)
def test_a_source_names_the_person_at_the_end_of_its_head(
    source: str, expected: tuple[str, str] | str | None
) -> None:
    name = bench.source_name(source)
    if isinstance(name, bench.Name):
        assert (name.first, name.last) == expected
    else:
        assert name == expected


def test_a_surname_is_the_full_name_the_article_wrote_before_it() -> None:
    text = "Ann Marsh spoke first. Marsh said so. Later Bob Marsh arrived and Marsh left."
    people = bench.People()
    index = bench.NameIndex()
    index.add(bench.names_in(text))
    bare = [n for n in bench.names_in(text) if not n.first]
    assert [people.person(n, index, n.start) for n in bare] == ["Ann Marsh", bench.UNRESOLVED]


def test_statement_words_are_found_nearest_the_previous_match() -> None:
    finder = bench.Finder(TEXT)
    first, second = at("said"), at("said", after="Holloway said")
    assert finder.find("said", near=0) == first
    assert finder.find("said", near=second[0] - 5) == second
    # curly quotes and runs of white space in either text do not matter
    assert finder.find('"We  will plant\na thousand trees,"', 0) == (
        at("\u201cWe")[0],
        at("trees,\u201d")[1],
    )


def test_a_statement_gathered_from_two_places_counts_as_two_passages() -> None:
    text = "We will plant a thousand trees,\n\nthe plan was unaffordable"
    statement = Statement("Jane Holloway", "statement", text)
    passages, lost = bench.passages_of([statement], TEXT)
    assert lost == 0
    spans = [(p.start, p.end) for p in passages]
    assert spans == [at("We will plant a thousand trees,"), at("the plan was unaffordable")]


def test_pieces_with_only_punctuation_between_them_are_one_passage() -> None:
    text = "a,\u201d\n\n\u201cb and c"
    assert bench.joined([(5, 6), (0, 2), (11, 12)], text) == [(0, 6), (11, 12)]


def test_matching_is_one_to_one_by_best_jaccard() -> None:
    gold = [frozenset(range(0, 10)), frozenset(range(20, 30))]
    found = [frozenset(range(0, 8)), frozenset(range(0, 10)), frozenset(range(20, 25))]
    # found 1 matches gold 0 exactly and takes it; found 0 is left over; found 2 has 0.5
    assert bench.match(found, gold) == {0: (1,), 1: (2,)}
    assert bench.match([frozenset(range(20, 24))], gold) == {}  # 0.4 is too little
    assert bench.jaccard(frozenset(range(4)), frozenset(range(2, 6))) == pytest.approx(2 / 6)


def test_both_halves_of_a_split_quote_match_it_together_when_one_statement_holds_them() -> None:
    gold = [frozenset(range(0, 10)) | frozenset(range(30, 40))]  # 'X,' he said. 'Y.'
    halves = [frozenset(range(0, 10)), frozenset(range(30, 40))]
    assert bench.match(halves, gold, groups=[7, 7]) == {0: (0, 1)}
    assert bench.match(halves, gold, groups=[7, 8]) == {0: (0,)}  # two statements: one half
    elsewhere = [*halves, frozenset(range(100, 180))]  # the statement's words elsewhere
    assert bench.match(elsewhere, gold, groups=[7, 7, 7]) == {0: (0, 1)}


def test_an_article_is_scored_for_recall_precision_and_misattribution(
    article: bench.Article,
) -> None:
    _, resolved = bench.gold_people([article])
    who = [bench.gold_person(g, resolved[0]) for g in article.golds]
    statements = [
        Statement("Jane Holloway", "statement", "We will plant a thousand trees,"),
        Statement("Jane Holloway", "statement", "the parks budget would rise next year."),
        Statement("Jane Holloway", "statement", "the plan was unaffordable"),  # Barker's
        Statement("Jane Holloway", "statement", "Town Hall Plans A Greener Year"),  # nobody's
    ]
    tally = bench.Tally()
    bench.score_article(article, statements, who, {"Jane Holloway"}, tally)
    assert (tally.gold_tracked, tally.recalled, tally.recalled_right) == (2, 2, 2)
    assert (tally.matched_known, tally.right, tally.misattributed) == (3, 2, 1)
    assert (tally.unmatched, tally.statements_unmatched) == (1, 1)
    assert len(tally.mistakes) == 1
    assert tally.mistakes[0].startswith("made-up: given to Jane Holloway")
    assert "= Tom Barker" in tally.mistakes[0]


def test_the_article_is_read_as_a_page_of_paragraphs() -> None:
    item = bench.article_item("made-up", TEXT)
    assert item is not None
    assert item.source.mp is None
    assert "next year.\n\n\u201cWe will plant a thousand trees" in item.text


def test_a_reported_statement_is_scored_by_the_words_it_reports() -> None:
    text = "Mr. Barker said the plan was unaffordable and would fail. Next."
    span = (0, text.index(" Next"))
    start, end = bench.reported_content(span, text)
    assert text[start:end] == "the plan was unaffordable and would fail."
    closing = "The plan was unaffordable and would fail, he said."
    start, end = bench.reported_content((0, len(closing)), closing)
    assert closing[start:end] == "The plan was unaffordable and would fail"


def test_pieces_of_a_statement_side_by_side_are_scored_apart() -> None:
    text = "Holloway said it would rise. Holloway said it would not fall."
    statement = Statement(
        "Jane Holloway",
        "statement",
        "Holloway said it would rise.\n\nHolloway said it would not fall.",
        verbatim=False,
    )
    passages, lost = bench.passages_of([statement], text)
    assert lost == 0
    assert len(passages) == 2
