"""Reads of the correspondence log, and which matter an e-mail probably belongs to.

Everything goes through :mod:`casedesk.web.access`, so a walled or restricted matter never
shows: not in a log, not as a suggestion for an imported message.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from email.utils import getaddresses
from typing import Any

from django.db.models import QuerySet
from django.db.models.functions import Lower
from django.http import Http404

from casedesk.core.extract.mail import EmailParts
from casedesk.web.access import visible_matters
from casedesk.web.contacts.models import ContactEmail
from casedesk.web.correspondence.models import Communication
from casedesk.web.matters.models import Matter, MatterParty, MatterStatus, PartyRole

ADDRESS_POINTS = {PartyRole.CLIENT: 3, PartyRole.OPPOSING_COUNSEL: 3}
OTHER_ROLE_POINTS = 2
NUMBER_POINTS = 5
WORD_POINTS = 1
WORD_CAP = 3
MIN_WORD = 4
# Words of matter titles that say nothing about which matter it is.
_STOP = frozenset(
    {
        "the",
        "and",
        "for",
        "with",
        "from",
        "into",
        "about",
        "v",
        "vs",
        "versus",
        "inc",
        "llc",
        "ltd",
        "corp",
        "co",
        "company",
        "corporation",
        "estate",
        "trust",
        "matter",
        "case",
        "re",
        "fwd",
        "fw",
        "dispute",
        "claim",
        "claims",
        "litigation",
        "plan",
        "agreement",
        "lease",
        "contract",
        "llp",
        "pllc",
        "group",
        "holdings",
    }
)


def communications_for(by: Any, matter: Matter, *, kind: str = "") -> QuerySet[Communication]:
    """The matter's log (newest first), empty when ``by`` may not see the matter."""
    qs = Communication.objects.filter(matter__in=visible_matters(by), matter=matter)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.select_related("document", "follow_up_task", "follow_up_task__assignee", "created_by")


def get_visible_communication(by: Any, pk: Any) -> Communication:
    """The entry, or 404 when it does not exist or its matter is hidden from ``by``."""
    try:
        return (
            Communication.objects.filter(matter__in=visible_matters(by))
            .select_related("matter", "document", "follow_up_task")
            .get(pk=pk)
        )
    except (Communication.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such entry.") from exc


# --- suggestions -------------------------------------------------------------------------------


@dataclass
class Suggestion:
    """A matter an e-mail may belong to, with its score and the reasons in plain English."""

    matter: Matter
    score: int = 0
    reasons: list[str] = field(default_factory=list)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def _squash(text: str) -> str:
    """Lower-case, no spaces around - : / . : "No. 3:24 - CV-01234" → "no.3:24-cv-01234"."""
    return re.sub(r"\s*([-:/.])\s*", r"\1", " ".join(_fold(text).split()))


def _mentions(haystack: str, needle: str) -> bool:
    """True when ``needle`` appears in ``haystack`` (both squashed) not inside a longer token."""
    if not needle:
        return False
    pattern = rf"(?<!\w){re.escape(needle)}(?!\w)"
    return re.search(pattern, haystack) is not None


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", _fold(text))


def _people(parts: EmailParts) -> list[tuple[str, str]]:
    """Each address of the message with the words for it: ("Sender", "jane@roe.com")."""
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    groups = (("Sender", [parts.sender]), ("Recipient", list(parts.to)), ("Cc", list(parts.cc)))
    for label, values in groups:
        for _name, addr in getaddresses(values):
            addr = addr.strip().lower()
            if addr and "@" in addr and addr not in seen:
                seen.add(addr)
                out.append((label, addr))
    return out


def _role_phrase(party: MatterParty) -> str:
    return f"the {party.get_role_display().lower()} {party.contact.name}"


def _score_addresses(
    by: Any, parts: EmailParts, candidates: QuerySet[Matter], found: dict[int, Suggestion]
) -> None:
    people = _people(parts)
    if not people:
        return
    addresses = {addr for _label, addr in people}
    emails = (
        ContactEmail.objects.annotate(lower=Lower("address"))
        .filter(lower__in=addresses)
        .values_list("contact_id", "lower")
    )
    by_contact: dict[int, set[str]] = {}
    for contact_id, addr in emails:
        by_contact.setdefault(contact_id, set()).add(addr)
    if not by_contact:
        return
    parties = (
        MatterParty.objects.filter(contact_id__in=by_contact, matter__in=candidates)
        .select_related("matter", "contact")
        .order_by("matter_id", "role")
    )
    for party in parties:
        suggestion = found.setdefault(party.matter_id, Suggestion(party.matter))
        points = ADDRESS_POINTS.get(party.role, OTHER_ROLE_POINTS)  # type: ignore[call-overload]
        for label, addr in people:
            if addr in by_contact[party.contact_id]:
                suggestion.score += points
                suggestion.reasons.append(f"{label} {addr} is {_role_phrase(party)}'s e-mail")


def _score_subject(
    parts: EmailParts, candidates: QuerySet[Matter], found: dict[int, Suggestion]
) -> None:
    subject = parts.subject or ""
    if not subject.strip():
        return
    squashed = _squash(subject)
    words = set(_words(subject))
    names: dict[int, list[MatterParty]] = {}
    for party in MatterParty.objects.filter(matter__in=candidates).select_related("contact"):
        names.setdefault(party.matter_id, []).append(party)
    for matter in candidates:
        hits: list[str] = []
        points = 0
        if _mentions(squashed, _squash(matter.number)):
            points += NUMBER_POINTS
            hits.append(f"Subject mentions matter number {matter.number}")
        if matter.case_number and _mentions(squashed, _squash(matter.case_number)):
            points += NUMBER_POINTS
            hits.append(f"Subject mentions case number {matter.case_number}")
        minor: list[str] = []
        named: set[str] = set()  # words already counted as part of a party's name
        for party in names.get(matter.pk, []):
            name_words = [w for w in _words(party.contact.name) if w not in _STOP]
            if name_words and all(w in words for w in name_words):
                minor.append(f"Subject mentions {_role_phrase(party)}")
                named.update(name_words)
        for word in dict.fromkeys(_words(matter.title)):
            if len(word) >= MIN_WORD and word not in _STOP and word in words and word not in named:
                minor.append(f"Subject mentions “{word}” from the matter title")
        minor = minor[:WORD_CAP]
        points += WORD_POINTS * len(minor)
        if points:
            suggestion = found.setdefault(matter.pk, Suggestion(matter))
            suggestion.score += points
            suggestion.reasons.extend(hits + minor)


def matter_suggestions(by: Any, parts: EmailParts, limit: int = 5) -> list[Suggestion]:
    """The open and intake matters ``by`` may see that this e-mail most likely belongs to.

    Points: a sender or recipient address that is a party's e-mail (client or opposing counsel
    3, other roles 2); the matter or case number in the subject (5); words of the matter's
    title or a party's name in the subject (1 each, at most 3).
    """
    candidates = visible_matters(by).filter(status__in=[MatterStatus.OPEN, MatterStatus.INTAKE])
    found: dict[int, Suggestion] = {}
    _score_addresses(by, parts, candidates, found)
    _score_subject(parts, candidates, found)
    ranked = sorted(found.values(), key=lambda s: (-s.score, s.matter.number))
    return [s for s in ranked if s.score > 0][:limit]
