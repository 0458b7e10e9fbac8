"""The code's structure, read from the source (AST): who imports what (docs/ARCHITECTURE.md's
table), and that only the store package writes to the laptop's database."""
from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
OUTSIDE = ("bench", "scripts", "docs", "tests")  # may import the packages, never imported by them
PACKAGES = sorted(p.name for p in REPO.iterdir() if (p / "__init__.py").is_file() and p.name not in OUTSIDE)

# ---------------------------------------------------------------- SQL writes

STORE_PACKAGE = "desktop/store/"
# Hub-side code writes the hub's own plain database (Datasette's), not the laptop's: by path,
# and the USB import's writer while it still lives in the laptop's sync_export.py.
HUB_SIDE = ("desktop/hub.py", "desktop/hub_cli.py", "hub_review/", "hub/")
HUB_SIDE_FUNCTIONS = {("desktop/sync_export.py", "_upsert")}
WRITE_SQL = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.I)
SQLITE_UTILS_WRITES = {"insert", "insert_all", "upsert", "upsert_all", "update", "delete", "delete_where", "lookup"}


def sources(*roots: str) -> list[Path]:
    return sorted(p for root in roots for p in (REPO / root).rglob("*.py"))


def relative(path: Path) -> str:
    return path.relative_to(REPO).as_posix()


def sql_text(node: ast.AST) -> str | None:
    """The SQL a string expression spells, with '?' for what is filled in at run time."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "?" for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = sql_text(node.left), sql_text(node.right)
        return None if left is None and right is None else (left or "?") + (right or "?")
    return None


def is_database(node: ast.AST) -> bool:
    """`db` or `<anything>.db`: how the code names a sqlite_utils.Database."""
    return (isinstance(node, ast.Name) and node.id == "db") or (isinstance(node, ast.Attribute) and node.attr == "db")


def sql_writes(tree: ast.AST) -> list[tuple[int, str, str]]:
    """(line, enclosing function, what) of every SQL write: INSERT/UPDATE/DELETE/REPLACE through
    execute/executemany, or a sqlite-utils table's insert/upsert/update/delete."""
    found = []

    def visit(node: ast.AST, function: str) -> None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            function = node.name
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            attr, receiver = node.func.attr, node.func.value
            if attr in ("execute", "executemany") and node.args:
                text = sql_text(node.args[0])
                if text and WRITE_SQL.match(text):
                    found.append((node.lineno, function, text.split()[0].upper()))
            elif attr in SQLITE_UTILS_WRITES and (
                    (isinstance(receiver, ast.Subscript) and is_database(receiver.value))
                    or (isinstance(receiver, ast.Call) and isinstance(receiver.func, ast.Attribute)
                        and receiver.func.attr == "table" and is_database(receiver.func.value))):
                found.append((node.lineno, function, f"sqlite-utils {attr}"))
        for child in ast.iter_child_nodes(node):
            visit(child, function)

    visit(tree, "")
    return found


def test_only_the_store_package_writes_to_the_laptop_database():
    outside = []
    for path in sources(*PACKAGES):
        name = relative(path)
        if name.startswith(STORE_PACKAGE) or name.startswith(HUB_SIDE):
            continue
        outside += [f"{name}:{line} {what} in {function or 'module'}()"
                    for line, function, what in sql_writes(ast.parse(path.read_text(encoding="utf-8")))
                    if (name, function) not in HUB_SIDE_FUNCTIONS]
    assert outside == [], "write through a Store method that records its audit event:\n" + "\n".join(outside)


def test_the_write_finder_finds_writes():
    """The check above can fail: it finds the store's own writes, of every kind it looks for."""
    kinds = {what for path in sources(STORE_PACKAGE)
             for _, _, what in sql_writes(ast.parse(path.read_text(encoding="utf-8")))}
    assert {"INSERT", "UPDATE", "DELETE", "sqlite-utils insert"} <= kinds
    sample = ast.parse('store.db.execute(f"UPDATE [{t}] SET x = 1")\nconn.executemany("replace into t values (?)", r)\n'
                       'store.db["users"].update("id", {})\nstore.db.table("t").upsert({})\n'
                       'counts["a"].update(b)\nstore.db.execute("SELECT 1")\n')
    assert [what for _, _, what in sql_writes(sample)] == ["UPDATE", "REPLACE", "sqlite-utils update",
                                                           "sqlite-utils upsert"]


