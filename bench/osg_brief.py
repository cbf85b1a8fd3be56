"""Shared by the benchmarks that read briefs (cite-check, table of authorities): a brief of N
printed body pages stitched from the OSG Supreme Court briefs, and a median timer."""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
OSG = REPO / ".." / "shared" / "data" / "briefs" / "osg"


def build_brief(target: Path, pages: int) -> tuple[Path, list[str], int]:
    """The first ``pages`` printed body pages of the OSG briefs as one PDF, the briefs used and
    the characters of their text."""
    import pikepdf

    writer = pikepdf.Pdf.new()
    used: list[str] = []
    readers = []
    chars = 0
    index = json.loads((OSG / "index.json").read_text(encoding="utf-8"))
    for entry in index:
        folder = OSG / entry["id"]
        reader = pikepdf.Pdf.open(folder / "body.pdf")
        readers.append(reader)
        rows = [json.loads(line) for line in (folder / "body_pages.jsonl").open(encoding="utf-8")]
        taken = 0
        for number, row in enumerate(rows):
            if len(writer.pages) >= pages:
                break
            if row.get("printed_page") is None:
                continue
            writer.pages.append(reader.pages[number])
            chars += len(row["text"])
            taken += 1
        if taken:
            used.append(f"{entry['title']} ({taken} pages)")
        if len(writer.pages) >= pages:
            break
    writer.save(target)
    for reader in readers:
        reader.close()
    return target, used, chars


def median_time(fn: Callable[[], Any], runs: int) -> tuple[float, Any]:
    times: list[float] = []
    value: Any = None
    for _ in range(runs):
        start = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), value
