"""The floors of hocvuso hold: no app imports one above it, no loop between apps.

The order is that of ../shared/ARCHITECTURE.md, with accounts (users, roles, the
user's scope) below teams, whose pages use them. Apps on the same floor may use
each other's services and figures, never each other's views, and never in a loop.

`imports` sits below teams and the capabilities: it is the XLSX machinery only
(reading, checking columns, row errors, all-or-nothing saving, templates, the
page) and needs no more than the units and the importer's scope and words. Each
capability holds its own sheet (`teams/imports.py`, `support/imports.py`), built
on that machinery and saving through its own services, and registers it with the
page (`imports.kinds.register_kind`) when its app is ready.
"""

import ast
import pathlib
from collections import defaultdict

ROOT = pathlib.Path(__file__).resolve().parents[3]  # the repository
PACKAGE = ROOT / "hocvuso"
FLOORS = [
    ["core", "formats"],
    ["units"],
    ["accounts"],
    ["imports"],
    ["teams"],
    ["documents", "outreach", "support", "learning", "indicators", "roster"],
    ["reports", "overview", "dashboard", "privacy"],
    ["city"],
    ["nation"],
    ["api", "demo"],
]
FLOOR = {app: n for n, apps in enumerate(FLOORS) for app in apps}
VIEW_MODULES = ("views", "urls")


def imports_of(path: pathlib.Path):
    """(line, "hocvuso.x.y") for every absolute import of the project in `path`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            if name.startswith("hocvuso."):
                yield node.lineno, name


def app_imports():
    """{(from_app, to_app): ["file:line imports module", …]} across the project's code."""
    found = defaultdict(list)
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).parts
        if len(parts) < 2 or "migrations" in parts or "tests" in parts:
            continue
        app = parts[0]
        for line, name in imports_of(path):
            target = name.split(".")[1]
            if target != app and target in FLOOR:
                where = f"{path.relative_to(ROOT)}:{line} imports {name}"
                found[(app, target)].append((name, where))
    return found


def test_every_app_has_a_floor():
    apps = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    assert apps - set(FLOOR) <= {"templates", "static"}, apps - set(FLOOR)


def test_no_app_imports_one_above_it():
    upward = [
        where
        for (app, target), rows in app_imports().items()
        if app in FLOOR and FLOOR[target] > FLOOR[app]
        for _, where in rows
    ]
    assert upward == []


def test_no_app_imports_a_siblings_views():
    into_views = [
        where
        for (app, target), rows in app_imports().items()
        if app in FLOOR and FLOOR[target] == FLOOR[app]
        for name, where in rows
        if any(part in VIEW_MODULES for part in name.split(".")[2:])
    ]
    assert into_views == []


def test_there_is_no_loop_between_apps():
    graph = defaultdict(set)
    for app, target in app_imports():
        graph[app].add(target)
    loops = []

    def visit(app, path):
        for target in graph[app]:
            if target in path:
                loops.append(" → ".join([*path[path.index(target) :], target]))
            elif len(path) < len(FLOOR):
                visit(target, [*path, target])

    for app in list(graph):
        visit(app, [app])
    assert loops == []
