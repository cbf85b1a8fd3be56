"""Intake, conflict-check dispositions, opening and declining through the web pages."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from casedesk.web.audit.models import AuditEntry
from casedesk.web.contacts.models import Contact
from casedesk.web.matters.models import CheckStatus, ConflictCheck, Disposition, Matter
from tests.web.matters.factories import seed_firm

pytestmark = pytest.mark.django_db


def intake_data(**overrides: Any) -> dict[str, str]:
    """A complete intake form: Peggy O'Brien against ACME Holdings Incorporated."""
    data = {
        "client_name": "Peggy O'Brien",
        "client_kind": "person",
        "client_aliases": "",
        "client_email": "peggy@example.com",
        "client_phone": "555-0100",
        "title": "O'Brien v. ACME Holdings",
        "practice_area": "litigation",
        "court": "Superior Court of California, County of Alameda",
        "case_number": "",
        "responsible_attorney": "",
        "number": "",
        "parties-TOTAL_FORMS": "1",
        "parties-INITIAL_FORMS": "0",
        "parties-MIN_NUM_FORMS": "0",
        "parties-MAX_NUM_FORMS": "1000",
        "parties-0-name": "ACME Holdings Incorporated",
        "parties-0-kind": "organization",
        "parties-0-role": "adverse-party",
    }
    data.update(overrides)
    return data


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def run_intake(client: Client, **overrides: Any) -> ConflictCheck:
    response = client.post("/matters/intake/", intake_data(**overrides))
    assert response.status_code == 302, response.content.decode()[:3000]
    check = ConflictCheck.objects.latest("id")
    assert response["Location"] == f"/matters/conflicts/{check.pk}/"
    return check


def dispose(client: Client, hit_id: int, disposition: str, note: str = "") -> Any:
    return client.post(
        f"/matters/conflicts/hits/{hit_id}/dispose/",
        {"disposition": disposition, "note": note},
        HTTP_HX_REQUEST="true",
    )


def test_intake_creates_matter_parties_and_check(secretary: Any, attorney: Any) -> None:
    seed_firm(attorney)
    client = signed_in(secretary)
    assert client.get("/matters/intake/").status_code == 200
    check = run_intake(client, responsible_attorney=str(attorney.pk))
    matter = check.matter
    assert matter.status == "intake"
    assert matter.responsible_attorney == attorney
    assert {(p.contact.name, p.role) for p in matter.parties.select_related("contact")} == {
        ("Peggy O'Brien", "client"),
        ("ACME Holdings Incorporated", "adverse-party"),
    }
    client_contact = Contact.objects.get(name="Peggy O'Brien")
    assert client_contact.emails.get().address == "peggy@example.com"
    names = set(check.hits.values_list("name", flat=True))
    assert {"Margaret O'Brien-Walsh", "Acme Holdings, Inc."} <= names
    page = client.get(f"/matters/conflicts/{check.pk}/").content.decode()
    assert "Margaret O&#x27;Brien-Walsh" in page
    assert "Acme Holdings, Inc." in page
    assert "Why:" in page
    assert "Open the matter</button>" not in page


def test_every_hit_needs_a_disposition_before_open(secretary: Any, attorney: Any) -> None:
    seed_firm(attorney)
    client = signed_in(secretary)
    check = run_intake(client, responsible_attorney=str(attorney.pk))
    refused = client.post(f"/matters/conflicts/{check.pk}/open/", follow=True)
    assert "Every conflict hit needs a disposition" in refused.content.decode()
    assert Matter.objects.get(pk=check.matter_id).status == "intake"
    hits = list(check.hits.all())
    for i, hit in enumerate(hits):
        response = dispose(
            client, hit.pk, "waiver" if i == 0 else "cleared", "Waiver signed 3/4" if i == 0 else ""
        )
        assert response.status_code == 200
        assert "Saved." in response.content.decode()
    body = response.content.decode()
    assert 'id="check-next" hx-swap-oob="true"' in body
    assert "Open the matter" in body
    check.refresh_from_db()
    assert check.status == CheckStatus.CLEARED
    opened = client.post(f"/matters/conflicts/{check.pk}/open/")
    assert opened.status_code == 302
    assert Matter.objects.get(pk=check.matter_id).status == "open"
    detail = client.get(opened["Location"]).content.decode()
    assert "is open" in detail


