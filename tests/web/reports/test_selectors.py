"""The report's data as each user may see it, and the matter page's "At a glance"."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from casedesk.core.reports.model import SECTION_KEYS
from casedesk.web.matters.models import EthicalWall, Matter
from casedesk.web.reports.selectors import matter_glance, report_choice, report_data
from tests.web.reports.conftest import ARABIC, VIETNAMESE, make_case

pytestmark = pytest.mark.django_db


def test_every_section_is_filled(case: Matter, attorney: Any) -> None:
    report = report_data(attorney, case).report
    assert report.sections == SECTION_KEYS
    assert report.summary is not None and report.summary.case_number == "2:27-cv-01234"
    assert report.summary.court_lines == ("United States District Court", "District of Arizona")
    assert [(p.name, p.role, p.client) for p in report.parties] == [
        (VIETNAMESE, "Client", True),
        (ARABIC, "Adverse party", False),
    ]
    assert report.conflicts is not None and report.conflicts.run_by == attorney.display_name
    assert report.deadlines is not None
    (answer,) = report.deadlines.upcoming
    assert answer.rule_citation and answer.derivation and answer.chain
    assert report.deadlines.key_dates[-1].label  # the chain's trigger
    chronology = report.chronology
    assert chronology is not None
    assert [f.date for f in chronology.facts] == ["c. 2019", "Mar. 5, 2024", "Undated"]
    assert [f.year for f in chronology.facts] == ["2019", "2024", ""]
    signed = chronology.facts[1]
    assert signed.people == (VIETNAMESE, ARABIC) and signed.issues == ("Contract formation",)
    assert signed.source == "Hợp đồng thuê kho" and signed.page == "1" and signed.material
    assert (chronology.total, chronology.material, chronology.disputed, chronology.undated) == (
        3,
        1,
        1,
        1,
    )
    (document,) = report.documents
    assert document.title == "Hợp đồng thuê kho" and document.category
    (authority,) = report.authorities
    assert authority.name == "Roe v. Wade" and authority.tags == ("privacy",)
    (task,) = report.tasks
    assert task.title == "Draft the answer" and task.assignee == attorney.display_name
    assert report.prepared_by == attorney.display_name


def test_material_only_lists_material_facts_but_counts_all(case: Matter, attorney: Any) -> None:
    chronology = report_data(attorney, case, material_only=True).report.chronology
    assert chronology is not None
    assert [f.date for f in chronology.facts] == ["Mar. 5, 2024"]
    assert chronology.total == 3 and chronology.material_only


def test_unchosen_sections_are_not_read(case: Matter, attorney: Any) -> None:
    data = report_data(attorney, case, sections=["tasks", "parties"])
    assert data.report.sections == ("parties", "tasks")
    assert data.report.chronology is None and data.report.documents == ()
    assert data.timeline_facts == []


def test_a_walled_user_gets_no_report(case: Matter, make_user: Any, admin_user: Any) -> None:
    screened = make_user("attorney", "screened")
    EthicalWall.objects.create(matter=case, user=screened, reason="lateral", created_by=admin_user)
    with pytest.raises(Http404):
        report_data(screened, case)


def test_read_only_users_see_the_report(case: Matter, readonly: Any) -> None:
    report = report_data(readonly, case).report
    assert report.chronology is not None and len(report.chronology.facts) == 3


def test_hits_in_walled_matters_are_redacted_and_hidden_people_left_out(
    attorney: Any, make_user: Any, admin_user: Any, tmp_path: Path
) -> None:
    """The second matter's conflict check hits the first; the first is walled from the
    reader: the hit is redacted, and its client, also on a fact of the second, is not named."""
    from casedesk.web.chronology.services import FactInput, fact_create

    first = make_case(attorney, tmp_path / "a", number="2027-0001")
    reader = make_user("attorney", "reader")
    EthicalWall.objects.create(matter=first, user=reader, reason="lateral", created_by=admin_user)
    second = make_case(attorney, tmp_path / "b", number="2027-0002")
    hidden = first.parties.get(role="client").contact
    second.parties.filter(contact__name=VIETNAMESE).delete()
    fact_create(
        by=attorney,
        matter=second,
        data=FactInput(date_text="2025", description="A meeting.", people=[hidden.pk]),
    )
    report = report_data(reader, second).report
    conflicts = report.conflicts
    assert conflicts is not None and conflicts.redacted >= 1
    assert all(h.name == "" for h in conflicts.hits if h.redacted)
    meeting = next(f for f in report.chronology.facts if f.description == "A meeting.")  # type: ignore[union-attr]
    assert meeting.people == ()


def test_the_choice_defaults_to_everything(attorney: Any) -> None:
    choice = report_choice(attorney)
    assert choice.sections == SECTION_KEYS and choice.want_pdf and choice.want_docx


def test_glance_shows_what_is_coming_and_what_is_new(case: Matter, attorney: Any) -> None:
    glance = matter_glance(attorney, case)
    assert [e.title for e in glance.coming][:1] and glance.coming[0].rule_citation
    assert glance.document_count == 1 and glance.documents[0].title == "Hợp đồng thuê kho"
    assert glance.communications[0].subject == "Client call about the invoice"
    assert glance.task_count == 1
    assert glance.facts == {"total": 3, "material": 1, "disputed": 1}
    assert glance.highlights_material and [f.date_text for f in glance.highlights] == [
        "Mar. 5, 2024"
    ]
    assert glance.last_report is None


def test_glance_takes_a_fixed_number_of_queries(attorney: Any, tmp_path: Path) -> None:
    from casedesk.web.chronology.services import FactInput, fact_create

    matter = make_case(attorney, tmp_path)
    with CaptureQueriesContext(connection) as small:
        matter_glance(attorney, matter)
    for i in range(30):
        fact_create(
            by=attorney,
            matter=matter,
            data=FactInput(
                date_text=f"2025-01-{i + 1:02d}", description=f"Fact {i}", material=True
            ),
        )
    with CaptureQueriesContext(connection) as big:
        matter_glance(attorney, matter)
    assert len(big) == len(small) <= 14
