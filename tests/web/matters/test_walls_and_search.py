"""Ethical walls on the matters pages, and the ad-hoc conflict search."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from casedesk.web.audit.models import AuditEntry
from casedesk.web.matters import services
from casedesk.web.matters.models import ConflictCheck, EthicalWall
from tests.web.matters.factories import CANARY, CANARY_NUMBER, seed_firm, seed_walled

pytestmark = pytest.mark.django_db

TRACES = (CANARY, CANARY_NUMBER, "ZEBRA-CANARY", "Zebracorp", "Quagga")


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def assert_no_trace(body: str, typed: str = "") -> None:
    """No trace of the walled matter, apart from the words the user typed (echoed in the box)."""
    if typed:
        body = body.replace(f'value="{typed}"', "")
    for trace in TRACES:
        assert trace not in body, trace


def test_screened_user_gets_no_trace_of_a_walled_matter(
    attorney: Any, attorney2: Any, admin_user: Any
) -> None:
    seed_firm(attorney)
    walled = seed_walled(screened=attorney2, attorney=attorney, admin=admin_user)
    client = signed_in(attorney2)
    for url, params in (
        ("/matters/", {}),
        ("/matters/", {"q": "ZEBRA"}),
        ("/matters/", {"q": CANARY_NUMBER}),
        ("/matters/", {"q": "Zebracorp"}),
        ("/matters/", {"status": "open", "sort": "title"}),
        ("/matters/conflicts/", {}),
    ):
        response = client.get(url, params)
        assert response.status_code == 200
        assert_no_trace(response.content.decode(), params.get("q", ""))
    assert (
        "No matters match your search" in client.get("/matters/", {"q": "ZEBRA"}).content.decode()
    )
    for url in (f"/matters/{walled.pk}/", f"/matters/{walled.pk}/edit/"):
        response = client.get(url)
        assert response.status_code == 404
        assert_no_trace(response.content.decode())
    response = client.post(f"/matters/{walled.pk}/close/")
    assert response.status_code == 404
    search = client.post(
        "/matters/conflicts/",
        {"names": "Zebracorp Canary Holdings LLC\nQuagga Striped Ventures", "kind": "auto"},
    )
    body = search.content.decode()
    assert search.status_code == 200
    assert (
        "Possible conflict in a matter you are screened from; ask the conflicts administrator."
        in body
    )
    # The names searched are the user's own words; nothing else from the walled matter may appear.
    body = body.replace("Zebracorp Canary Holdings LLC", "").replace("Quagga Striped Ventures", "")
    assert_no_trace(body)
    # The admin (not screened) sees it all.
    admin = signed_in(admin_user)
    assert CANARY in admin.get("/matters/", {"q": "ZEBRA"}).content.decode()
    # Lifting the wall takes effect on the next request.
    services.wall_remove(by=admin_user, wall=EthicalWall.objects.get(matter=walled))
    assert CANARY in client.get("/matters/").content.decode()
    assert client.get(f"/matters/{walled.pk}/").status_code == 200


def test_screened_user_sees_redacted_hits_on_a_check_and_cannot_decide_them(
    attorney: Any, attorney2: Any, admin_user: Any
) -> None:
    walled = seed_walled(screened=attorney2, attorney=attorney, admin=admin_user)
    client = signed_in(attorney2)
    response = client.post(
        "/matters/intake/",
        {
            "client_name": "Zebracorp Canary Holdings, L.L.C.",
            "client_kind": "organization",
            "title": "New matter for a zebra company",
            "practice_area": "corporate",
            "responsible_attorney": str(attorney2.pk),
            "parties-TOTAL_FORMS": "0",
            "parties-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    check = ConflictCheck.objects.latest("id")
    hit = check.hits.get(hit_matter=walled)
    page = client.get(response["Location"]).content.decode()
    assert (
        "Possible conflict in a matter you are screened from; ask the conflicts administrator."
        in page
    )
    assert CANARY not in page and CANARY_NUMBER not in page and hit.reason not in page
    assert f'id="hit-{hit.pk}"' in page
    refused = client.post(
        f"/matters/conflicts/hits/{hit.pk}/dispose/",
        {"disposition": "cleared"},
        HTTP_HX_REQUEST="true",
    )
    assert "You are screened from the matter this hit is in" in refused.content.decode()
    hit.refresh_from_db()
    assert hit.disposition == "pending"
    assert client.post(f"/matters/conflicts/{check.pk}/open/").status_code == 302
    check.matter.refresh_from_db()
    assert check.matter.status == "intake"
    pdf = client.get(f"/matters/conflicts/{check.pk}/pdf")
    assert pdf.content.startswith(b"%PDF")
    # An admin sees and decides the hit; then the screened attorney can open the matter.
    admin = signed_in(admin_user)
    admin_page = admin.get(f"/matters/conflicts/{check.pk}/").content.decode()
    assert CANARY_NUMBER in admin_page
    admin.post(
        f"/matters/conflicts/hits/{hit.pk}/dispose/",
        {"disposition": "cleared"},
        HTTP_HX_REQUEST="true",
    )
    client.post(f"/matters/conflicts/{check.pk}/open/")
    check.matter.refresh_from_db()
    assert check.matter.status == "open"


def test_check_of_a_walled_matter_is_not_found(
    attorney: Any, attorney2: Any, admin_user: Any
) -> None:
    walled = seed_walled(screened=attorney2, attorney=attorney, admin=admin_user)
    check = services.conflict_check_run(by=attorney, matter=walled)
    client = signed_in(attorney2)
    for url in (f"/matters/conflicts/{check.pk}/", f"/matters/conflicts/{check.pk}/pdf"):
        response = client.get(url)
        assert response.status_code == 404
        assert_no_trace(response.content.decode())
    assert client.post(f"/matters/conflicts/{check.pk}/open/").status_code == 404


def test_adhoc_search_shows_reasons_and_is_audited(secretary: Any, attorney: Any) -> None:
    seed_firm(attorney)
    client = signed_in(secretary)
    response = client.post(
        "/matters/conflicts/",
        {"names": "Peggy O'Brien\nACME Holdings Incorporated", "kind": "auto"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Margaret O&#x27;Brien-Walsh" in body and "Acme Holdings, Inc." in body
    assert "Why:" in body and "2024-0031" in body
    entry = AuditEntry.objects.filter(action="conflict-search").latest("seq")
    assert entry.data["terms"] == ["Peggy O'Brien", "ACME Holdings Incorporated"]
    nothing = client.post(
        "/matters/conflicts/", {"names": "Xylophone Quartermaine", "kind": "person"}
    ).content.decode()
    assert "No possible conflicts found among" in nothing


@pytest.mark.parametrize(
    ("names", "message"),
    [
        ("", "Type at least one name to check, one per line."),
        ("   \n  ", "Type at least one name to check, one per line."),
        ("x" * 10_000, "10,000 characters long; the limit is 500."),
    ],
)
def test_adhoc_search_bad_input(secretary: Any, names: str, message: str) -> None:
    client = signed_in(secretary)
    before = AuditEntry.objects.filter(action="conflict-search").count()
    response = client.post("/matters/conflicts/", {"names": names, "kind": "auto"})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert AuditEntry.objects.filter(action="conflict-search").count() == before
