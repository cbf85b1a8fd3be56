"""Benchmark: conflict-check latency of ConflictIndex vs brute-force rapidfuzz over N parties.

Run:  cd /work/main && .venv/bin/python bench/conflicts/bench_conflicts.py [--parties N]
Writes bench/conflicts/results-<date>.json and prints a summary.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import json
import platform
import resource
import statistics
import sys
import time
from pathlib import Path

from rapidfuzz import fuzz, process

sys.path.insert(0, str(Path(__file__).parent))

from synthetic_registry import BenchQuery, RegistryGenerator  # noqa: E402

from casedesk.core.conflicts import ConflictIndex  # noqa: E402
from casedesk.core.conflicts.conflict_index import _name_parts  # noqa: E402
from casedesk.core.conflicts.normalize import normalize_name  # noqa: E402


def rss_mb() -> float:
    """Current resident set size in MiB (Linux /proc)."""
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * resource.getpagesize() / 2**20


def peak_rss_mb() -> float:
    """Peak resident set size of this process in MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def brute_force_choices(parties: list) -> tuple[list[str], list[int]]:  # type: ignore[type-arg]
    """Normalised key of every name and alias, with the party index it belongs to."""
    keys: list[str] = []
    owners: list[int] = []
    for index, party in enumerate(parties):
        for name in (party.name, *party.aliases):
            for text, kind, _ in _name_parts(name, party.kind):
                keys.append(normalize_name.__wrapped__(text, kind).key)
                owners.append(index)
    return keys, owners


def main() -> None:
    """Generate, build, query, compare; print and save the results."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--parties", type=int, default=1_000_000)
    parser.add_argument("--intakes", type=int, default=200)
    parser.add_argument("--brute-intakes", type=int, default=10)
    parser.add_argument("--seed", type=int, default=20250101)
    args = parser.parse_args()

    generator = RegistryGenerator(args.seed)
    started = time.perf_counter()
    parties = generator.registry(args.parties)
    generate_seconds = time.perf_counter() - started
    intakes = generator.intakes(parties, args.intakes)
    gc.collect()
    rss_before = rss_mb()

    started = time.perf_counter()
    index = ConflictIndex.build(parties)
    build_seconds = time.perf_counter() - started
    gc.collect()
    rss_after = rss_mb()
    print(
        f"generated {len(parties):,} parties in {generate_seconds:.1f}s; built index in {build_seconds:.1f}s; "
        f"index RSS +{rss_after - rss_before:.0f} MiB (total {rss_after:.0f} MiB)",
        flush=True,
    )

    id_to_index = {party.id: position for position, party in enumerate(parties)}
    intake_ms: list[float] = []
    found = expected = 0
    hits_total = 0
    for intake in intakes:
        started = time.perf_counter()
        results = [index.search(query.text, kind=query.kind) for query in intake]
        intake_ms.append((time.perf_counter() - started) * 1000)
        for query, hits in zip(intake, results, strict=True):
            hits_total += len(hits)
            if query.source_id:
                expected += 1
                found += any(hit.party.id == query.source_id for hit in hits)
    index_recall = found / expected

    # Brute force on a subset of intakes: every registry name scored by rapidfuzz.
    keys, owners = brute_force_choices(parties)
    brute_intakes = intakes[: args.brute_intakes]
    brute_queries = [query for intake in brute_intakes for query in intake]

    def true_score(query: BenchQuery) -> float:
        q_key = normalize_name(query.text, query.kind).key
        party = parties[id_to_index[query.source_id]]
        return max(
            fuzz.token_sort_ratio(q_key, normalize_name(text, kind).key)
            for name in (party.name, *party.aliases)
            for text, kind, _ in _name_parts(name, party.kind)
        )

    sourced = [query for query in brute_queries if query.source_id]
    index_found_on_sample = sum(
        any(hit.party.id == query.source_id for hit in index.search(query.text, kind=query.kind))
        for query in sourced
    )
    sample_index_recall = index_found_on_sample / len(sourced)
    scores = sorted((true_score(query) for query in sourced), reverse=True)
    needed = max(1, int(round(sample_index_recall * len(scores))))
    cutoff = scores[needed - 1]  # highest cutoff keeping the same recall as the index
    brute_ms: list[float] = []
    brute_found = 0
    brute_hits = 0
    for intake in brute_intakes:
        started = time.perf_counter()
        outputs = [
            process.extract(
                normalize_name(query.text, query.kind).key,
                keys,
                scorer=fuzz.token_sort_ratio,
                processor=None,
                score_cutoff=cutoff,
                limit=None,
            )
            for query in intake
        ]
        brute_ms.append((time.perf_counter() - started) * 1000)
        for query, output in zip(intake, outputs, strict=True):
            brute_hits += len(output)
            if query.source_id:
                brute_found += any(
                    parties[owners[position]].id == query.source_id for _, _, position in output
                )
    brute_recall = brute_found / len(sourced)

    summary = {
        "date": datetime.date.today().isoformat(),
        "machine": " ".join(platform.uname()),
        "python": platform.python_version(),
        "command": "cd /work/main && .venv/bin/python bench/conflicts/bench_conflicts.py "
        + " ".join(sys.argv[1:]),
        "parties": len(parties),
        "indexed_names": len(keys),
        "seed": args.seed,
        "build_seconds": round(build_seconds, 1),
        "index_rss_mib": round(rss_after - rss_before, 1),
        "process_rss_mib_after_build": round(rss_after, 1),
        "peak_rss_mib": round(peak_rss_mb(), 1),
        "intakes": len(intakes),
        "names_per_intake": 3,
        "index_intake_ms_p50": round(statistics.median(intake_ms), 2),
        "index_intake_ms_p95": round(percentile(intake_ms, 0.95), 2),
        "index_intake_ms_max": round(max(intake_ms), 2),
        "index_recall": round(index_recall, 4),
        "index_hits_per_name": round(hits_total / (len(intakes) * 3), 2),
        "brute_force_intakes": len(brute_intakes),
        "brute_force_scorer": "rapidfuzz.fuzz.token_sort_ratio over normalised names",
        "brute_force_cutoff": cutoff,
        "brute_force_intake_ms_p50": round(statistics.median(brute_ms), 1),
        "brute_force_recall": round(brute_recall, 4),
        "index_recall_on_brute_force_sample": round(sample_index_recall, 4),
        "brute_force_hits_per_name": round(brute_hits / len(brute_queries), 1),
        "speedup_p50": round(statistics.median(brute_ms) / statistics.median(intake_ms), 1),
    }
    for key, value in summary.items():
        print(f"{key:>36}: {value}")
    output = Path(__file__).parent / f"results-{summary['date']}.json"
    output.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    print(f"written {output}")


if __name__ == "__main__":
    main()
