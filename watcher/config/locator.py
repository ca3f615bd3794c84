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
from yaml.error import Mark

from watcher.errors import ConfigError, ConfigProblem

_FRIENDLY = {
    "missing": "required",
    "extra_forbidden": "unknown key",
    "union_tag_not_found": "needs a kind: feed, page, bluesky, mastodon or youtube",
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
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark else None
            problem = f"YAML syntax error: {exc.problem or exc}"
            raise ConfigError([ConfigProblem(file, line, "", problem)]) from None
        except yaml.YAMLError as exc:
            raise ConfigError([ConfigProblem(file, None, "", f"YAML error: {exc}")]) from None
        finally:
            loader.dispose()
        return locator

    def problems_from(self, exc: ValidationError) -> list[ConfigProblem]:
        problems = list(self.duplicate_keys)
        for error in exc.errors(include_url=False):
            loc, line = self._walk(tuple(error["loc"]))
            message = _FRIENDLY.get(error["type"], error["msg"].removeprefix("Value error, "))
            if error["type"] == "union_tag_invalid":
                tags = error.get("ctx", {}).get("expected_tags", "")
                message = f"unknown kind {error['input'].get('kind')!r} (expected {tags})"
            problems.append(ConfigProblem(self.file, line, self.path_text(loc), message))
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
