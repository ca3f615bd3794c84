"""Finding the line of a field in sources.yaml, so every problem names file, line and field."""

from __future__ import annotations

from typing import Any

import yaml
from pydantic import ValidationError

from watcher.errors import ConfigError, ConfigProblem

_FRIENDLY = {
    "missing": "required",
    "extra_forbidden": "unknown key",
    "union_tag_not_found": "needs a kind: feed, page, bluesky, mastodon or youtube",
}


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
        try:
            root = yaml.compose(text, Loader=yaml.SafeLoader)
            data = yaml.safe_load(text)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark else None
            problem = f"YAML syntax error: {exc.problem or exc}"
            raise ConfigError([ConfigProblem(file, line, "", problem)]) from None
        except yaml.YAMLError as exc:
            raise ConfigError([ConfigProblem(file, None, "", f"YAML error: {exc}")]) from None
        return cls(file, data, root)

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
