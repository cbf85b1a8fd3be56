"""Benchmark: precision and recall of ``casedesk.core.extract.fields.find_fields``.

Run:  cd /work/main && .venv/bin/python bench/extract/bench_fields.py [--runs 5] [--misses]

Reads the hand-labelled documents in ``bench/extract/labelled/`` (see its README for the
labelling conventions) and compares what ``find_fields`` proposes with ``labels.json``. A found
field is correct when its kind and value match a label of the same document (party names
compare case- and punctuation-insensitively, everything else exactly); each label matches at
most once. Prints precision, recall and F1 per kind and overall, then timing:

* the one-time courts-db load (its JSON and ~6,000 regexes), measured in a fresh process;
* documents per second over the whole set, median of ``--runs`` runs, with court-name lookups
  cold (cache cleared before each run) and warm (cached, the steady state of a worker).

``--misses`` lists every false positive and false negative by document.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from casedesk.core.extract.fields import FieldKind, find_fields  # noqa: E402
from casedesk.core.extract.fields.courts import clear_lookup_cache, courts_db_data  # noqa: E402

LABELLED = Path(__file__).resolve().parent / "labelled"
KINDS = [k.value for k in FieldKind]


def key(kind: str, value: str) -> tuple[str, str]:
    """How a value is compared: parties without case and punctuation, the rest exactly."""
    if kind == "party":
        return kind, re.sub(r"[\W_]+", " ", value.casefold()).strip()
    return kind, value


def load() -> tuple[dict[str, str], dict[str, list[tuple[str, str]]]]:
    labels = json.loads((LABELLED / "labels.json").read_text(encoding="utf-8"))
    texts = {name: (LABELLED / name).read_text(encoding="utf-8") for name in sorted(labels)}
    wanted = {name: [(f["kind"], f["value"]) for f in fields] for name, fields in labels.items()}
    return texts, wanted


def score(
    texts: dict[str, str], wanted: dict[str, list[tuple[str, str]]]
) -> tuple[Counter[str], Counter[str], Counter[str], dict[str, tuple[list[str], list[str]]]]:
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    misses: dict[str, tuple[list[str], list[str]]] = {}
    for name, text in texts.items():
        remaining = Counter(key(k, v) for k, v in wanted[name])
        extra: list[str] = []
        for field in find_fields(text):
            k = key(field.kind.value, field.value)
            if remaining[k] > 0:
                remaining[k] -= 1
                tp[field.kind.value] += 1
            else:
                fp[field.kind.value] += 1
                extra.append(f"{field.kind.value}={field.value!r}  <- {field.text[:90]!r}")
        missing = [f"{k}={v!r}" for (k, v), n in remaining.items() for _ in range(n)]
        for (k, _), n in remaining.items():
            fn[k] += n
        if extra or missing:
            misses[name] = (extra, missing)
    return tp, fp, fn, misses


def ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def table(tp: Counter[str], fp: Counter[str], fn: Counter[str]) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for kind in [*KINDS, "overall"]:
        t = sum(tp.values()) if kind == "overall" else tp[kind]
        f = sum(fp.values()) if kind == "overall" else fp[kind]
        n = sum(fn.values()) if kind == "overall" else fn[kind]
        p, r = ratio(t, t + f), ratio(t, t + n)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        rows.append({"kind": kind, "labels": t + n, "found": t + f, "correct": t,
                     "precision": p, "recall": r, "f1": f1})  # fmt: skip
    return rows


def courts_db_load_seconds() -> float:
    code = (
        "import time; t = time.perf_counter();"
        "from casedesk.core.extract.fields.courts import courts_db_data; courts_db_data();"
        "print(time.perf_counter() - t)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True,
        env={"PYTHONPATH": str(ROOT / "src")},
    )  # fmt: skip
    return float(out.stdout.strip())


def docs_per_second(texts: dict[str, str], runs: int, *, cold: bool) -> float:
    rates = []
    for _ in range(runs):
        if cold:
            clear_lookup_cache()
        start = time.perf_counter()
        for text in texts.values():
            find_fields(text)
        rates.append(len(texts) / (time.perf_counter() - start))
    return statistics.median(rates)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--misses", action="store_true", help="list every miss by document")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()

    texts, wanted = load()
    courts_db_data()
    tp, fp, fn, misses = score(texts, wanted)
    rows = table(tp, fp, fn)
    print(f"{len(texts)} documents, {sum(len(v) for v in wanted.values())} labelled fields\n")
    print(
        f"{'kind':<12} {'labels':>6} {'found':>6} {'correct':>7} {'precision':>9} {'recall':>7} {'F1':>6}"
    )
    for row in rows:
        print(f"{row['kind']:<12} {row['labels']:>6} {row['found']:>6} {row['correct']:>7} "
              f"{row['precision']:>9.3f} {row['recall']:>7.3f} {row['f1']:>6.3f}")  # fmt: skip

    print("\nby batch (documents 41-60 were written after the extractor; see labelled/README.md):")
    for label, lo, hi in (("01-40", 1, 40), ("41-60", 41, 60)):
        part = {k: v for k, v in texts.items() if lo <= int(k[:2]) <= hi}
        row = table(*score(part, wanted)[:3])[-1]
        print(f"  {label}: {len(part)} documents, precision {row['precision']:.3f}, "
              f"recall {row['recall']:.3f}")  # fmt: skip

    load_s = courts_db_load_seconds()
    cold = docs_per_second(texts, args.runs, cold=True)
    warm = docs_per_second(texts, args.runs, cold=False)
    print(f"\ncourts-db load (once per process): {load_s:.2f} s")
    print(f"documents/s, median of {args.runs} runs: {cold:.1f} (court lookups cold), "
          f"{warm:.1f} (warm)")  # fmt: skip

    if args.misses:
        for name, (extra, missing) in misses.items():
            print(f"\n{name}")
            for line in extra:
                print(f"  + {line}")
            for line in missing:
                print(f"  - {line}")
    if args.json:
        figures = {"rows": rows, "courts_db_load_s": load_s, "docs_per_s_cold": cold,
                   "docs_per_s_warm": warm, "runs": args.runs, "documents": len(texts)}  # fmt: skip
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
