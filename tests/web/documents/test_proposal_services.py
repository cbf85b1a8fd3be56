"""Data entry from documents: proposals made on reading, entered only when a user confirms."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from casedesk.web.documents import document_services as svc
from casedesk.web.documents.extraction import version_extract
from casedesk.web.documents.models import Proposal, ProposalKind, ProposalStatus
from casedesk.web.documents.proposal_services import (
    deadline_court,
    proposal_confirm,
    proposal_dismiss,
)
from casedesk.web.errors import ServiceError
from casedesk.web.matters.models import MatterParty
from casedesk.web.scheduling.models import Event

pytestmark = pytest.mark.django_db

NOTICE = """UNITED STATES DISTRICT COURT
NORTHERN DISTRICT OF CALIFORNIA

NGUYEN THI MINH,
Plaintiff,
v.
HARBOR FREIGHT LOGISTICS, INC.,
Defendant.

Case No. 3:27-cv-00412-JST

NOTICE OF HEARING AND ORDER

PLEASE TAKE NOTICE that the hearing is set for January 5, 2027 at 9:00 a.m. in Courtroom 9.
Defendant shall file its response within 21 days after service of this order.
"""


def file_and_read(by: Any, matter: Any, make_file: Callable[..., Path], text: str) -> Any:
    doc = svc.document_add(
        by=by,
        matter=matter,
        incoming=svc.IncomingFile(make_file(text, "n.txt"), "notice.txt"),
        details=svc.DocumentDetails(document_date=timezone.localdate().replace(2026, 12, 1)),
    )
    version_extract(doc.current_version_id)
    return doc


def test_reading_proposes_but_enters_nothing(
    secretary: Any, matter: Any, make_file: Callable[..., Path]
) -> None:
    file_and_read(secretary, matter, make_file, NOTICE)
    kinds = {(p.kind, p.field_kind) for p in Proposal.objects.filter(matter=matter)}
    assert (ProposalKind.MATTER_FIELD, "case_number") in kinds
    assert (ProposalKind.EVENT, "hearing") in kinds
    assert (ProposalKind.DEADLINE, "deadline") in kinds
    assert (ProposalKind.CONTACT, "party") in kinds
    matter.refresh_from_db()
    assert matter.case_number == "" and not Event.objects.filter(matter=matter).exists()


def test_confirming_enters_through_the_services(
    secretary: Any, matter: Any, make_file: Callable[..., Path]
) -> None:
    file_and_read(secretary, matter, make_file, NOTICE)
    pending = Proposal.objects.filter(matter=matter, status=ProposalStatus.PENDING)
    case = pending.get(field_kind="case_number")
    assert "3:27-cv-00412" in proposal_confirm(by=secretary, proposal=case)
    matter.refresh_from_db()
    assert matter.case_number.startswith("3:27-cv-00412")

    hearing = pending.get(kind=ProposalKind.EVENT)
    proposal_confirm(by=secretary, proposal=hearing)
    event = Event.objects.get(matter=matter, kind="hearing")
    local = timezone.localtime(event.starts_at)
    assert (local.year, local.month, local.day, local.hour) == (2027, 1, 5, 9)

    deadline = pending.get(kind=ProposalKind.DEADLINE)
    assert deadline.payload["court"] == "federal-ca"
    assert deadline.payload["due_date"] == "2026-12-22"  # Dec 1 + 21 days, a Tuesday
    proposal_confirm(by=secretary, proposal=deadline, edits={"due_date": "2026-12-23"})
    due = Event.objects.get(matter=matter, kind="deadline")
    assert timezone.localtime(due.starts_at).date().isoformat() == "2026-12-23"
    assert "21 days" in due.notes

    party = pending.filter(kind=ProposalKind.CONTACT, value__icontains="Harbor").get()
    assert party.payload["kind"] == "organization"
    proposal_confirm(by=secretary, proposal=party, edits={"role": "adverse-party"})
    assert MatterParty.objects.filter(matter=matter, contact__name__icontains="Harbor").exists()

    with pytest.raises(ServiceError, match="already"):
        proposal_confirm(by=secretary, proposal=case)


def test_dismiss_and_read_only(
    secretary: Any, readonly: Any, matter: Any, make_file: Callable[..., Path]
) -> None:
    file_and_read(secretary, matter, make_file, NOTICE)
    proposal = Proposal.objects.filter(matter=matter).first()
    assert proposal is not None
    with pytest.raises(ServiceError):
        proposal_dismiss(by=readonly, proposal=proposal)
    proposal_dismiss(by=secretary, proposal=proposal)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DISMISSED


def test_reading_the_same_notice_twice_does_not_repeat_proposals(
    secretary: Any, matter: Any, make_file: Callable[..., Path]
) -> None:
    file_and_read(secretary, matter, make_file, NOTICE)
    first = Proposal.objects.count()
    file_and_read(secretary, matter, make_file, NOTICE)
    assert Proposal.objects.count() == first


@pytest.mark.parametrize(
    ("court_id", "name", "expected"),
    [
        ("cand", "", "federal-ca"),
        ("nysd", "", "federal-ny"),
        ("txwd", "", "federal-tx"),
        ("ilnd", "", "federal"),
        ("ca9", "", "federal"),
        ("calctapp", "", "ca"),
        ("", "Superior Court of California, County of Los Angeles", "ca"),
        ("", "Supreme Court of the State of New York", "ny"),
        ("", "District Court of Travis County, Texas", "tx"),
        ("", "United States District Court, Southern District of Texas", "federal-tx"),
        ("", "Circuit Court of Cook County", None),
    ],
)
def test_deadline_court(court_id: str, name: str, expected: str | None) -> None:
    assert deadline_court(court_id, name) == expected
