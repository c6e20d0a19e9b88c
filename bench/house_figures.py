"""The house figures a closing note quotes, measured on `thidua/` as it is now.

    .venv/bin/python bench/house_figures.py

Prints one line a figure: longest function, largest module, modules over 500 lines, views
modules over 400, functions over 60, duplicate pairs outside migrations (the `duplicates`
command, when it is on PATH), the strict-mypy error count, and the coverage total when
`var/.coverage` from `make test` is present. Migrations are left out of every figure; like
`house-check.py`, demo data (`demo.py`, `catalogue.py`) is left out of the size limits.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "thidua"
DATA_MODULES = {"demo.py", "catalogue.py"}
MODULE_LIMIT, VIEWS_LIMIT, FUNCTION_LIMIT = 500, 400, 60


@dataclass(frozen=True)
class Sized:
    lines: int
    where: str

    def __str__(self) -> str:
        return f"{self.lines} lines  {self.where}"


def python_files() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts)


def is_views(path: Path) -> bool:
    return path.name == "views.py" or "views" in path.parent.parts[len(PACKAGE.parts) :]


def measure_code() -> tuple[list[Sized], list[Sized], list[Sized]]:
    """Functions, modules and views modules with their lengths, longest first."""
    functions: list[Sized] = []
    modules: list[Sized] = []
    views: list[Sized] = []
    for path in python_files():
        rel = path.relative_to(ROOT).as_posix()
        source = path.read_text(encoding="utf-8")
        if path.name in DATA_MODULES:
            continue
        size = Sized(len(source.splitlines()), rel)
        modules.append(size)
        if is_views(path):
            views.append(size)
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                functions.append(Sized(length, f"{rel}:{node.lineno} {node.name}"))
    return [sorted(items, key=lambda s: -s.lines) for items in (functions, modules, views)]


def duplicate_pairs() -> str:
    """Pairs the `duplicates` command finds in a copy of thidua/ without its migrations."""
    command = shutil.which("duplicates")
    if command is None:
        return "unavailable (no `duplicates` command on PATH)"
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "thidua"
        shutil.copytree(
            PACKAGE, copy, ignore=shutil.ignore_patterns("migrations", "__pycache__", "*.mo")
        )
        result = subprocess.run(  # noqa: S603 -- our own argument list
            [command, "--repo", str(copy), "--seconds", "300"],
            capture_output=True,
            text=True,
            check=False,
        )
    lines = result.stdout.splitlines()
    if not lines:
        return f"unavailable (duplicates printed nothing: {result.stderr.strip()[:200]})"
    summary = lines[0]
    incomplete = [line for line in lines if line.startswith("incomplete:")]
    match = re.match(r"(\d+) pairs", summary)
    count = match.group(1) if match else ("0" if summary.startswith("no duplicates") else "?")
    return f"{count}  ({summary}{'; ' + '; '.join(incomplete) if incomplete else ''})"


def strict_mypy_errors() -> str:
    mypy = ROOT / ".venv" / "bin" / "mypy"
    if not mypy.exists():
        return "unavailable (no .venv/bin/mypy: run `make sync-dev`)"
    result = subprocess.run(  # noqa: S603 -- our own argument list
        [str(mypy), "--strict", "thidua"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    tail = (result.stdout.strip().splitlines() or [result.stderr.strip()])[-1]
    match = re.match(r"Found (\d+) errors? in (\d+) files?", tail)
    if match:
        return f"{match.group(1)}  (in {match.group(2)} files)"
    if tail.startswith("Success"):
        return "0"
    return f"? ({tail[:200]})"


def coverage_total() -> str:
    data_file = ROOT / "var" / ".coverage"  # [tool.coverage.run] data_file in pyproject.toml
    if not data_file.exists():
        return f"unavailable (no {data_file.relative_to(ROOT)}: run `make test` first)"
    result = subprocess.run(
        [sys.executable, "-m", "coverage", "report", "--format=total"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    total = result.stdout.strip()
    if not total:
        return f"unavailable ({result.stderr.strip()[:200]})"
    return f"{total}%  (branch coverage of thidua/ from the last `make test`)"


def main() -> None:
    functions, modules, views = measure_code()
    over = [f for f in functions if f.lines > FUNCTION_LIMIT]
    big = [m for m in modules if m.lines > MODULE_LIMIT]
    big_views = [v for v in views if v.lines > VIEWS_LIMIT]
    print(f"house figures of {PACKAGE.relative_to(ROOT)}/ (migrations left out)")
    print(f"longest function: {functions[0]}")
    print(f"largest module: {modules[0]}")
    print(f"modules > {MODULE_LIMIT} lines: {len(big)}  {[str(m) for m in big]}")
    print(f"views modules > {VIEWS_LIMIT} lines: {len(big_views)}  {[str(v) for v in big_views]}")
    print(f"functions > {FUNCTION_LIMIT} lines: {len(over)}")
    for function in over:
        print(f"    {function}")
    print(f"duplicate pairs outside migrations: {duplicate_pairs()}")
    print(f"strict-mypy errors: {strict_mypy_errors()}")
    print(f"coverage: {coverage_total()}")


if __name__ == "__main__":
    main()
