"""The code layout (README "Code layout and conventions"): no import circles, thin edges, layers.

Every import counts, also one inside a function: that is how a circle hides. An edge module
(views, api, admin) never imports another edge module; an app's urls import only its own. An
app imports only itself and the core (steunpunten), never another app or the project package;
the project package (vindplek) imports apps only in its URLconf: settings name middleware,
context processors and backends by string.
"""

import ast
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("vindplek", "steunpunten", "zoeken", "beheer", "overzicht")
EDGES = ("views", "api", "admin")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def first_party_modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" not in path.parts:
                found[module_name(path)] = path
    return found


def imports_of(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The first-party modules this module imports, anywhere in its code."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            candidates = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            candidates = [f"{base}.{alias.name}" for alias in node.names] + [base]
        else:
            continue
        for candidate in candidates:
            # `from pkg import module` names a module; `from module import name` names its module.
            if candidate in modules:
                targets.add(candidate)
            elif candidate.rpartition(".")[0] in modules and candidate not in modules:
                targets.add(candidate.rpartition(".")[0])
    targets.discard(name)
    # A package's __init__ is imported with any of its modules: not an edge of its own here.
    return {t for t in targets if not (modules[t].name == "__init__.py" and name.startswith(t))}


@cache
def graph() -> dict[str, frozenset[str]]:
    """The import graph of the source tree, read once per test run (the tests only read it)."""
    modules = first_party_modules()
    return {name: frozenset(imports_of(name, path, modules)) for name, path in modules.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in edges.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def is_edge(name: str) -> bool:
    return name.rpartition(".")[2] in EDGES and name.count(".") == 1


def test_no_import_circles():
    assert cycles(graph()) == []


def test_the_checker_finds_a_circle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_edge_module_imports_another_edge_module():
    wrong = [
        (name, target)
        for name, targets in graph().items()
        if is_edge(name)
        for target in targets
        if is_edge(target)
    ]
    assert wrong == []


def test_an_apps_urls_use_only_its_own_edge_modules():
    wrong = [
        (name, target)
        for name, targets in graph().items()
        if name.endswith(".urls") and name != "vindplek.urls"
        for target in targets
        if is_edge(target) and target.partition(".")[0] != name.partition(".")[0]
    ]
    assert wrong == []


# --- Layering: the core, the apps around it, and the project package that only wires them up ---

PROJECT = "vindplek"
CORE = "steunpunten"
APPS = tuple(package for package in PACKAGES if package != PROJECT)


def package_of(name: str) -> str:
    return name.partition(".")[0]


def crossings(edges: dict[str, set[str]]) -> list[tuple[str, str]]:
    """Every import from one package into another, as (importer, imported module)."""
    return sorted(
        (name, target)
        for name, targets in edges.items()
        for target in targets
        if package_of(target) != package_of(name)
    )


def test_no_app_imports_another_app_only_the_core():
    wrong = [
        (name, target)
        for name, target in crossings(graph())
        if package_of(name) in APPS and package_of(target) in APPS and package_of(target) != CORE
    ]
    assert wrong == []


def test_the_core_imports_no_app():
    wrong = [(name, t) for name, t in crossings(graph()) if package_of(name) == CORE]
    assert wrong == []


def test_no_app_imports_the_project_package():
    wrong = [
        (name, target)
        for name, target in crossings(graph())
        if package_of(name) in APPS and package_of(target) == PROJECT
    ]
    assert wrong == []


def test_the_project_package_imports_apps_only_in_its_urlconf():
    """Settings name middleware, context processors and backends by string, never by import."""
    wrong = [
        (name, target)
        for name, target in crossings(graph())
        if package_of(name) == PROJECT and name != f"{PROJECT}.urls"
    ]
    assert wrong == []


def test_the_layering_checks_see_an_import_inside_a_function(tmp_path):
    module = tmp_path / "startpagina.py"
    module.write_text("def figures():\n    from overzicht.peilingen import compare\n")
    modules = {"beheer.startpagina": module, "overzicht.peilingen": module}
    assert imports_of("beheer.startpagina", module, modules) == {"overzicht.peilingen"}
    assert crossings({"beheer.startpagina": {"overzicht.peilingen"}}) == [
        ("beheer.startpagina", "overzicht.peilingen")
    ]


# Templates stay readable in an editor and in a diff (issue 20): a long text is a
# {% blocktranslate trimmed %} over several lines, long tag arguments go into a {% with %}.
TEMPLATE_LINE_LIMIT = 200


def long_template_lines(root: Path) -> list[str]:
    folders = [root / "templates", *(root / package / "templates" for package in PACKAGES)]
    return [
        f"{path.relative_to(root)}:{number}: {len(line)} characters"
        for folder in folders
        for path in sorted(folder.rglob("*"))
        if path.suffix in (".html", ".txt")
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if len(line) > TEMPLATE_LINE_LIMIT
    ]


def test_no_template_line_is_longer_than_the_limit():
    assert long_template_lines(ROOT) == []


def test_the_line_check_finds_a_long_template_line(tmp_path):
    folder = tmp_path / "templates" / "zoeken"
    folder.mkdir(parents=True)
    (folder / "kort.html").write_text("<p>kort</p>\n")
    (folder / "lang.html").write_text("<p>kort</p>\n<p>" + "x" * TEMPLATE_LINE_LIMIT + "</p>\n")
    assert long_template_lines(tmp_path) == [
        f"templates/zoeken/lang.html:2: {TEMPLATE_LINE_LIMIT + 7} characters"
    ]
