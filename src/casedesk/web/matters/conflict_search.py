"""The ad-hoc conflict search: check names against everyone the firm knows, without a matter.

Nothing is saved but the audit entry ("conflict-search"). Hits in matters hidden from the
searcher (walls, restricted matters) come back redacted: no name, matter number or reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from casedesk.core.conflicts import PartyKind
from casedesk.web.access import AccessDenied, hidden_matter_ids
from casedesk.web.accounts.models import User
from casedesk.web.audit.services import audit_record
from casedesk.web.errors import ServiceError, clean_name
from casedesk.web.matters.adapters import build_index
from casedesk.web.matters.selectors import role_words

MAX_NAMES = 50
KINDS = ("auto", "person", "organization")


@dataclass(frozen=True, slots=True)
class AdhocHit:
    """One possible conflict, as the searcher may see it (``redacted``: nothing identifying)."""

    redacted: bool
    name: str = ""
    matched_name: str = ""
    role: str = ""
    matter_id: int | None = None
    matter_number: str = ""
    matter_status: str = ""
    score: int = 0
    reason: str = ""


@dataclass(frozen=True, slots=True)
class AdhocResult:
    """The hits for one name searched, best first."""

    query: str
    hits: list[AdhocHit] = field(default_factory=list)


def parse_names(text: str) -> list[str]:
    """One name per line: cleaned, de-duplicated, refused when empty, too long or too many."""
    names: list[str] = []
    seen: set[str] = set()
    for line_no, line in enumerate(str(text or "").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            name = clean_name(line)
        except ServiceError as exc:
            raise ServiceError(
                f"Line {line_no}: {exc.message} Shorten or correct it and search again.",
                field="names",
            ) from exc
        if name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
    if not names:
        raise ServiceError("Type at least one name to check, one per line.", field="names")
    if len(names) > MAX_NAMES:
        raise ServiceError(
            f"That is {len(names)} names; check at most {MAX_NAMES} at a time.", field="names"
        )
    return names


def conflict_search_adhoc(*, by: User, names: list[str], kind: str = "auto") -> list[AdhocResult]:
    """Search the whole firm for each name; audit the search; redact what ``by`` may not see."""
    if not getattr(by, "is_authenticated", False) or not by.is_active:
        raise AccessDenied("Sign in to search for conflicts.")
    if kind not in KINDS:
        raise ServiceError("Choose person, organization, or let casedesk guess.", field="kind")
    cleaned = parse_names("\n".join(names))
    party_kind = None if kind == "auto" else PartyKind(kind)
    index, links = build_index()
    hidden = hidden_matter_ids(by)
    results: list[AdhocResult] = []
    for name in cleaned:
        try:
            found = index.search(name, kind=party_kind)
        except ValueError as exc:
            raise ServiceError(f"{name[:60]}: {exc}", field="names") from exc
        hits: list[AdhocHit] = []
        for hit in found:
            link = links[hit.party.id]
            if link.matter_id is not None and link.matter_id in hidden:
                hits.append(AdhocHit(redacted=True))
                continue
            reason = f"{hit.reason}; {link.via}" if link.via else hit.reason
            hits.append(
                AdhocHit(
                    redacted=False,
                    name=hit.party.name,
                    matched_name=hit.matched_name if hit.matched_name != hit.party.name else "",
                    role=role_words(hit.party.role),
                    matter_id=link.matter_id,
                    matter_number=hit.party.matter,
                    matter_status=hit.party.status,
                    score=hit.score,
                    reason=reason,
                )
            )
        results.append(AdhocResult(query=name, hits=hits))
    with transaction.atomic():
        audit_record(
            actor=by,
            action="conflict-search",
            object_type="conflict-search",
            summary=f"Ad-hoc conflict search: {len(cleaned)} name(s), {sum(len(r.hits) for r in results)} hit(s)",
            data={"terms": cleaned, "hits": sum(len(r.hits) for r in results), "channel": "web"},
        )
    return results
