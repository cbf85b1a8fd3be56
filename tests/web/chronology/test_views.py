"""Chronology pages: the table (filters, sort, pages, bulk), the fact form (bad input keeps
the values), the timeline and its downloads, groups, suggestions, issues; read-only users
view and export only; a walled matter is a 404."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casedesk.web.chronology.models import Fact, FactSuggestion, Issue
from casedesk.web.chronology.services import FactInput, fact_create, suggestions_run
from tests.web.chronology.conftest import ADVERSE, CLIENT, LETTER

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def facts(attorney: Any, matter: Any, people: Any, file_doc: Any) -> list[Fact]:
    lease = file_doc("lease.txt", "Lease", title="Warehouse lease")
    rows = [
        ("c. 2019", "Lease signed by the parties", [people["client"].pk], "Lease", True, False),
        ("March 2024", "Roof collapsed over bay 3", [], "Liability; Damages", True, True),
        (
            "Mar. 7, 2024",
            f"{CLIENT} gave notice to {ADVERSE}",
            [people["adverse-party"].pk],
            "Notice",
            False,
            True,
        ),
        ("", "Maintenance logs still missing", [], "Discovery", False, False),
    ]
    return [
        fact_create(
            by=attorney,
            matter=matter,
            data=FactInput(
                date_text=d,
                description=t,
                people=p,
                new_issues=i,
                material=m,
                disputed=x,
                source_document=lease.pk,
                source_page="4",
            ),
        )
        for d, t, p, i, m, x in rows
    ]


def test_every_page_renders_for_the_team_and_is_404_behind_the_wall(
    attorney: Any, readonly: Any, screened: Any, matter: Any, facts: list[Fact]
) -> None:
    pages = [
        reverse("chronology:matter", args=[matter.pk]),
        reverse("chronology:fact_add", args=[matter.pk]),
        reverse("chronology:timeline", args=[matter.pk]),
        reverse("chronology:timeline_svg", args=[matter.pk]),
        reverse("chronology:timeline_png", args=[matter.pk]),
        reverse("chronology:export_csv", args=[matter.pk]),
        reverse("chronology:by_issue", args=[matter.pk]),
        reverse("chronology:by_person", args=[matter.pk]),
        reverse("chronology:import", args=[matter.pk]),
        reverse("chronology:suggestions", args=[matter.pk]),
        reverse("chronology:fact", args=[facts[0].pk]),
    ]
    for user in (attorney, readonly):
        client = _client(user)
        for url in pages:
            assert client.get(url).status_code == 200, (user, url)
    walled = _client(screened)
    for url in pages:
        assert walled.get(url).status_code == 404, url
    issue = Issue.objects.get(name="Notice")
    assert walled.get(reverse("chronology:issue", args=[issue.pk])).status_code == 404
    listing = walled.get(reverse("chronology:issues")).content.decode()
    assert "Discovery" not in listing and "0 issues" in listing


def test_table_shows_facts_with_who_entered_them(
    attorney: Any, matter: Any, facts: list[Fact]
) -> None:
    body = _client(attorney).get(reverse("chronology:matter", args=[matter.pk])).content.decode()
    assert "Roof collapsed over bay 3" in body and CLIENT in body and ADVERSE in body
    assert "Ada Attorney" in body and "Warehouse lease" in body and "p. 4" in body
    assert body.index("c. 2019") < body.index("Mar. 2024") < body.index("Undated")


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("q=roof", ["Roof collapsed"], ["Lease signed", "Maintenance logs"]),
        ("material=on", ["Roof collapsed", "Lease signed"], ["Maintenance logs"]),
        ("disputed=on", ["Roof collapsed", "gave notice"], ["Lease signed"]),
        ("date_from=2024&date_to=March+2024", ["Roof collapsed", "gave notice"], ["Lease signed"]),
        ("date_to=2020", ["Lease signed"], ["Roof collapsed", "Maintenance logs"]),
        ("q=" + ADVERSE[:4], ["gave notice"], ["Roof collapsed"]),
    ],
)
def test_filters(
    attorney: Any, matter: Any, facts: list[Fact], query: str, shown: list[str], hidden: list[str]
) -> None:
    url = reverse("chronology:matter", args=[matter.pk]) + "?" + query
    body = _client(attorney).get(url).content.decode()
    for text in shown:
        assert text in body, (query, text)
    for text in hidden:
        assert text not in body, (query, text)


def test_filter_by_issue_and_person_and_a_bad_date(
    attorney: Any, matter: Any, people: Any, facts: list[Fact]
) -> None:
    url = reverse("chronology:matter", args=[matter.pk])
    client = _client(attorney)
    notice = Issue.objects.get(name="Notice")
    body = client.get(url, {"issue": notice.pk}).content.decode()
    assert "gave notice" in body and "Roof collapsed" not in body
    body = client.get(url, {"person": people["client"].pk}).content.decode()
    assert "Lease signed" in body and "Roof collapsed" not in body
    response = client.get(url, {"date_from": "2024-02-30", "q": "roof"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "From:" in body and "2024-02-30" in body and "Roof collapsed" in body


def test_sorting_and_pages_and_few_queries(attorney: Any, matter: Any, people: Any) -> None:
    from django.db import connection

    for n in range(230):
        fact_create(
            by=attorney,
            matter=matter,
            data=FactInput(
                date_text=f"{2000 + n % 20}-01-{1 + n % 28:02d}",
                description=f"fact number {n}",
                people=[people["client"].pk],
                new_issues="Bulk",
                material=n % 7 == 0,
            ),
        )
    client = _client(attorney)
    url = reverse("chronology:matter", args=[matter.pk])
    with CaptureQueriesContext(connection) as queries:
        first = client.get(url).content.decode()
    assert "230 results" in first and "page 1 of 3" in first
    assert len(queries) < 30, [q["sql"] for q in queries]
    last = client.get(url, {"page": 3}).content.decode()
    assert "page 3 of 3" in last
    by_material = client.get(url, {"sort": "material"}).content.decode()
    assert by_material.count("badge-material") > 30  # 33 material facts on the first page
    newest = client.get(url, {"sort": "-date"}).content.decode()
    assert newest.index("Jan. 28, 2019") < newest.index("Jan. 24, 2019")
    assert "fact number 0<" not in newest  # 2000: on the last page
    assert client.get(url, {"sort": "nonsense", "page": "x"}).status_code == 200


def test_add_fact_keeps_values_on_bad_date_then_saves(
    attorney: Any, matter: Any, people: Any
) -> None:
    client = _client(attorney)
    url = reverse("chronology:fact_add", args=[matter.pk])
    data = {
        "date_text": "2024-02-30",
        "description": f"{CLIENT} phoned {ADVERSE}",
        "people": [str(people["client"].pk)],
        "other_people": "",
        "new_issues": "Liên lạc",
        "material": "on",
    }
    response = client.post(url, data)
    body = response.content.decode()
    assert response.status_code == 400
    assert "2024-02-30" in body and f"{CLIENT} phoned {ADVERSE}" in body and "Liên lạc" in body
    assert not Fact.objects.exists()
    data["date_text"] = "on or about March 5, 2024"
    response = client.post(url, data)
    assert response.status_code == 302
    fact = Fact.objects.get()
    assert fact.material and fact.people.get() == people["client"]
    assert fact.issues.get().name == "Liên lạc"


def test_other_people_by_name_and_an_unknown_name(attorney: Any, matter: Any, people: Any) -> None:
    from casedesk.web.contacts.models import Contact

    outsider = Contact.objects.create(name="Dr. Layla Haddad", kind="person")
    client = _client(attorney)
    url = reverse("chronology:fact_add", args=[matter.pk])
    response = client.post(url, {"description": "x", "other_people": "Nobody Known"})
    assert (
        response.status_code == 400
        and "No contact is named Nobody Known" in response.content.decode()
    )
    response = client.post(url, {"description": "x", "other_people": "dr. layla haddad"})
    assert response.status_code == 302
    assert Fact.objects.get().people.get() == outsider


def test_date_preview(attorney: Any) -> None:
    client = _client(attorney)
    url = reverse("chronology:date_preview")
    assert "Mar. 2024" in client.get(url, {"date_text": "March 2024"}).content.decode()
    assert "Undated" in client.get(url, {"date_text": ""}).content.decode()
    assert "is-error" in client.get(url, {"date_text": "2024-13-45"}).content.decode()


def test_edit_and_delete_return_to_the_filtered_table(
    attorney: Any, matter: Any, facts: list[Fact]
) -> None:
    client = _client(attorney)
    back = reverse("chronology:matter", args=[matter.pk]) + "?q=roof"
    url = reverse("chronology:fact", args=[facts[1].pk])
    form = client.get(url, {"next": back}).content.decode()
    assert "Roof collapsed over bay 3" in form and "Mar. 2024" in form
    response = client.post(
        url, {"date_text": "March 6, 2024", "description": "Roof fell", "next": back}
    )
    assert response.status_code == 302 and response["Location"].startswith(back)
    facts[1].refresh_from_db()
    assert facts[1].date_text == "Mar. 6, 2024" and not facts[1].issues.exists()
    evil = client.post(
        reverse("chronology:fact_delete", args=[facts[1].pk]), {"next": "https://evil.example/"}
    )
    assert evil["Location"] == reverse("chronology:matter", args=[matter.pk])
    assert not Fact.objects.filter(pk=facts[1].pk).exists()


def test_bulk_view(attorney: Any, matter: Any, facts: list[Fact]) -> None:
    client = _client(attorney)
    url = reverse("chronology:bulk", args=[matter.pk])
    ids = [str(facts[2].pk), str(facts[3].pk)]
    client.post(url, {"facts": ids, "action": "material"})
    assert Fact.objects.filter(material=True).count() == 4
    client.post(url, {"facts": ids, "action": "tag", "issue_text": "Hot"})
    assert Issue.objects.get(name="Hot").facts.count() == 2
    response = client.post(url, {"action": "material"}, follow=True)
    assert "Select at least one fact" in response.content.decode()


def test_read_only_user_sees_no_write_controls_and_cannot_post(
    readonly: Any, matter: Any, facts: list[Fact]
) -> None:
    client = _client(readonly)
    body = client.get(reverse("chronology:matter", args=[matter.pk])).content.decode()
    assert "Add a fact" not in body and "With the selected facts" not in body
    assert "Export CSV" in body
    response = client.post(
        reverse("chronology:fact_add", args=[matter.pk]), {"description": "nope"}
    )
    assert response.status_code == 403 and "read-only" in response.content.decode()
    client.post(
        reverse("chronology:bulk", args=[matter.pk]), {"facts": [facts[0].pk], "action": "delete"}
    )
    assert Fact.objects.count() == 4


def test_csv_export_is_the_filtered_table_with_a_bom(
    readonly: Any, matter: Any, facts: list[Fact]
) -> None:
    from casedesk.web.audit.models import AuditEntry

    response = _client(readonly).get(
        reverse("chronology:export_csv", args=[matter.pk]), {"disputed": "on"}
    )
    assert response["Content-Type"].startswith("text/csv")
    raw = response.content
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Date", "Description", "People"]
    assert [r[0] for r in rows[1:]] == ["Mar. 2024", "Mar. 7, 2024"]
    assert rows[2][2] == ADVERSE and f"{CLIENT} gave notice" in rows[2][1]
    assert rows[1][3] == "Damages; Liability" or set(rows[1][3].split("; ")) == {
        "Damages",
        "Liability",
    }
    assert rows[1][4:7] == ["Warehouse lease", "4", ""]
    assert rows[1][9] == "Ada Attorney"
    assert AuditEntry.objects.filter(action="chronology.export", actor=readonly).exists()


def test_timeline_page_and_downloads(attorney: Any, matter: Any, facts: list[Fact]) -> None:
    client = _client(attorney)
    body = client.get(reverse("chronology:timeline", args=[matter.pk])).content.decode()
    assert "<svg" in body and "1 undated" in body
    svg = client.get(reverse("chronology:timeline_svg", args=[matter.pk]))
    assert svg["Content-Type"] == "image/svg+xml" and svg.content.lstrip().startswith(b"<")
    png = client.get(reverse("chronology:timeline_png", args=[matter.pk]), {"material": "on"})
    assert png["Content-Type"] == "image/png" and png.content.startswith(b"\x89PNG")


def test_groups_by_issue_and_person(attorney: Any, matter: Any, facts: list[Fact]) -> None:
    client = _client(attorney)
    by_issue = client.get(reverse("chronology:by_issue", args=[matter.pk])).content.decode()
    for name in ("Damages", "Discovery", "Lease", "Liability", "Notice"):
        assert f">{name} <" in by_issue or name in by_issue
    assert by_issue.count("Roof collapsed over bay 3") == 2  # under Damages and Liability
    by_person = client.get(reverse("chronology:by_person", args=[matter.pk])).content.decode()
    assert CLIENT in by_person and ADVERSE in by_person and "No one named" in by_person


def test_suggestion_pages(attorney: Any, matter: Any, file_doc: Any) -> None:
    from casedesk.web.chronology.models import SuggestionRun

    file_doc("letter.txt", LETTER, title="Letter to the client")
    client = _client(attorney)
    page = reverse("chronology:suggestions", args=[matter.pk])
    assert "No suggested facts to review" in client.get(page).content.decode()
    client.post(reverse("chronology:suggest", args=[matter.pk]))
    run = SuggestionRun.objects.get()
    status = client.get(reverse("chronology:run_status", args=[run.pk]), HTTP_HX_REQUEST="true")
    assert b"hx-trigger" in status.content and "HX-Refresh" not in status
    suggestions_run(matter.pk, run.pk)
    status = client.get(reverse("chronology:run_status", args=[run.pk]), HTTP_HX_REQUEST="true")
    assert status["HX-Refresh"] == "true"
    body = client.get(page).content.decode()
    assert "roof over bay 3" in body and "Letter to the client" in body
    first, second, third = FactSuggestion.objects.order_by("offset")[:3]
    form = client.get(reverse("chronology:suggestion", args=[first.pk])).content.decode()
    assert "Mar. 5, 2024" in form and "roof over bay 3" in form
    response = client.post(
        reverse("chronology:suggestion", args=[first.pk]),
        {"date_text": "March 5, 2024", "description": "The roof collapsed.", "material": "on"},
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.status == "accepted" and first.fact.description == "The roof collapsed."
    client.post(reverse("chronology:suggestion_accept", args=[second.pk]))
    client.post(reverse("chronology:suggestion_dismiss", args=[third.pk]))
    second.refresh_from_db()
    third.refresh_from_db()
    assert (second.status, third.status) == ("accepted", "dismissed")
    again = client.post(reverse("chronology:suggestion_accept", args=[third.pk]), follow=True)
    assert "already dismissed" in again.content.decode()


def test_issue_pages(attorney: Any, matter: Any, facts: list[Fact]) -> None:
    client = _client(attorney)
    url = reverse("chronology:issues")
    body = client.get(url).content.decode()
    assert "Notice" in body and "Discovery" in body
    response = client.post(url, {"name": "notice"})
    assert response.status_code == 400 and "already an issue" in response.content.decode()
    client.post(url, {"name": "Spare"})
    spare = Issue.objects.get(name="Spare")
    client.post(reverse("chronology:issue", args=[spare.pk]), {"name": "Spare part"})
    spare.refresh_from_db()
    assert spare.name == "Spare part"
    notice = Issue.objects.get(name="Notice")
    refused = client.post(reverse("chronology:issue_delete", args=[notice.pk]), follow=True)
    assert "merge it into another issue" in refused.content.decode()
    client.post(reverse("chronology:issue_merge", args=[notice.pk]), {"target": spare.pk})
    assert not Issue.objects.filter(name="Notice").exists()
    assert spare.facts.count() == 1
    nothing = client.post(reverse("chronology:issue_merge", args=[spare.pk]), follow=True)
    assert "Choose the issue" in nothing.content.decode()
    unused = Issue.objects.create(name="Unused")
    client.post(reverse("chronology:issue_delete", args=[unused.pk]))
    assert not Issue.objects.filter(pk=unused.pk).exists()


def test_long_groups_link_to_the_table(
    attorney: Any, matter: Any, facts: list[Fact], monkeypatch: Any
) -> None:
    from casedesk.web.chronology import views

    monkeypatch.setattr(views, "GROUP_LIMIT", 1)
    body = _client(attorney).get(reverse("chronology:by_issue", args=[matter.pk])).content
    notice = Issue.objects.get(name="Damages")
    assert b"The first 1 of 1" not in body
    fact_create(by=attorney, matter=matter, data=FactInput(description="more", issues=[notice.pk]))
    body = _client(attorney).get(reverse("chronology:by_issue", args=[matter.pk])).content
    assert b"The first 1 of 2" in body and f"?issue={notice.pk}".encode() in body


def test_names_in_any_script_are_isolated_on_the_form(attorney: Any, matter: Any) -> None:
    body = _client(attorney).get(reverse("chronology:fact_add", args=[matter.pk])).content
    assert f"<bdi>{ADVERSE}</bdi>".encode() in body and f"<bdi>{CLIENT}</bdi>".encode() in body
