"""Recall and precision of the matcher on the labelled probe set (probes.csv)."""

from __future__ import annotations

from collections import Counter

from tests.core.conflicts.probe_evaluation import evaluate, format_table, load_probes

REQUIRED_CATEGORIES = {
    "exact",
    "case",
    "diacritics",
    "punctuation",
    "honorific-suffix",
    "corporate-form",
    "the-and",
    "name-order",
    "middle-initial",
    "nickname",
    "two-surname",
    "typo",
    "phonetic",
    "dba-alias",
    "non-latin",
    "person-organization",
    "look-alike",
}


def test_probe_set_is_big_enough() -> None:
    probes = load_probes()
    counts = Counter(probe.category for probe in probes)
    assert len(probes) >= 220
    assert counts["look-alike"] >= 40
    for category in REQUIRED_CATEGORIES:
        assert counts[category] >= 8, category


def test_recall_and_precision() -> None:
    recall, precision, tallies = evaluate()
    table = format_table(tallies)
    print(f"\n{table}\nrecall={recall:.3f} precision={precision:.3f}")
    assert recall >= 0.98 and precision >= 0.80, table
