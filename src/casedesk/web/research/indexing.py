"""Keeping the case-law index (Tantivy, ``CASEDESK_INDEX_DIR/caselaw``) in step with the library.

The database is the record; the index is derived from it and can be rebuilt
(:func:`reindex_all`). Writes happen in the worker and the CLI (imports); pages only search.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone

from casedesk.web.research.models import CitationRef, Opinion, OpinionCitation, cited_norms

BATCH = 200


def index_path() -> Path:
    """The folder of the case-law index."""
    return Path(settings.CASEDESK_INDEX_DIR) / "caselaw"


def caselaw_index(path: Path | None = None) -> Any:
    """Open the case-law index; an index of an older layout is discarded (rebuild it)."""
    from casedesk.core.citations import normalize_citation
    from casedesk.core.search.caselaw import CaseLawIndex, SchemaChanged

    target = path or index_path()
    try:
        return CaseLawIndex(target, normalize_citation=normalize_citation)
    except SchemaChanged:
        shutil.rmtree(target, ignore_errors=True)
        return CaseLawIndex(target, normalize_citation=normalize_citation)


def indexed_forms(opinions: Sequence[Opinion]) -> list[Any]:
    """What the index holds for these opinions (their own and their cited citations)."""
    from casedesk.core.search.caselaw import IndexedOpinion

    ids = [o.pk for o in opinions]
    own: dict[int, list[str]] = {i: [] for i in ids}
    for opinion_id, norm in OpinionCitation.objects.filter(opinion_id__in=ids).values_list(
        "opinion_id", "normalized"
    ):
        own[opinion_id].append(norm)
    refs: dict[int, list[tuple[str, str]]] = {i: [] for i in ids}
    for opinion_id, norm, kind in CitationRef.objects.filter(citing_id__in=ids).values_list(
        "citing_id", "normalized", "kind"
    ):
        refs[opinion_id].append((norm, kind))
    cites = {i: cited_norms(pairs) for i, pairs in refs.items()}
    return [
        IndexedOpinion(
            id=o.source_id,
            case_name=o.case_name,
            court=o.court,
            date_filed=o.date_filed,
            text=o.text,
            cites=tuple(sorted(cites[o.pk])),
            own=tuple(own[o.pk]),
            cited_by_count=o.cited_by_count,
        )
        for o in opinions
    ]


def index_opinions(ids: Iterable[int], index: Any | None = None) -> int:
    """Bring the index up to date for these opinions (by primary key); returns how many."""
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return 0
    index = index or caselaw_index()
    done = 0
    for start in range(0, len(wanted), BATCH):
        rows = list(Opinion.objects.filter(pk__in=wanted[start : start + BATCH]))
        if not rows:
            continue
        index.add(indexed_forms(rows))  # replaces the same ids
        Opinion.objects.filter(pk__in=[o.pk for o in rows]).update(indexed_at=timezone.now())
        done += len(rows)
    return done


def index_pending(index: Any | None = None) -> int:
    """Index every opinion not indexed yet (after an index write failed, say)."""
    ids = list(
        Opinion.objects.filter(indexed_at__isnull=True).order_by("pk").values_list("pk", flat=True)
    )
    return index_opinions(ids, index) if ids else 0


def reindex_all(progress: Callable[[int, int], None] | None = None) -> int:
    """Rebuild the index from the library beside the live one, then swap it in."""
    live = index_path()
    fresh = live.with_name(live.name + ".rebuild")
    shutil.rmtree(fresh, ignore_errors=True)
    index = caselaw_index(fresh)
    ids = list(Opinion.objects.order_by("pk").values_list("pk", flat=True))
    done = 0
    for start in range(0, len(ids), BATCH):
        done += index_opinions(ids[start : start + BATCH], index)
        if progress:
            progress(min(start + BATCH, len(ids)), len(ids))
    del index
    old = live.with_name(live.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if live.exists():
        live.rename(old)
    fresh.rename(live)
    shutil.rmtree(old, ignore_errors=True)
    return done
