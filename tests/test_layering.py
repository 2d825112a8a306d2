"""The architecture, as rules on imports read with `ast` (no module is imported here).

Data flows one way: config -> deadlines -> reading -> register -> planning -> mail ->
delivery -> ledger -> service -> web -> cli. A stage may import the leaves (clock,
errors, logs), itself and the stages before it, never one after it. Planning and
mail rendering do no I/O: neither they nor anything they import (inside the package)
imports a database, network or file-system library. Only `clock` reads the time, and
only the CLI (and the web application's start-up) builds concrete resources.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[1] / "reminder"
LEAVES = ("clock", "collector", "errors", "logs")
STAGES = (
    "config",
    "deadlines",
    "reading",
    "register",
    "planning",
    "mail",
    "delivery",
    "ledger",
    "service",
    "web",
    "cli",
)
PURE_STAGES = ("planning", "mail")
IO_LIBRARIES = {
    "sqlalchemy", "sqlmodel", "alembic", "psycopg", "sqlite3",  # databases
    "aiosmtplib", "smtplib", "socket", "ssl", "http", "urllib", "httpx", "asyncio",  # network
    "shutil", "tempfile", "subprocess", "multiprocessing", "os", "glob",  # files, processes
}  # fmt: skip
PURE_PARTS = {"urllib.parse"}  # string functions in an I/O package
# Who may build concrete resources (an engine, a mailer, settings from files).
BUILDERS = {"make_engine", "make_mailer", "load_settings"}
MAY_BUILD = ("cli", "web")
MAX_LINES = 250


def modules() -> list[str]:
    """Every module of the package, dotted ("reminder.planning.plan")."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        found.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return found


def path_of(module: str) -> Path:
    base = PACKAGE.parent.joinpath(*module.split("."))
    return base / "__init__.py" if base.is_dir() else base.with_suffix(".py")


@cache
def tree(module: str) -> ast.Module:
    return ast.parse(path_of(module).read_text(), filename=str(path_of(module)))


def imports(module: str, *, top_level_only: bool = False) -> Iterator[tuple[int, str]]:
    """(line, imported module) for every import in `module`; `from a import b` gives
    `a.b` when that is a module of the package, else `a`."""
    nodes = tree(module).body if top_level_only else ast.walk(tree(module))
    for node in nodes:
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                yield node.lineno, full if full in ALL else node.module
        elif isinstance(node, ast.If) and top_level_only:
            continue  # TYPE_CHECKING blocks are not run


ALL = set(modules())


def stage_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def test_every_module_is_a_leaf_or_in_a_stage() -> None:
    strays = [m for m in ALL if stage_of(m) not in (*LEAVES, *STAGES, "", "__main__")]
    assert not strays, f"modules outside the stages {STAGES}: {sorted(strays)}"


@pytest.mark.parametrize("module", sorted(ALL))
def test_no_stage_imports_a_later_one(module: str) -> None:
    own = stage_of(module)
    if own not in STAGES:
        return
    wrong = []
    for line, name in imports(module):
        other = stage_of(name) if name.startswith("reminder.") else None
        if other in STAGES and STAGES.index(other) > STAGES.index(own):
            wrong.append(f"{path_of(module).name}:{line} imports {name}")
    assert not wrong, f"{own} comes before these stages in the flow: {wrong}"


def _closure(module: str) -> set[str]:
    """`module`, the package modules it imports when loaded, and their parents' __init__."""
    seen: set[str] = set()
    todo = [module]
    while todo:
        current = todo.pop()
        if current in seen or current not in ALL:
            continue
        seen.add(current)
        parts = current.split(".")
        todo += [".".join(parts[:n]) for n in range(1, len(parts))]
        todo += [name for _, name in imports(current, top_level_only=True)]
    return seen


@pytest.mark.parametrize("module", sorted(m for m in ALL if stage_of(m) in PURE_STAGES))
def test_planning_and_rendering_do_no_io(module: str) -> None:
    wrong = []
    for inner in sorted(_closure(module)):
        for line, name in imports(inner):
            if name.split(".")[0] in IO_LIBRARIES and name not in PURE_PARTS:
                wrong.append(f"{path_of(inner).relative_to(PACKAGE)}:{line} imports {name}")
    assert not wrong, f"{module} must do no I/O, but loads: {wrong}"


@pytest.mark.parametrize("module", sorted(ALL))
def test_only_the_clock_reads_the_time(module: str) -> None:
    if module == "reminder.clock":
        return
    wrong = []
    for node in ast.walk(tree(module)):
        if isinstance(node, ast.Attribute) and node.attr in ("now", "today", "utcnow", "time"):
            base = node.value
            name = base.id if isinstance(base, ast.Name) else getattr(base, "attr", "")
            if name in ("datetime", "date", "time"):
                wrong.append(f"line {node.lineno}: {name}.{node.attr}")
    assert not wrong, f"{module} reads the time itself (take `now` from the caller): {wrong}"


@pytest.mark.parametrize("module", sorted(ALL))
def test_only_the_cli_builds_resources(module: str) -> None:
    if stage_of(module) in MAY_BUILD:
        return
    wrong = [
        f"line {node.lineno}: {node.func.id}()"
        for node in ast.walk(tree(module))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in BUILDERS
    ]
    assert not wrong, f"{module} builds concrete resources; the CLI hands them in: {wrong}"


def test_module_names_do_not_repeat_their_folder_or_a_siblings_prefix() -> None:
    wrong = []
    for folder in [PACKAGE, *(p for p in PACKAGE.rglob("*") if p.is_dir())]:
        if "migrations" in folder.parts or folder.name == "__pycache__":
            continue
        stems = sorted(
            p.stem if p.is_file() else p.name
            for p in folder.iterdir()
            if (p.suffix == ".py" or (p / "__init__.py").exists()) and not p.stem.startswith("__")
        )
        for stem in stems:
            if stem.strip("_").startswith(folder.name.rstrip("s")):
                wrong.append(f"{folder.name}/{stem}")
            prefix = stem.strip("_").split("_")[0]
            rivals = [s for s in stems if s != stem and s.strip("_").split("_")[0] == prefix]
            if rivals and "_" in stem:
                wrong.append(f"{folder.name}/{stem} beside {rivals}")
    assert not wrong, f"make these families folders or rename them: {wrong}"


@pytest.mark.parametrize("module", sorted(ALL))
def test_modules_stay_small(module: str) -> None:
    lines = len(path_of(module).read_text().splitlines())
    assert lines <= MAX_LINES, f"{path_of(module)} has {lines} lines; split it by what it does"


DATA_AND_SERVICE = ("register", "ledger", "service")


@pytest.mark.parametrize("module", sorted(m for m in ALL if stage_of(m) in DATA_AND_SERVICE))
def test_service_and_data_functions_take_keyword_arguments(module: str) -> None:
    """`claim(session=..., claims=...)`: a call says what each value is. A function of a
    single argument may take it by position."""
    wrong = []
    for node in tree(module).body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name[0] != "_":
            positional = node.args.posonlyargs + node.args.args
            if positional and len(positional) + len(node.args.kwonlyargs) > 1:
                wrong.append(f"line {node.lineno}: {node.name}({positional[0].arg}, ...)")
    assert not wrong, f"{module}: make these parameters keyword-only: {wrong}"
