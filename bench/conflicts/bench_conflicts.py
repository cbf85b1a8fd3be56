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

from casedesk.core.conflicts import ConflictIndex, PartyKind  # noqa: E402
from casedesk.core.conflicts.conflict_index import _name_parts  # noqa: E402
from casedesk.core.conflicts.normalize import normalize_name  # noqa: E402

LIMIT = 50  # hits per name, as the web layer asks for (ConflictIndex.search default)


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
    parser.add_argument("--output", default="", help="JSON path (default results-<date>.json)")
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

    def outcome(query: BenchQuery, hits: list) -> str:  # type: ignore[type-arg]
        """'found' (source party returned), 'tied' (the source would be a hit, but at least
        `limit` returned hits score as high or higher: an ambiguous query) or 'missed'."""
        if any(hit.party.id == query.source_id for hit in hits):
            return "found"
        own = index.score_party(query.text, id_to_index[query.source_id], kind=query.kind)
        if own is not None and len(hits) >= LIMIT and hits[-1].score >= own.score:
            return "tied"
        return "missed"

    # Warm-up: one search loads the rule tables and the scorer's caches once per process.
    index.search("Warm Up", kind=PartyKind.PERSON)
    intake_ms: list[float] = []
    outcomes: list[str] = []
    misses: list[dict[str, object]] = []
    hits_total = 0
    for intake in intakes:
        started = time.perf_counter()
        results = [index.search(query.text, kind=query.kind, limit=LIMIT) for query in intake]
        intake_ms.append((time.perf_counter() - started) * 1000)
        for query, hits in zip(intake, results, strict=True):
            hits_total += len(hits)
            if query.source_id:
                outcomes.append(outcome(query, hits))
                if outcomes[-1] != "found":
                    own = index.score_party(
                        query.text, id_to_index[query.source_id], kind=query.kind
                    )
                    misses.append(
                        {
                            "query": query.text,
                            "variation": query.variation,
                            "source": parties[id_to_index[query.source_id]].name,
                            "outcome": outcomes[-1],
                            "source_score": own.score if own else None,
                            "lowest_returned_score": hits[-1].score if hits else None,
                        }
                    )
    index_recall = sum(o != "missed" for o in outcomes) / len(outcomes)
    index_recall_strict = outcomes.count("found") / len(outcomes)

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
    sample_outcomes = [
        outcome(query, index.search(query.text, kind=query.kind, limit=LIMIT)) for query in sourced
    ]
    sample_index_recall = sum(o != "missed" for o in sample_outcomes) / len(sourced)
    scores = sorted((true_score(query) for query in sourced), reverse=True)
    needed = max(1, int(round(sample_index_recall * len(scores))))
    cutoff = scores[needed - 1]  # highest cutoff keeping the same recall as the index
    brute_ms: list[float] = []
    brute_outcomes: list[str] = []
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
            if not query.source_id:
                continue
            # Same definition as the index: best score per party, top LIMIT parties.
            best: dict[str, float] = {}
            for _, score, position in output:
                party_id = parties[owners[position]].id
                best[party_id] = max(score, best.get(party_id, 0.0))
            ranked = sorted(best.items(), key=lambda item: -item[1])[:LIMIT]
            own_score = best.get(query.source_id)
            if any(party_id == query.source_id for party_id, _ in ranked):
                brute_outcomes.append("found")
            elif own_score is not None and len(ranked) >= LIMIT and ranked[-1][1] >= own_score:
                brute_outcomes.append("tied")
            else:
                brute_outcomes.append("missed")
    brute_recall = sum(o != "missed" for o in brute_outcomes) / len(sourced)
    brute_recall_strict = brute_outcomes.count("found") / len(sourced)

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
        "recall_definition": (
            "source party returned in the top LIMIT hits, or 'tied': it scores >= threshold "
            "(cutoff for brute force) and at least LIMIT returned hits score as high or higher"
        ),
        "limit": LIMIT,
        "index_recall": round(index_recall, 4),
        "index_recall_strict_top_limit": round(index_recall_strict, 4),
        "index_outcomes": {o: outcomes.count(o) for o in ("found", "tied", "missed")},
        "index_hits_per_name": round(hits_total / (len(intakes) * 3), 2),
        "brute_force_intakes": len(brute_intakes),
        "brute_force_scorer": "rapidfuzz.fuzz.token_sort_ratio over normalised names",
        "brute_force_cutoff": cutoff,
        "brute_force_intake_ms_p50": round(statistics.median(brute_ms), 1),
        "brute_force_recall": round(brute_recall, 4),
        "brute_force_recall_strict_top_limit": round(brute_recall_strict, 4),
        "index_recall_on_brute_force_sample": round(sample_index_recall, 4),
        "index_recall_strict_on_brute_force_sample": round(
            sample_outcomes.count("found") / len(sourced), 4
        ),
        "brute_force_hits_per_name": round(brute_hits / len(brute_queries), 1),
        "speedup_p50": round(statistics.median(brute_ms) / statistics.median(intake_ms), 1),
        "speedup_brute_p50_over_index_p95": round(
            statistics.median(brute_ms) / percentile(intake_ms, 0.95), 1
        ),
        "slowest_intakes": [
            {"ms": round(ms, 1), "names": [query.text for query in intake]}
            for ms, intake in sorted(zip(intake_ms, intakes, strict=True), key=lambda x: -x[0])[:5]
        ],
        "index_not_found": misses,
    }
    for key, value in summary.items():
        if key not in {"index_not_found", "slowest_intakes"}:
            print(f"{key:>36}: {value}")
    for slow in summary["slowest_intakes"]:
        print(f"  slow intake: {slow}")
    for miss in misses:
        print(f"  not in top {LIMIT}: {miss}")
    result_path = Path(args.output or Path(__file__).parent / f"results-{summary['date']}.json")
    result_path.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    print(f"written {result_path}")


if __name__ == "__main__":
    main()
