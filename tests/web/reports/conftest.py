"""A matter with something in every section of the case report: parties with Vietnamese and
Arabic names, a conflict check, a deadline chain, facts (one material, one disputed, one
undated), a document, an authority, an open task and a logged call."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from casedesk.web.matters.models import Matter

VIETNAMESE = "Nguyễn Thị Minh Khai"
ARABIC = "شركة النور للتجارة"


@pytest.fixture(autouse=True)
def _storage(file_storage: Path) -> Path:
    return file_storage


def make_case(lead: Any, tmp_path: Path, *, number: str = "2027-0042") -> Matter:
    from django.utils import timezone

    from casedesk.web.chronology.services import FactInput, fact_create
    from casedesk.web.correspondence.services import communication_log
    from casedesk.web.documents.document_services import (
        DocumentDetails,
        IncomingFile,
        document_add,
    )
    from casedesk.web.matters.services import PartyInput, intake_create, matter_open
    from casedesk.web.research.models import SavedAuthority
    from casedesk.web.scheduling.chain_services import ChainInput, chain_create
    from casedesk.web.scheduling.task_services import task_create

    matter = intake_create(
        by=lead,
        title="Delgado v. Acme Holdings",
        practice_area="litigation",
        client=PartyInput(VIETNAMESE, "person", "client"),
        other_parties=[PartyInput(ARABIC, "organization", "adverse-party")],
        responsible_attorney=lead,
    )
    from casedesk.web.matters.models import ConflictHitRecord
    from casedesk.web.matters.services import conflict_hit_dispose

    for hit in ConflictHitRecord.objects.filter(conflict_check__matter=matter):
        conflict_hit_dispose(by=lead, hit=hit, disposition="cleared", note="Same client")
    matter_open(by=lead, matter=matter)
    matter.refresh_from_db()
    matter.number = number
    matter.court = "United States District Court\nDistrict of Arizona"
    matter.case_number = "2:27-cv-01234"
    matter.save()
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / "contract.txt"
    path.write_text("On March 5, 2024 the parties signed the agreement.", encoding="utf-8")
    document = document_add(
        by=lead,
        matter=matter,
        incoming=IncomingFile(path, "Hợp đồng.txt"),
        details=DocumentDetails(title="Hợp đồng thuê kho", document_date=dt.date(2024, 3, 5)),
    )
    client = matter.parties.get(role="client").contact
    adverse = matter.parties.get(role="adverse-party").contact
    fact_create(
        by=lead,
        matter=matter,
        data=FactInput(
            date_text="March 5, 2024",
            description=f"{VIETNAMESE} signs the warehouse agreement with {ARABIC}.",
            people=[client.pk, adverse.pk],
            new_issues="Contract formation",
            source_document=document.pk,
            source_page="1",
            material=True,
        ),
    )
    fact_create(
        by=lead,
        matter=matter,
        data=FactInput(
            date_text="c. 2019", description="Acme begins supplying the warehouse.", disputed=True
        ),
    )
    fact_create(by=lead, matter=matter, data=FactInput(date_text="", description="The roof leaks."))
    today = timezone.localdate()
    chain_create(
        by=lead,
        matter=matter,
        inp=ChainInput("federal-complaint-served", "federal", today + dt.timedelta(days=3)),
        rule_ids=["frcp-answer"],
    )
    task_create(
        by=lead,
        title="Draft the answer",
        matter=matter,
        assignee=lead,
        due_date=today + dt.timedelta(days=10),
    )
    communication_log(
        by=lead,
        matter=matter,
        kind="call",
        direction="in",
        occurred_at=timezone.now(),
        participants=VIETNAMESE,
        subject="Client call about the invoice",
        summary="",
    )
    SavedAuthority.objects.create(
        matter=matter,
        citation="410 U.S. 113",
        normalized="410 U.S. 113",
        case_name="Roe v. Wade",
        notes="Privacy",
        tags="privacy",
        created_by=lead,
    )
    return matter


@pytest.fixture
def case(attorney: Any, tmp_path: Path) -> Matter:
    return make_case(attorney, tmp_path)
