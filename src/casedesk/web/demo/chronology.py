"""The demo firm's fact chronologies: about ten facts on the first two matters with demo
documents, entered through the chronology services (so audited), with fuzzy dates, issues,
the matter's parties and a source document; some material, some disputed.

:func:`demo_chronology_reset` is what the demo reset clears first (facts, suggestions and the
firm-wide issues, which no matter deletion removes).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from casedesk.web.accounts.models import User
from casedesk.web.matters.models import Matter, MatterStatus, PartyRole

# (date, description, issues, people ("client"/"adverse"), source ("notice"/"letter"/""),
#  page, material, disputed)
FIRST = (
    (
        "c. 2019",
        "{client} begins leasing warehouse bays 1-4 at 1400 Harbor Blvd. from {adverse}.",
        "Lease",
        ("client", "adverse"),
        "",
        "",
        True,
        False,
    ),
    (
        "March 2021",
        "The lease is renewed for five years; section 7 puts roof and drainage "
        "maintenance on the landlord.",
        "Lease; Notice",
        ("client", "adverse"),
        "",
        "",
        True,
        False,
    ),
    (
        "Jan. 14, 2023",
        "Storm water comes through the roof over bay 3; stored inventory is soaked.",
        "Liability; Damages",
        ("client",),
        "letter",
        "1",
        True,
        False,
    ),
    (
        "Jan. 16, 2023",
        "{client} e-mails written notice of the leak to {adverse}'s property manager.",
        "Notice",
        ("client", "adverse"),
        "letter",
        "1",
        True,
        True,
    ),
    (
        "between Feb. 1, 2023 and Mar. 15, 2023",
        "No repair is made to the roof; {adverse} says it never received the notice.",
        "Notice; Liability",
        ("adverse",),
        "",
        "",
        False,
        True,
    ),
    (
        "June 2023",
        "The independent inspection report puts the inventory loss at $184,300.",
        "Damages",
        (),
        "letter",
        "1",
        True,
        True,
    ),
    (
        "before Sept. 1, 2023",
        "Demand letter to {adverse} for the loss and the repair.",
        "Notice; Damages",
        ("adverse",),
        "",
        "",
        False,
        False,
    ),
    (
        "",
        "The 2022 maintenance logs are still missing from {adverse}'s production.",
        "Discovery",
        ("adverse",),
        "notice",
        "2",
        False,
        False,
    ),
)
SECOND = (
    (
        "Q2 2022",
        "{client} and {adverse} sign the supply agreement (net-60 payment terms).",
        "Contract",
        ("client", "adverse"),
        "",
        "",
        True,
        False,
    ),
    (
        "Nov. 3, 2022",
        "{adverse} stops paying invoices 4471 to 4480.",
        "Contract; Damages",
        ("adverse",),
        "letter",
        "1",
        True,
        False,
    ),
    (
        "early 2023",
        "{adverse} says the goods did not meet the specification.",
        "Contract",
        ("adverse",),
        "",
        "",
        False,
        True,
    ),
)


def _parties(matter: Matter) -> dict[str, Any]:
    parties = list(matter.parties.select_related("contact"))
    out: dict[str, Any] = {}
    for role, key in ((PartyRole.CLIENT, "client"), (PartyRole.ADVERSE, "adverse")):
        found = next((p.contact for p in parties if p.role == role), None)
        if found is not None:
            out[key] = found
    return out


def _sources(matter: Matter) -> dict[str, int]:
    out: dict[str, int] = {}
    for doc in matter.documents.filter(deleted_at__isnull=True).order_by("id"):
        if "notice" not in out and doc.title.lower().startswith("notice"):
            out["notice"] = doc.pk
        elif "letter" not in out and "letter" in doc.title.lower():
            out["letter"] = doc.pk
    return out


def demo_chronology(*, users: Mapping[str, User], limit: int = 2) -> int:
    """Enter the demo facts on up to ``limit`` matters with demo documents; how many."""
    from casedesk.web.chronology.services import FactInput, fact_create

    matters = list(
        Matter.objects.filter(documents__title__startswith="Notice of hearing")
        .exclude(walls__isnull=False)
        .distinct()
        .order_by("number")[:limit]
    )
    if len(matters) < limit:  # a small demo firm: any other open matter anyone may see
        matters += list(
            Matter.objects.filter(status=MatterStatus.OPEN, restricted=False)
            .exclude(walls__isnull=False)
            .exclude(pk__in=[m.pk for m in matters])
            .order_by("number")[: limit - len(matters)]
        )
    authors = [u for k, u in users.items() if k in ("alice.attorney", "farah.clerk")] or list(
        users.values()
    )[:1]
    made = 0
    for matter, rows in zip(matters, (FIRST, SECOND), strict=False):
        parties = _parties(matter)
        names = {k: c.name for k, c in parties.items()}
        names.setdefault("client", "The client")
        names.setdefault("adverse", "The other side")
        sources = _sources(matter)
        for n, (date, text, issues, people, source, page, material, disputed) in enumerate(rows):
            fact_create(
                by=authors[n % len(authors)],
                matter=matter,
                data=FactInput(
                    date_text=date,
                    description=text.format(**names),
                    people=[parties[p].pk for p in people if p in parties],
                    new_issues=issues,
                    source_document=sources.get(source) if source else None,
                    source_page=page if source in sources else "",
                    material=material,
                    disputed=disputed,
                ),
            )
            made += 1
    return made


def demo_chronology_reset() -> None:
    """Delete every fact, suggestion, search and issue (the demo reset's first step)."""
    from casedesk.web.chronology.models import Fact, FactSuggestion, Issue, SuggestionRun

    FactSuggestion.objects.all().delete()
    SuggestionRun.objects.all().delete()
    Fact.objects.all().delete()
    Issue.objects.all().delete()
