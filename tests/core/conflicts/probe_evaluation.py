"""Runs the labelled probes in probes.csv against probe_registry.csv and measures recall/precision."""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from casedesk.core.conflicts import ConflictIndex, PartyKind, load_registry_csv

HERE = Path(__file__).parent
REGISTRY_PATH = HERE / "probe_registry.csv"
PROBES_PATH = HERE / "probes.csv"


@dataclass(frozen=True, slots=True, kw_only=True)
class Probe:
    """One labelled query: the parties a conflicts analyst expects to see."""

    query: str
    kind: PartyKind | None
    expected: frozenset[str]
    category: str


@dataclass(slots=True)
class CategoryTally:
    """Counts for one variation category."""

    probes: int = 0
    expected: int = 0
    found: int = 0
    hits: int = 0
    good_hits: int = 0
    failures: list[str] = field(default_factory=list)


def load_probes() -> list[Probe]:
    """Read probes.csv (comment lines start with #)."""
    lines = [
        line
        for line in PROBES_PATH.read_text(encoding="utf-8").splitlines()
        if not line.startswith("#")
    ]
    probes = []
    for row in list(csv.DictReader(lines)):
        probes.append(
            Probe(
                query=row["query"],
                kind=PartyKind(row["kind"]) if row["kind"] else None,
                expected=frozenset(filter(None, row["expected"].split(";"))),
                category=row["category"],
            )
        )
    return probes


def evaluate() -> tuple[float, float, dict[str, CategoryTally]]:
    """Return overall recall, precision and the per-category tallies."""
    index = ConflictIndex.build(load_registry_csv(REGISTRY_PATH))
    tallies: dict[str, CategoryTally] = defaultdict(CategoryTally)
    for probe in load_probes():
        hits = index.search(probe.query, kind=probe.kind)
        hit_ids = [hit.party.id for hit in hits]
        tally = tallies[probe.category]
        tally.probes += 1
        tally.expected += len(probe.expected)
        tally.found += len(probe.expected & set(hit_ids))
        tally.hits += len(hit_ids)
        tally.good_hits += sum(1 for hit_id in hit_ids if hit_id in probe.expected)
        missing = probe.expected - set(hit_ids)
        extra = [
            f"{hit.party.id}({hit.score},{hit.rule})"
            for hit in hits
            if hit.party.id not in probe.expected
        ]
        if missing or extra:
            tally.failures.append(f"{probe.query!r}: missing {sorted(missing)} extra {extra}")
    expected = sum(t.expected for t in tallies.values())
    found = sum(t.found for t in tallies.values())
    hits = sum(t.hits for t in tallies.values())
    good = sum(t.good_hits for t in tallies.values())
    return found / expected, (good / hits if hits else 1.0), dict(tallies)


def format_table(tallies: dict[str, CategoryTally]) -> str:
    """Per-category table of probes, recall, precision and the failing probes."""
    lines = [f"{'category':<22}{'probes':>7}{'recall':>8}{'precision':>10}"]
    for name, tally in sorted(tallies.items()):
        recall = tally.found / tally.expected if tally.expected else 1.0
        precision = tally.good_hits / tally.hits if tally.hits else 1.0
        lines.append(f"{name:<22}{tally.probes:>7}{recall:>8.3f}{precision:>10.3f}")
        lines.extend(f"    {failure}" for failure in tally.failures)
    return "\n".join(lines)


if __name__ == "__main__":
    overall_recall, overall_precision, by_category = evaluate()
    print(format_table(by_category))
    print(f"recall={overall_recall:.3f} precision={overall_precision:.3f}")
