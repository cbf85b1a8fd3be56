"""The library as ``core.citations`` sees it: a :class:`CitationLibrary` over the ORM."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from casedesk.web.research.models import OpinionCitation


class OrmCitationLibrary:
    """Look citations up in the firm's library with one batched query per call."""

    def lookup(self, normalized: Sequence[str]) -> Mapping[str, Sequence[Any]]:
        from casedesk.core.citations import LibraryOpinion

        wanted = list(dict.fromkeys(n for n in normalized if n))
        out: dict[str, list[Any]] = {n: [] for n in wanted}
        if not wanted:
            return out
        rows = (
            OpinionCitation.objects.filter(normalized__in=wanted)
            .select_related("opinion")
            .only(
                "normalized",
                "opinion__source_id",
                "opinion__case_name",
                "opinion__year",
                "opinion__own_citations",
            )
            .order_by("opinion_id")
        )
        for row in rows:
            o = row.opinion
            out[row.normalized].append(
                LibraryOpinion(
                    id=o.source_id,
                    case_name=o.case_name,
                    year=o.year,
                    citations=tuple(str(c) for c in o.own_citations or ()),
                )
            )
        return out
