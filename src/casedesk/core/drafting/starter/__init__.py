"""The starter library: Word templates casedesk ships, built from this source code.

Each starter is written with python-docx (``docx_build``), its text holding docxtpl/Jinja
tags that use only names from the field dictionary, so the library is reviewable as code and
rebuilt the same way every time. ``starter_templates()`` lists them, ``build_starter(id, out)``
writes one as a .docx, and ``starter_version(id)`` says which revision it is (bump a
template's version whenever its wording or fields change, so generated documents can say
which revision they came from).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from casedesk.core.drafting.fields import DraftingError
from casedesk.core.drafting.starter import (
    covers,
    emails,
    letters,
    pleadings,
    service,
    stipulation,
)
from casedesk.core.drafting.starter.docx_build import Builder
from casedesk.core.drafting.starter.sample import sample_data

StarterKind = Literal["letter", "notice", "pleading", "service", "stipulation", "cover", "email"]

__all__ = [
    "StarterKind",
    "StarterTemplate",
    "UnknownStarter",
    "build_starter",
    "sample_data",
    "starter_templates",
    "starter_version",
]


class UnknownStarter(DraftingError, LookupError):
    """No starter template has the id asked for."""


@dataclass(frozen=True)
class StarterTemplate:
    """One starter template: its id, its name and description for people, kind and revision."""

    id: str
    name: str
    description: str
    kind: StarterKind
    version: int


@dataclass(frozen=True)
class _Entry:
    template: StarterTemplate
    build: Callable[[Builder], None]
    court_paper: bool = False
    pleading_paper: bool = False


_FAMILY_NAMES = {
    "federal": "federal court",
    "ca": "California superior court",
    "ny": "New York Supreme Court",
    "tx": "Texas district court",
}


def _catalog() -> list[_Entry]:
    entries = [
        _Entry(
            StarterTemplate(
                "engagement-letter",
                "Engagement letter",
                "Fee agreement letter: scope, hourly rate, retainer, responsibilities, "
                "termination, file retention, and the client's signed acknowledgement.",
                "letter",
                1,
            ),
            letters.engagement_letter,
        ),
        _Entry(
            StarterTemplate(
                "declination-letter",
                "Declination letter",
                "Declines the matter in clear terms, warns that time limits may bar the claim "
                "without commenting on its merits, and returns the client's documents.",
                "letter",
                1,
            ),
            letters.declination_letter,
        ),
        _Entry(
            StarterTemplate(
                "conflict-waiver-letter",
                "Conflict waiver letter",
                "Discloses a conflict of interest and its risks and asks for the client's "
                "informed written consent.",
                "letter",
                1,
            ),
            letters.conflict_waiver_letter,
        ),
        _Entry(
            StarterTemplate(
                "opposing-counsel-letter",
                "Letter to opposing counsel",
                "A letter to opposing counsel on the case, with your subject and text.",
                "letter",
                1,
            ),
            letters.opposing_counsel_letter,
        ),
        _Entry(
            StarterTemplate(
                "client-status-letter",
                "Client status letter",
                "Reports where the matter stands, the next hearing and deadline if any, and "
                "the next steps.",
                "letter",
                2,  # 2: the next hearing and deadline are no longer asked when there is none
            ),
            letters.client_status_letter,
        ),
    ]
    for family, court in _FAMILY_NAMES.items():
        entries.append(
            _Entry(
                StarterTemplate(
                    f"notice-of-hearing-{family}",
                    f"Notice of hearing ({court})",
                    f"Notice of the hearing of a motion, with the {court} caption.",
                    "notice",
                    1,
                ),
                pleadings.BUILDERS[f"notice-of-hearing-{family}"],
                court_paper=True,
            )
        )
    for family, court in _FAMILY_NAMES.items():
        entries.append(
            _Entry(
                StarterTemplate(
                    f"notice-of-motion-{family}",
                    f"Notice of motion ({court})",
                    f"Notice of motion stating the hearing, the relief sought and the papers "
                    f"it rests on, with the {court} caption.",
                    "pleading",
                    1,
                ),
                pleadings.BUILDERS[f"notice-of-motion-{family}"],
                court_paper=True,
            )
        )
    entries += [
        _Entry(
            StarterTemplate(
                "notice-of-motion-ca-pleading-paper",
                "Notice of motion (California, pleading paper)",
                "The California notice of motion on 28-line pleading paper with the rule 2.110 "
                "footer.",
                "pleading",
                1,
            ),
            pleadings.motion_ca_pleading_paper,
            court_paper=True,
            pleading_paper=True,
        ),
        _Entry(
            StarterTemplate(
                "proof-of-service",
                "Proof of service",
                "Proof of service for any court: the method's wording under the court's rule "
                "(personal, electronic, mail, out-of-state or international mail, clerk, or "
                "other agreed means) and a declaration under penalty of perjury.",
                "service",
                1,
            ),
            service.proof_of_service,
            court_paper=True,
        ),
        _Entry(
            StarterTemplate(
                "stipulation-extending-time",
                "Stipulation extending time",
                "Stipulation extending the time to respond to a pleading, in the court's form, "
                "signed by counsel for both sides.",
                "stipulation",
                1,
            ),
            stipulation.stipulation,
            court_paper=True,
        ),
        _Entry(
            StarterTemplate(
                "subpoena-cover-letter",
                "Subpoena cover letter",
                "Letter sent with a subpoena for documents: what is called for, by when, and "
                "how to comply or raise an objection.",
                "letter",
                1,
            ),
            letters.subpoena_cover_letter,
        ),
        _Entry(
            StarterTemplate(
                "fax-cover-sheet",
                "Fax cover sheet",
                "Facsimile transmittal sheet with a confidentiality notice.",
                "cover",
                1,
            ),
            covers.fax_cover_sheet,
        ),
        _Entry(
            StarterTemplate(
                "email-cover-sheet",
                "E-mail cover sheet",
                "E-mail transmittal sheet with a confidentiality notice.",
                "cover",
                2,
            ),
            covers.email_cover_sheet,
        ),
        _Entry(
            StarterTemplate(
                "email-client-update",
                "E-mail: status update to the client",
                "A short e-mail bringing the client up to date: where things stand, the next "
                "hearing if any, and what happens next.",
                "email",
                1,
            ),
            emails.client_update_email,
        ),
        _Entry(
            StarterTemplate(
                "email-transmittal",
                "E-mail: sending documents",
                "A short e-mail sending documents as attachments, listing them.",
                "email",
                1,
            ),
            emails.transmittal_email,
        ),
        _Entry(
            StarterTemplate(
                "email-opposing-counsel",
                "E-mail to opposing counsel",
                "An e-mail to opposing counsel on the case, with your subject and text.",
                "email",
                1,
            ),
            emails.opposing_counsel_email,
        ),
    ]
    return entries


_ENTRIES: dict[str, _Entry] = {entry.template.id: entry for entry in _catalog()}


def _entry(starter_id: str) -> _Entry:
    try:
        return _ENTRIES[starter_id]
    except KeyError:
        raise UnknownStarter(f"there is no starter template {starter_id!r}.") from None


def starter_templates() -> list[StarterTemplate]:
    """Every starter template, in catalog order."""
    return [entry.template for entry in _ENTRIES.values()]


def starter_version(starter_id: str) -> int:
    """The revision of one starter template (raises ``UnknownStarter`` for an unknown id)."""
    return _entry(starter_id).template.version


def build_starter(starter_id: str, out: Path) -> None:
    """Write the starter template ``starter_id`` as a Word document at ``out``."""
    entry = _entry(starter_id)
    builder = Builder(court_paper=entry.court_paper, pleading_paper=entry.pleading_paper)
    entry.build(builder)
    builder.save(Path(out))
