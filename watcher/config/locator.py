"""Reading sources.yaml's YAML once, within bounds, and finding the line of each field, so every
problem names file, line and field.

The YAML is composed into nodes once; the data is built from those same nodes. Composing is
bounded: aliases may stand for at most `MAX_ALIAS_NODES` values in all (a "billion laughs"
file of nested aliases is refused before anything walks it) and collections may nest at most
`MAX_DEPTH` deep.
"""

from __future__ import annotations

from typing import Any

import yaml
from pydantic import ValidationError
from pydantic_core import ErrorDetails
from yaml.error import Mark

from watcher.errors import ConfigError, ConfigProblem
from watcher.sources import SOURCE_KINDS

_FRIENDLY = {
    "missing": "required",
    "extra_forbidden": "unknown key",
    "int_parsing": "must be a whole number",
    "int_type": "must be a whole number",
    "int_from_float": "must be a whole number",
    "float_parsing": "must be a number",
    "float_type": "must be a number",
    "bool_parsing": "must be true or false",
    "bool_type": "must be true or false",
    "string_type": "must be text",
    "string_too_short": "must not be empty",
    "list_type": "must be a list (one `- ` line per entry)",
    "tuple_type": "must be a list (one `- ` line per entry)",
    "dict_type": "must be a mapping of `key: value` lines",
    "model_type": "must be a mapping of `key: value` lines",
    "model_attributes_type": "must be a mapping of `key: value` lines",
}
_BOUNDS = {
    "greater_than_equal": ("ge", "at least"),
    "less_than_equal": ("le", "at most"),
    "greater_than": ("gt", "more than"),
    "less_than": ("lt", "less than"),
}

MAX_ALIAS_NODES = 100_000  # values that aliases may stand for, in all; a real file needs few
MAX_DEPTH = 64  # nested collections; a real file nests under ten deep


class _Refused(Exception):
    """The document passes a bound; raised while composing, before its data is built."""

    def __init__(self, message: str, mark: Mark | None) -> None:
        super().__init__(message)
        self.message = message
        self.mark = mark