def test_open_without_attorney_says_what_to_do(secretary: Any, attorney: Any) -> None:
    seed_firm(attorney)
    client = signed_in(secretary)
    check = run_intake(client)
    for hit in check.hits.all():
        dispose(client, hit.pk, "cleared")
    response = client.post(f"/matters/conflicts/{check.pk}/open/", follow=True)
    assert "Choose the responsible attorney" in response.content.decode()
    assert Matter.objects.get(pk=check.matter_id).status == "intake"


def test_waiver_needs_a_note(secretary: Any, attorney: Any) -> None:
    seed_firm(attorney)
    client = signed_in(secretary)
    check = run_intake(client)
    hit = check.hits.first()
    response = dispose(client, hit.pk, "waiver", "   ")
    assert response.status_code == 200
    assert "Add a note saying why" in response.content.decode()
    hit.refresh_from_db()
    assert hit.disposition == Disposition.PENDING
    no_choice = dispose(client, hit.pk, "", "")
    assert "Choose cleared, waiver obtained, or conflict: decline." in no_choice.content.decode()


def test_decline_path_and_declination_record(secretary: Any, attorney: Any) -> None:
    seed_firm(attorney)
    client = signed_in(secretary)
    check = run_intake(client, responsible_attorney=str(attorney.pk))
    hits = list(check.hits.all())
    dispose(client, hits[0].pk, "decline", "Directly adverse to a current client")
    for hit in hits[1:]:
        dispose(client, hit.pk, "cleared")
    check.refresh_from_db()
    assert check.status == CheckStatus.DECLINE
    page = client.get(f"/matters/conflicts/{check.pk}/").content.decode()
    assert "Decline the matter" in page
    refused = client.post(f"/matters/conflicts/{check.pk}/open/", follow=True).content.decode()
    assert "decline the matter instead" in refused
    empty = client.post(f"/matters/conflicts/{check.pk}/decline/", {"reason": ""})
    assert empty.status_code == 400
    assert "Say why the matter is declined." in empty.content.decode()
    done = client.post(
        f"/matters/conflicts/{check.pk}/decline/",
        {"reason": "Conflict with Acme matter"},
        follow=True,
    )
    assert "Print declination record" in done.content.decode()
    assert Matter.objects.get(pk=check.matter_id).status == "declined"
    # The declination letter is offered where the decline is recorded, and highlighted on the
    # matter's drafting page.
    assert f'href="/drafting/matter/{check.matter_id}/">Draft the declination letter' in (
        done.content.decode()
    )
    drafting = client.get(f"/drafting/matter/{check.matter_id}/").content.decode()
    assert "Conflict check: decline." in drafting
    pdf = client.get(f"/matters/conflicts/{check.pk}/pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_duplicate_matter_number_keeps_the_input(secretary: Any, attorney: Any) -> None:
    seed_firm(attorney)
    client = signed_in(secretary)
    contacts, matters = Contact.objects.count(), Matter.objects.count()
    response = client.post("/matters/intake/", intake_data(number="2024-0031", court="Dept. 12"))
    assert response.status_code == 400
    body = response.content.decode()
    assert "Matter number 2024-0031 is already taken." in body
    assert "Nothing was saved." in body
    assert 'value="Dept. 12"' in body and "ACME Holdings Incorporated" in body
    assert (Contact.objects.count(), Matter.objects.count()) == (contacts, matters)


@pytest.mark.parametrize("field", ["client_name", "parties-0-name", "title"])
def test_ten_thousand_character_name_is_refused(secretary: Any, field: str) -> None:
    client = signed_in(secretary)
    response = client.post("/matters/intake/", intake_data(**{field: "x" * 10_000}))
    assert response.status_code == 400
    body = response.content.decode()
    assert "10,000 characters long; the limit is 500." in body
    assert Matter.objects.count() == 0 and Contact.objects.count() == 0


def test_names_in_other_scripts(secretary: Any, attorney: Any) -> None:
    seed_firm(attorney)
    client = signed_in(secretary)
    check = run_intake(
        client,
        client_name="Nguyễn Thị Minh Khai",
        client_aliases="Minh Khai Nguyễn",
        title="Nguyễn estate",
        **{
            "parties-TOTAL_FORMS": "3",
            "parties-0-name": "محمد عبد الله",
            "parties-0-kind": "person",
            "parties-0-role": "witness",
            "parties-1-name": "王小明",
            "parties-1-kind": "person",
            "parties-1-role": "adverse-party",
            "parties-2-name": "",
            "parties-2-kind": "person",
            "parties-2-role": "witness",
        },
    )
    assert check.matter.parties.count() == 3
    page = client.get(f"/matters/conflicts/{check.pk}/").content.decode()
    for name in ("Nguyễn Thị Minh Khai", "محمد عبد الله", "王小明"):
        assert name in page


def test_readonly_user_cannot_submit_intake(readonly: Any) -> None:
    client = signed_in(readonly)
    page = client.get("/matters/intake/").content.decode()
    assert "Your role is read-only" in page
    response = client.post("/matters/intake/", intake_data())
    assert response.status_code == 403
    assert "Your role is read-only: ask an administrator" in response.content.decode()
    assert Matter.objects.count() == 0 and Contact.objects.count() == 0


def test_adding_a_party_to_an_open_matter_flags_new_hits(secretary: Any, attorney: Any) -> None:
    matters = seed_firm(attorney)
    client = signed_in(secretary)
    target = matters["closed"]  # any other matter; the party is added to a fresh open matter below
    assert target.status == "closed"
    open_matter = matters["open"]
    response = client.post(
        f"/matters/{open_matter.pk}/parties/add/",
        {"name": "Peggy Walsh", "kind": "person", "role": "witness"},
        follow=True,
    )
    body = response.content.decode()
    check = open_matter.conflict_checks.get()
    assert check.trigger == "party-added"
    assert check.hits.count() >= 1
    assert "New party checked: " in body and "need" in body
    assert f"/matters/conflicts/{check.pk}/" in body
    again = client.post(
        f"/matters/{open_matter.pk}/parties/add/", {"name": "", "kind": "person", "role": "witness"}
    )
    assert again.status_code == 400
    assert "Type the party&#x27;s name, or pick someone already on file." in again.content.decode()


def test_pdf_report_is_a_pdf_and_audited(secretary: Any, attorney: Any) -> None:
    seed_firm(attorney)
    client = signed_in(secretary)
    check = run_intake(client)
    response = client.get(f"/matters/conflicts/{check.pk}/pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert AuditEntry.objects.filter(
        action="export", object_type="conflict-check", object_id=str(check.pk)
    ).exists()


def test_matter_list_search_filter_sort_and_edit(secretary: Any, attorney: Any) -> None:
    matters = seed_firm(attorney)
    client = signed_in(secretary)
    listing = client.get("/matters/").content.decode()
    assert "2021-0007" in listing and "2024-0031" in listing
    by_client = client.get("/matters/", {"q": "delgado"}).content.decode()
    assert "2024-0031" in by_client and "2021-0007" not in by_client
    closed = client.get("/matters/", {"status": "closed", "sort": "title"}).content.decode()
    assert "2021-0007" in closed and "2024-0031" not in closed
    none = client.get("/matters/", {"q": "no such thing"}).content.decode()
    assert "No matters match your search" in none
    matter = matters["open"]
    detail = client.get(f"/matters/{matter.pk}/").content.decode()
    assert "Acme Holdings, Inc." in detail and "Adverse part" in detail
    assert AuditEntry.objects.filter(action="view", matter_id=matter.pk).exists()
    edit = client.post(
        f"/matters/{matter.pk}/edit/",
        {
            "title": "Delgado v. Acme Holdings, Inc.",
            "court": "N.D. Cal.",
            "case_number": "3:24-cv-01234",
            "judge": "Hon. A. Smith",
            "description": "",
            "responsible_attorney": str(attorney.pk),
        },
    )
    assert edit.status_code == 302
    matter.refresh_from_db()
    assert matter.case_number == "3:24-cv-01234" and matter.restricted is False
