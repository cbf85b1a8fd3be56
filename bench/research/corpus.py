"""A synthetic case-law corpus for the search benchmarks, assembled from the real opinions.

The 550 real opinions in ``../shared/data/caselaw`` are cut into paragraphs (about 60,000 of
them). Synthetic opinion ``n`` is ``PARAGRAPHS_PER_OPINION`` paragraphs drawn with
``random.Random(seed + n)``, a case name made of two party names drawn from the real
Supreme Court case names, a court drawn from a fixed list, a filing year drawn uniformly from
1950–2025, and the citations eyecite found in its paragraphs (so ``cites:`` queries have
something to hit). The same ``n`` and seed always give the same opinion, so the Tantivy index
and the SQLite FTS5 baseline see exactly the same documents.
"""

from __future__ import annotations

import json
import random
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "caselaw"
PARAGRAPHS_PER_OPINION = 4
COURTS = ("nm", "nmctapp", "scotus", "ca9", "cal", "ny", "tex", "ca2", "ca5", "dcd")


@dataclass(frozen=True)
class SyntheticOpinion:
    id: str
    case_name: str
    court: str
    year: int
    text: str
    cites: tuple[str, ...]


CACHE = Path(tempfile.gettempdir()) / "casedesk-bench-caselaw-pool.json"


@cache
def _pool() -> tuple[list[str], list[tuple[str, ...]], list[str]]:
    """Paragraphs, the normalised citations in each, and party names from real case names.

    Kept in a temp file between runs (eyecite over 17 million characters takes minutes).
    """
    from casedesk.core.citations import extract_citations

    if CACHE.exists():
        cached = json.loads(CACHE.read_text(encoding="utf-8"))
        return cached["paragraphs"], [tuple(c) for c in cached["cites"]], cached["parties"]
    if not DATA.exists():
        raise SystemExit(f"{DATA} is absent: the corpus is built from the real opinions there")
    paragraphs: list[str] = []
    parties: list[str] = []
    for name in ("scotus-50.jsonl", "nm-appellate-500.jsonl"):
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", " ", record["text"])
            # NM texts mark paragraphs {1}, {2}…; the Supreme Court texts use blank lines.
            for part in re.split(r"\n\s*\n|\{\d+\}", text):
                part = " ".join(part.split())
                if 200 <= len(part) <= 4000:
                    paragraphs.append(part)
            if record.get("case_name"):
                parties += [p.strip() for p in re.split(r"\bv\.", record["case_name"]) if p.strip()]
    cites = [
        tuple(c.normalized for c in extract_citations(p) if c.kind == "full" and c.normalized)
        for p in paragraphs
    ]
    parties = parties or ["Smith", "Jones"]
    CACHE.write_text(
        json.dumps({"paragraphs": paragraphs, "cites": cites, "parties": parties}),
        encoding="utf-8",
    )
    return paragraphs, cites, parties


def opinions(count: int, *, seed: int = 11) -> Iterator[SyntheticOpinion]:
    """``count`` synthetic opinions, deterministic for ``seed``."""
    paragraphs, cites, parties = _pool()
    for n in range(count):
        rng = random.Random(seed * 1_000_003 + n)
        picks = [rng.randrange(len(paragraphs)) for _ in range(PARAGRAPHS_PER_OPINION)]
        yield SyntheticOpinion(
            id=f"syn-{n}",
            case_name=f"{rng.choice(parties)} v. {rng.choice(parties)}",
            court=rng.choice(COURTS),
            year=rng.randint(1950, 2025),
            text="\n\n".join(paragraphs[i] for i in picks),
            cites=tuple(dict.fromkeys(c for i in picks for c in cites[i])),
        )


def pool_stats() -> dict[str, int]:
    paragraphs, cites, parties = _pool()
    return {
        "paragraphs": len(paragraphs),
        "paragraph_chars": sum(map(len, paragraphs)),
        "citations": sum(map(len, cites)),
        "party_names": len(parties),
    }