# ---------------------------------------------------------------- docs/ARCHITECTURE.md's import table


def import_table() -> list[dict]:
    """The rows of the table: package folder, {name: files it is limited to (empty: any)}, never."""
    text = (REPO / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    section = text.split("## Packages and who may import what", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 3 or not cells[0].startswith("`"):
            continue
        rows.append({"package": re.match(r"`([^`]+)`", cells[0])[1].rstrip("/"),
                     "may": parse_names(cells[1]), "never": set(parse_names(cells[2]))})
    return rows


def parse_names(cell: str) -> dict[str, set[str]]:
    """'`a`, `b` and `c` (`x.py`, `dir/`: why), `d`' -> {a: {}, b: {x.py, dir/}, c: {x.py, dir/}, d: {}}:
    the files in parentheses limit the names before them in the same comma-separated item."""
    names: dict[str, set[str]] = {}
    depth, item = 0, ""
    for char in cell + ",":
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            outside = re.sub(r"\([^)]*\)", "", item)
            files = {f for inner in re.findall(r"\(([^)]*)\)", item) for f in re.findall(r"`([^`]+)`", inner)}
            for name in re.findall(r"`([^`]+)`", outside):
                names[name] = files
            item = ""
        else:
            item += char
    return names


def imports(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, module) of every absolute import, at module level or inside functions."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            found.append((node.lineno, node.module))
    return found


def owner(module: str, packages: list[str]) -> str | None:
    """The row (package, in dotted form) a module of ours belongs to: the longest that contains it."""
    matches = [p for p in packages if module == p.replace("/", ".") or module.startswith(p.replace("/", ".") + ".")]
    return max(matches, key=len) if matches else None


TABLE = import_table()


def test_the_table_names_every_package():
    assert {row["package"] for row in TABLE} >= {*PACKAGES, "desktop/ui"} >= {"fundus", "desktop", "training"}
    assert all(row["may"] and row["never"] for row in TABLE)


@pytest.mark.parametrize("row", TABLE, ids=[row["package"] for row in TABLE])
def test_imports_follow_the_architecture_table(row):
    packages = [r["package"] for r in TABLE]
    broken = []
    for path in sources(row["package"]):
        if owner(".".join(path.relative_to(REPO).with_suffix("").parts), packages) != row["package"]:
            continue  # a more specific row's file (desktop/ui under desktop)
        inside = path.relative_to(REPO / row["package"]).as_posix()
        for line, module in imports(ast.parse(path.read_text(encoding="utf-8"))):
            root = module.split(".")[0]
            ours = owner(module, packages)
            if ours == row["package"] or (ours is None and root in sys.stdlib_module_names):
                continue
            where = f"{row['package']}/{inside}:{line} imports {module}"
            if any(module == n or module.startswith(n + ".") for n in row["never"]):
                broken.append(f"{where}, which the table says it never imports")
                continue
            name = ours.replace("/", ".") if ours else root
            if root in OUTSIDE and ours is None:
                broken.append(f"{where}: packages never import {root}/")
            elif name not in row["may"]:
                broken.append(f"{where}, which is not in the table's 'may import'")
            elif row["may"][name] and not any(inside == f or (f.endswith("/") and inside.startswith(f))
                                              for f in row["may"][name]):
                broken.append(f"{where}; the table allows {name} only in {sorted(row['may'][name])}")
    assert broken == [], "\n".join(broken)


def test_the_table_parser_reads_limits():
    assert parse_names("`numpy`, `a` and `b` (`x.py`, `dir/`: why), `c` (lazily)") == {
        "numpy": set(), "a": {"x.py", "dir/"}, "b": {"x.py", "dir/"}, "c": set()}
