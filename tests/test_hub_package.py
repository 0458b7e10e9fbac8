"""The hub runs on a server without the laptop's code: no module of the hub package imports `desktop`,
SQLCipher or Qt, not even through the fundus modules it uses (issue 23).

Read from the source (AST), so an import inside a function, or on a path no test runs, counts too.
Every import of a first-party module is followed (hub.*, fundus.*); the test fails on the first
module that reaches a forbidden one, and names the chain. tests/test_hub_install.py runs the hub
in a venv where those are not even installed.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FORBIDDEN = ("desktop", "sqlcipher3", "PySide6")
FIRST_PARTY = ("hub", "fundus", "desktop", "training", "converter")


def module_file(module: str) -> Path | None:
    """The source file of a first-party module (a package's __init__.py), or None if there is none."""
    path = REPO.joinpath(*module.split("."))
    for candidate in (path.with_suffix(".py"), path / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def imports_of(module: str, path: Path) -> set[str]:
    """Every module `path` imports anywhere in it, by absolute name; `from pkg import name` also
    names pkg.name when that is a module."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the package up
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names if module_file(f"{base}.{alias.name}"))
    return found


def hub_modules() -> list[str]:
    return sorted(".".join(p.relative_to(REPO).with_suffix("").parts).removesuffix(".__init__")
                  for p in (REPO / "hub").rglob("*.py"))


def walk(modules: list[str]) -> tuple[list[str] | None, set[str]]:
    """(the import chain from one of `modules` to a forbidden module, or None; every module reached)."""
    chains = {m: [m] for m in modules}
    queue = list(modules)
    while queue:
        module = queue.pop()
        path = module_file(module)
        if path is None:
            continue
        for imported in sorted(imports_of(module, path)):
            root = imported.split(".")[0]
            if root in FORBIDDEN:
                return [*chains[module], imported], set(chains)
            if root in FIRST_PARTY and imported not in chains:
                chains[imported] = [*chains[module], imported]
                queue.append(imported)
    return None, set(chains)


def test_no_module_of_the_hub_package_reaches_desktop_sqlcipher_or_qt():
    modules = hub_modules()
    assert {"hub", "hub.cli", "hub.plugin", "hub.usb_import", "hub.serve", "hub.database"} <= set(modules)
    chain, reached = walk(modules)
    assert chain is None, " -> ".join(chain)
    assert {"fundus.wire", "fundus.sealed", "fundus.audit_chain", "fundus.overlay"} <= reached  # followed


def test_the_check_finds_a_forbidden_import_behind_a_relative_one_inside_a_function(tmp_path, monkeypatch):
    package = tmp_path / "hub"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("def f():\n    from . import b\n")
    (package / "b.py").write_text("from fundus import wire\n\ndef g():\n    import sqlcipher3\n")
    monkeypatch.setattr(sys.modules[__name__], "REPO", tmp_path)
    assert walk(["hub.a"])[0] == ["hub.a", "hub.b", "sqlcipher3"]
