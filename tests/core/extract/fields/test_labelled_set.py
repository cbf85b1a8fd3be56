"""Precision and recall on the hand-labelled documents in bench/extract/labelled/.

The floors are what the extractor achieves, rounded down a little (never below 0.90 precision
and 0.85 recall). Documents 41-60 were written after the extractor as a held-out check; their
first, untuned measurement is recorded in bench/extract/labelled/README.md.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[4] / "bench" / "extract" / "bench_fields.py"
PRECISION_FLOOR = 0.97
RECALL_FLOOR = 0.97
KIND_FLOOR = 0.90


def _bench() -> object:
    spec = importlib.util.spec_from_file_location("bench_fields", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_fields"] = module
    spec.loader.exec_module(module)
    return module


def test_labelled_set_precision_and_recall() -> None:
    bench = _bench()
    texts, wanted = bench.load()  # type: ignore[attr-defined]
    assert len(texts) >= 36
    tp, fp, fn, misses = bench.score(texts, wanted)  # type: ignore[attr-defined]
    rows = {row["kind"]: row for row in bench.table(tp, fp, fn)}  # type: ignore[attr-defined]
    overall = rows["overall"]
    assert overall["precision"] >= PRECISION_FLOOR, misses
    assert overall["recall"] >= RECALL_FLOOR, misses
    for kind, row in rows.items():
        assert row["precision"] >= KIND_FLOOR and row["recall"] >= KIND_FLOOR, (kind, misses)