class _BoundedLoader(yaml.SafeLoader):
    """A SafeLoader that counts, as it composes, how many values each node stands for once
    its aliases are expanded, and refuses a document whose aliases stand for too many."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._sizes: dict[int, int] = {}  # id(node): values in it, aliases expanded
        self._aliased = 0
        self._depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        self.check_event()  # reads the next event into `current_event`, so its mark is known
        mark: Mark | None = self.current_event.start_mark
        if self.check_event(yaml.AliasEvent):
            node = super().compose_node(parent, index)
            self._charge_alias(node, mark)
            return node
        if self._depth >= MAX_DEPTH:
            raise _Refused(f"nested more than {MAX_DEPTH} deep", mark)
        self._depth += 1
        try:
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
        if node is not None:
            self._sizes[id(node)] = 1 + sum(self._sizes[id(child)] for child in _children(node))
        return node

    def _charge_alias(self, node: yaml.Node | None, mark: Mark | None) -> None:
        size = self._sizes.get(id(node)) if node is not None else 0
        if size is None:
            raise _Refused("an alias inside the value it names (a loop)", mark)
        self._aliased += size
        if self._aliased > MAX_ALIAS_NODES:
            message = f"aliases (*name) here expand to more than {MAX_ALIAS_NODES:,} values"
            raise _Refused(message, mark)


def plain(error: ErrorDetails) -> str:
    """A validation error as a sentence a newcomer reads: what the field must be, and what
    it was given where that helps."""
    kind, ctx, given = error["type"], error.get("ctx", {}), error.get("input")
    if kind == "union_tag_invalid":
        tags = ctx.get("expected_tags", "")
        found = given.get("kind") if isinstance(given, dict) else None
        return f"unknown kind {found!r} (expected {tags})"
    if kind == "union_tag_not_found":
        return f"needs a kind: {_in_words(list(SOURCE_KINDS))}"
    if kind == "literal_error":
        return f"must be {ctx.get('expected', 'one of the listed values')}, not {given!r}"
    if kind in _BOUNDS:
        bound, words = _BOUNDS[kind]
        return f"must be {words} {ctx.get(bound)}, not {given!r}"
    if kind in _FRIENDLY:
        shown = "" if kind in ("missing", "extra_forbidden") or _is_collection(given) else given
        return _FRIENDLY[kind] + (f", not {shown!r}" if shown not in ("", None) else "")
    return str(error["msg"]).removeprefix("Value error, ")


def _in_words(names: list[str]) -> str:
    """'feed, page or bluesky'."""
    return ", ".join(names[:-1]) + f" or {names[-1]}" if len(names) > 1 else "".join(names)


def _is_collection(value: object) -> bool:
    return isinstance(value, dict | list | tuple)


# What the YAML reader's complaints mean, by how they start: (message, use the context's line)
_YAML_PROBLEMS: tuple[tuple[str, str, bool], ...] = (
    (
        "expected <block end>",
        "this line is indented differently from the lines above it: keys of one mapping,"
        " and the `- ` items of one list, must start in the same column",
        False,
    ),
    (
        "mapping values are not allowed here",
        "a colon here cannot start a value: check this line's indentation, and put a value"
        " that holds `: ` in quotes",
        False,
    ),
    ("found character '\\t'", "a tab: indent with spaces only", False),
    ("could not find expected ':'", "a key without its colon: write `key: value`", True),
    ("did not find expected key", "this line does not line up with the keys above it", False),
    (
        "did not find expected '-' indicator",
        "this line does not line up with the `- ` items of the list above it",
        False,
    ),
    ("found undefined alias", "an alias (*name) with no anchor (&name) before it", False),
    (
        "did not find expected node content",
        "a value is missing here, or starts with a character that needs quotes",
        False,
    ),
)


def yaml_problem(exc: yaml.MarkedYAMLError) -> tuple[int | None, str]:
    """The line of a YAML syntax error and what to do about it, in plain words."""
    problem, context = exc.problem or "", exc.context or ""
    here = exc.problem_mark or exc.context_mark
    opened = exc.context_mark.line + 1 if exc.context_mark else None
    line = here.line + 1 if here else None
    if "quoted scalar" in context:
        return opened or line, "a quotation mark opens a value that is never closed"
    if "flow sequence" in context or "flow mapping" in context:
        brackets = "[ ]" if "sequence" in context else "{ }"
        where = f" opened on line {opened}" if opened else ""
        return line, f"the {brackets}{where} is not closed, or misses a comma between entries"
    for start, message, at_context in _YAML_PROBLEMS:
        if problem.startswith(start):
            return (opened or line) if at_context else line, message
    return line, f"not valid YAML: check indentation, colons and quotes ({problem or exc})"


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


class Locator:
    """Maps a field path such as ('mps', 3, 'sources', 0, 'url') to a line of the file."""

    def __init__(self, file: str, data: Any, root: yaml.Node | None) -> None:
        self.file = file
        self.data = data
        self.root = root
        self.duplicate_keys: list[ConfigProblem] = []
        if root is not None:
            self._find_duplicates(root, ())

    @classmethod
    def from_text(cls, file: str, text: str) -> Locator:
        """Parse `text` once: compose its nodes, then build its data from them."""
        loader = _BoundedLoader(text)
        try:
            root = loader.get_single_node()
            # Repeated keys are looked for before building the data, which rewrites merge keys.
            locator = cls(file, None, root)
            locator.data = loader.construct_document(root) if root is not None else None
        except _Refused as exc:
            line = exc.mark.line + 1 if exc.mark else None
            raise ConfigError([ConfigProblem(file, line, "", f"refused: {exc.message}")]) from None
        except yaml.MarkedYAMLError as exc:
            line, problem = yaml_problem(exc)
            raise ConfigError([ConfigProblem(file, line, "", problem)]) from None
        except yaml.YAMLError as exc:
            problem = f"cannot be read as YAML ({exc})"
            raise ConfigError([ConfigProblem(file, None, "", problem)]) from None
        finally:
            loader.dispose()
        return locator

    def problems_from(self, exc: ValidationError) -> list[ConfigProblem]:
        problems = list(self.duplicate_keys)
        for error in exc.errors(include_url=False):
            loc, line = self._walk(tuple(error["loc"]))
            problems.append(ConfigProblem(self.file, line, self.path_text(loc), plain(error)))
        return problems

    def problem(self, loc: tuple[str | int, ...], message: str) -> ConfigProblem:
        kept, line = self._walk(loc)
        return ConfigProblem(self.file, line, self.path_text(kept), message)

    @staticmethod
    def path_text(loc: tuple[str | int, ...]) -> str:
        text = ""
        for part in loc:
            text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else str(part)
        return text

    def _walk(self, loc: tuple[str | int, ...]) -> tuple[tuple[str | int, ...], int | None]:
        """Follow `loc` through the YAML nodes; union tags that are not keys are dropped."""
        node = self.root
        line = node.start_mark.line + 1 if node else None
        kept: list[str | int] = []
        for position, part in enumerate(loc):
            child = self._child(node, part)
            if child is None:
                if position == len(loc) - 1 or isinstance(part, int):
                    kept.append(part)
                continue
            key_line, node = child
            kept.append(part)
            line = key_line
        return tuple(kept), line

    @staticmethod
    def _child(node: yaml.Node | None, part: str | int) -> tuple[int, yaml.Node] | None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == part:
                    return key.start_mark.line + 1, value
        if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            value = node.value[part]
            return value.start_mark.line + 1, value
        return None

    def _find_duplicates(self, node: yaml.Node, loc: tuple[str | int, ...]) -> None:
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key, value in node.value:
                if key.value in seen:
                    path = self.path_text((*loc, key.value))
                    line = key.start_mark.line + 1
                    self.duplicate_keys.append(ConfigProblem(self.file, line, path, "key repeated"))
                seen.add(key.value)
                self._find_duplicates(value, (*loc, key.value))
        elif isinstance(node, yaml.SequenceNode):
            for index, value in enumerate(node.value):
                self._find_duplicates(value, (*loc, index))
