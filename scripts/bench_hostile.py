"""Full-size hostile inputs (issue 9): for each, run `safegraph validate` in a fresh process
and print its exit code, wall time and peak memory. See scripts/bench-hostile.

The bombs are written to a temporary folder and removed afterwards. Nothing is asserted:
the figures go in docs/benchmarks.md; the tests check the same cases at small sizes.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_gaps import machine  # noqa: E402  (scripts/bench_gaps.py, beside this file)


def inflating_workbook(path: Path, mb: int, one_cell: bool) -> Path:
    """A workbook whose chronology sheet unpacks to about ``mb`` MB: empty rows, or one
    enormous cell, both of which deflate to almost nothing."""
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "review"
    for name in ("people", "relationships", "agencies", "chronology"):
        book.create_sheet(name)
    book.save(path)
    rebuilt = path.with_suffix(".tmp")
    chunk = b"<row><c t=\"inlineStr\"><is><t>" if one_cell else b""
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(rebuilt, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename != "xl/worksheets/sheet5.xml":
                target.writestr(item, source.read(item.filename))
                continue
            with target.open(item.filename, "w", force_zip64=True) as out:
                out.write(b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                          b'spreadsheetml/2006/main"><sheetData>' + chunk)
                block = (b"x" * 1024 * 1024) if one_cell else (b"<row/>" * 174_762)
                for _ in range(mb):
                    out.write(block)
                out.write((b"</t></is></c></row>" if one_cell else b"") + b"</sheetData></worksheet>")
    rebuilt.replace(path)
    return path


def laughs(path: Path, mapping: bool) -> Path:
    lines = ['a: &a {x: "lol"}' if mapping else 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[n]
        refs = ",".join([f"*{prev}"] * 9)
        lines.append(f"{name}: &{name} {{{','.join(f'k{i}: *{prev}' for i in range(9))}}}" if mapping
                     else f"{name}: &{name} [{refs}]")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def big_csv(folder: Path, mb: int) -> Path:
    folder.mkdir()
    (folder / "review.yaml").write_text("id: big\ntitle: Big\n", encoding="utf-8")
    (folder / "people.csv").write_text("id,name\namy,Amy\n", encoding="utf-8")
    (folder / "relationships.csv").write_text("person,relation,other\n", encoding="utf-8")
    (folder / "agencies.csv").write_text("id,name,type\npolice,Police,police\n", encoding="utf-8")
    row = "2020-01-01,police,incident,amy," + "x" * 200 + "\n"
    with open(folder / "chronology.csv", "w", encoding="utf-8") as out:
        out.write("date,agency,type,subjects,summary\n")
        for _ in range(mb * 1024 * 1024 // len(row)):
            out.write(row)
    return folder


def run(label: str, path: Path, *options: str) -> None:
    start = time.perf_counter()
    child = subprocess.run([sys.executable, "-c",
                            "import resource, sys\nfrom safegraph.cli import main\n"
                            "try:\n    main(sys.argv[1:])\nfinally:\n"
                            "    print('peak', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)",
                            "validate", str(path), *options], capture_output=True, text=True)
    took = time.perf_counter() - start
    peak = next((int(line.split()[1]) for line in child.stderr.splitlines() if line.startswith("peak")), 0)
    message = next((line for line in child.stderr.splitlines() if line and not line.startswith("peak")), "")
    print(f"{label:<44} exit {child.returncode}  {took:6.1f} s  peak {peak / 1024:7.0f} MB  {message[:90]}")


def main() -> None:
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        book = inflating_workbook(tmp / "rows.xlsx", 1900, one_cell=False)
        print(f"(workbook of empty rows: {book.stat().st_size / 1024 / 1024:.1f} MB on disk)")
        run("xlsx unpacking to 1.9 GB of empty rows", book)
        cell = inflating_workbook(tmp / "cell.xlsx", 2000, one_cell=True)
        print(f"(workbook with one 2 GB cell: {cell.stat().st_size / 1024 / 1024:.1f} MB on disk)")
        run("xlsx with one 2 GB cell", cell)
        run("billion laughs, lists (700 bytes)", laughs(tmp / "lists.yaml", mapping=False))
        run("billion laughs, mappings", laughs(tmp / "maps.yaml", mapping=True))
        deep = tmp / "deep.json"
        deep.write_text('{"review": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
        run("JSON nested 100,000 deep", deep)
        digits = tmp / "digits.json"
        digits.write_text('{"review": {"id": ' + "9" * 5000 + "}}", encoding="utf-8")
        run("JSON with a 5,000-digit integer", digits)
        folder = big_csv(tmp / "big", 200)
        run("200 MB chronology.csv (default limit)", folder)
        run("200 MB chronology.csv (--max-file-mb 300)", folder, "--max-file-mb", "300", "--max-rows", "2000000",
            "--max-entries", "2000000")


if __name__ == "__main__":
    main()
