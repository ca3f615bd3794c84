"""The package imports without cycles.

Every import in `watcher/` counts, wherever it stands: at the top of a module, inside a function
(a lazy import) or under `if TYPE_CHECKING:`, so none of those can hide a cycle. Importing
`a.b.c` runs `a.b` first, so a module depends on the packages above what it imports too.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from pathlib import Path

import watcher

Graph = Mapping[str, frozenset[str]]


def modules_of(root: Path) -> dict[str, Path]:
    """'watcher.notify.queueing' -> its file, for every module and package below `root`."""
    found = {}
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def import_graph(root: Path) -> dict[str, frozenset[str]]:
    """Each module of the package at `root` and the modules of that package it imports."""
    modules = modules_of(root)
    return {name: _imported(name, path, modules) for name, path in modules.items()}


def _imported(name: str, path: Path, modules: Mapping[str, Path]) -> frozenset[str]:
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    named: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            named.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(node, package)  # 'from m import f' names 'm.f', or 'm' if no f
            named.update(f"{base}.{alias.name}" for alias in node.names)
    imported: set[str] = set()
    for target in named:
        module = _known_prefix(target, modules)
        imported.update(_with_parents(module, modules, importer=name) if module else ())
    return frozenset(imported)


def _absolute(node: ast.ImportFrom, package: str) -> str:
    if not node.level:
        return node.module or ""
    parts = package.split(".")
    base = parts[: len(parts) - node.level + 1]
    return ".".join([*base, node.module] if node.module else base)


def _known_prefix(target: str, modules: Mapping[str, Path]) -> str:
    """The longest module name `target` starts with: 'm.f' is 'm' unless f is a module."""
    while target and target not in modules:
        target = target.rpartition(".")[0]
    return target


def _with_parents(module: str, modules: Mapping[str, Path], importer: str) -> Iterator[str]:
    """`module` and the packages above it that importing it runs; not those above `importer`,
    which are running already, unless `module` is one of them."""
    parts = module.split(".")
    for end in range(1, len(parts) + 1):
        parent = ".".join(parts[:end])
        running = importer.startswith(parent + ".") and parent != module
        if parent in modules and parent != importer and not running:
            yield parent


def cycles(graph: Graph) -> list[list[str]]:
    """The groups of modules that import each other, directly or through others (Tarjan)."""
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        order[node] = low[node] = len(order)
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in order:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], order[nxt])
        if low[node] == order[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in order:
            visit(node)
    return groups


def reachable(graph: Graph, start: str) -> set[str]:
    seen: set[str] = set()
    todo = [start]
    while todo:
        for nxt in graph.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


PACKAGE = Path(watcher.__file__).parent


def test_the_watcher_has_no_import_cycles() -> None:
    assert cycles(import_graph(PACKAGE)) == []


def test_the_queueing_rules_reach_nothing_but_the_records() -> None:
    """The archive applies them while it files a poll: they must not lead back to it."""
    graph = import_graph(PACKAGE)
    assert reachable(graph, "watcher.notify.queueing") <= {"watcher", "watcher.notify"} | {
        "watcher.models",
        *reachable(graph, "watcher.models"),
    }
    assert "watcher.archive" not in reachable(graph, "watcher.notify.queueing")


def _write(root: Path, files: Mapping[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / "pkg"


def test_a_cycle_through_a_package_init_is_found(tmp_path: Path) -> None:
    """archive imports notify.queueing; notify's __init__ imports deliver; deliver imports the
    archive: the cycle the notify package once had."""
    package = _write(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/archive.py": "from pkg.notify.queueing import plan\n",
            "pkg/notify/__init__.py": "from pkg.notify.deliver import send\n",
            "pkg/notify/deliver.py": "from pkg.archive import Archive\n",
            "pkg/notify/queueing.py": "plan = 1\n",
        },
    )
    assert cycles(import_graph(package)) == [["pkg.archive", "pkg.notify", "pkg.notify.deliver"]]


def test_lazy_relative_and_type_checking_imports_count(tmp_path: Path) -> None:
    package = _write(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/a.py": "def f():\n    from . import b\n",
            "pkg/b.py": "import typing\nif typing.TYPE_CHECKING:\n    from pkg.a import f\n",
            "pkg/c.py": "import pkg.d\n",
            "pkg/d.py": "",
        },
    )
    assert cycles(import_graph(package)) == [["pkg.a", "pkg.b"]]
