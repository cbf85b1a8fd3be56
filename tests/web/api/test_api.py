"""The REST API: token authentication, walls, audited reads, intake and conflict search."""

from __future__ import annotations

import pytest
from django.test import Client

from casedesk.web.api.services import api_token_create, api_token_revoke
from casedesk.web.audit.models import AuditEntry
from casedesk.web.matters.models import Matter
from casedesk.web.matters.services import PartyInput, intake_create, matter_open, wall_create

pytestmark = pytest.mark.django_db


def bearer(key: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


@pytest.fixture
def firm(secretary, attorney, admin_user):
    walled = intake_create(
        by=secretary,
        title="ZEBRA-CANARY Holdings dispute",
        practice_area="litigation",
        client=PartyInput("Zebra Canary Holdings LLC", "organization", "client"),
        responsible_attorney=admin_user,
    )
    plain = intake_create(
        by=secretary,
        title="Smith employment",
        practice_area="employment",
        client=PartyInput("John Smith", "person", "client"),
        responsible_attorney=admin_user,
    )
    matter_open(by=admin_user, matter=plain)
    wall_create(by=admin_user, matter=walled, user=attorney, reason="lateral hire")
    return walled, plain


def test_requests_without_a_token_are_refused(client: Client) -> None:
    assert client.get("/api/v1/matters").status_code == 401
    assert client.get("/api/v1/matters", **bearer("cd_not-a-real-token")).status_code == 401


def test_token_sees_what_its_user_sees(client: Client, firm, attorney, secretary) -> None:
    walled, plain = firm
    _, key = api_token_create(by=attorney, name="script")
    body = client.get("/api/v1/matters", **bearer(key)).json()
    numbers = [m["number"] for m in body["items"]]
    assert plain.number in numbers and walled.number not in numbers
    assert (
        "ZEBRA" not in client.get("/api/v1/contacts?search=zebra", **bearer(key)).content.decode()
    )
    assert client.get(f"/api/v1/matters/{walled.pk}", **bearer(key)).status_code == 404
    ok = client.get(f"/api/v1/matters/{plain.pk}", **bearer(key))
    assert ok.status_code == 200 and ok.json()["parties"][0]["name"] == "John Smith"
    assert AuditEntry.objects.filter(action="view", object_type="matter", actor=attorney).exists()
    _, key2 = api_token_create(by=secretary, name="other")
    assert client.get(f"/api/v1/matters/{walled.pk}", **bearer(key2)).status_code == 200


def test_revoked_token_and_deactivated_user_are_refused(
    client: Client, attorney, admin_user
) -> None:
    token, key = api_token_create(by=attorney, name="script")
    assert client.get("/api/v1/matters", **bearer(key)).status_code == 200
    api_token_revoke(by=attorney, token=token)
    assert client.get("/api/v1/matters", **bearer(key)).status_code == 401
    _, key = api_token_create(by=attorney, name="again")
    attorney.is_active = False
    attorney.save()
    assert client.get("/api/v1/matters", **bearer(key)).status_code == 401


def test_intake_and_conflict_search(client: Client, firm, secretary, admin_user, attorney) -> None:
    _, key = api_token_create(by=secretary, name="web form")
    resp = client.post(
        "/api/v1/intake",
        {
            "title": "Smith v. Jones",
            "practice_area": "litigation",
            "client": {"name": "Jon Smith", "kind": "person"},
            "other_parties": [{"name": "Nguyễn Văn An", "kind": "person", "role": "adverse-party"}],
            "responsible_attorney": admin_user.username,
        },
        content_type="application/json",
        **bearer(key),
    )
    assert resp.status_code == 201, resp.content
    assert resp.json()["conflict_check_status"] == "pending"
    bad = client.post(
        "/api/v1/intake",
        {"title": "x", "practice_area": "astrology", "client": {"name": "A B"}},
        content_type="application/json",
        **bearer(key),
    )
    assert bad.status_code == 400 and "practice area" in bad.json()["detail"]
    _, akey = api_token_create(by=attorney, name="screened")
    found = client.post(
        "/api/v1/conflicts/search",
        {"names": ["Zebra Canary Holdings"]},
        content_type="application/json",
        **bearer(akey),
    ).json()
    assert found[0]["hits"] and all(h["redacted"] and not h["name"] for h in found[0]["hits"])
    assert "ZEBRA" not in str(found).upper().replace(
        "ZEBRA CANARY HOLDINGS'", ""
    )  # only the query echoes it
    assert Matter.objects.filter(title="Smith v. Jones").exists()


def test_openapi_schema_is_published(client: Client, attorney) -> None:
    _, key = api_token_create(by=attorney, name="docs")
    client.force_login(attorney)
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/conflicts/search" in schema["paths"]
