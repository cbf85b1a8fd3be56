"""The research endpoints of the REST API: search, an opinion, lookup, cited-by (firm-wide), and
cite-checks and authorities (matter data: walls and roles apply as on the pages)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from casedesk.core.citations import cite_check, cite_check_json
from casedesk.web.api.services import api_token_create
from casedesk.web.audit.models import AuditEntry
from casedesk.web.research.adapters import OrmCitationLibrary
from casedesk.web.research.import_services import import_run, import_start
from casedesk.web.research.models import CiteCheck, Opinion, SavedAuthority
from casedesk.web.research.services import authority_save, cite_check_run, cite_check_start
from tests.web.research import conftest as research

pytestmark = pytest.mark.django_db

# The research app's fixtures: its private data folder, the matter, a clerk walled off from it.
research_storage = research.research_storage
matter = research.matter
screened = research.screened

# A tiny library: real Supreme Court cases with their U.S. Reports citations, short texts that
# cite one another, and one citation (Olmstead) the library does not have.
MAPP = {
    "id": "api-mapp",
    "case_name": "Mapp v. Ohio",
    "court": "scotus",
    "jurisdiction": "US",
    "date_filed": "1961-06-19",
    "citations": ["367 U.S. 643"],
    "text": "MR. JUSTICE CLARK delivered the opinion of the Court. All evidence obtained by "
    "searches and seizures in violation of the Constitution is inadmissible in a state court.",
}
KATZ = {
    "id": "api-katz",
    "case_name": "Katz v. United States",
    "court": "scotus",
    "jurisdiction": "US",
    "date_filed": "1967-12-18",
    "citations": ["389 U.S. 347"],
    "text": "MR. JUSTICE STEWART delivered the opinion of the Court. The Fourth Amendment "
    "protects people, not places. The trespass doctrine of Olmstead v. United States, "
    "277 U.S. 438 (1928), can no longer be regarded as controlling. See Mapp v. Ohio, "
    "367 U.S. 643 (1961).",
}
TERRY = {
    "id": "api-terry",
    "case_name": "Terry v. Ohio",
    "court": "scotus",
    "jurisdiction": "US",
    "date_filed": "1968-06-10",
    "citations": ["392 U.S. 1"],
    "text": "MR. CHIEF JUSTICE WARREN delivered the opinion of the Court. A police officer may "
    "stop and frisk a person for weapons on reasonable suspicion. Katz v. United States, "
    "389 U.S. 347, 351 (1967). Id. at 352. The exclusionary rule of Mapp v. Ohio, "
    "367 U.S. 643 (1961), has its limits.",
}
GRISWOLD = {
    "id": "api-griswold",
    "case_name": "Griswold v. Connecticut",
    "court": "scotus",
    "jurisdiction": "US",
    "date_filed": "1965-06-07",
    "citations": ["381 U.S. 479"],
    "text": "MR. JUSTICE DOUGLAS delivered the opinion of the Court. Specific guarantees in "
    "the Bill of Rights have penumbras that create zones of privacy.",
}
ROE = {
    "id": "api-roe",
    "case_name": "Roe v. Wade",
    "court": "scotus",
    "jurisdiction": "US",
    "date_filed": "1973-01-22",
    "citations": ["410 U. S. 113"],
    "text": "MR. JUSTICE BLACKMUN delivered the opinion of the Court. The right of personal "
    "privacy includes the abortion decision. Griswold v. Connecticut, 381 U.S. 479, 485 "
    "(1965); Katz v. United States, 389 U.S. 347, 350 (1967).",
}
RECORDS = [MAPP, KATZ, TERRY, GRISWOLD, ROE]

DRAFT = (
    "MEMORANDUM OF POINTS AND AUTHORITIES\n\n"
    "Privacy is protected. Griswold v. Connecticut, 381 U.S. 479, 485 (1965).\n"
    "People, not places. Katz v. United States, 389 U.S. 347 (1967).\n"
    "A frisk needs suspicion. Smith v. Jones, 392 U.S. 1 (1968).\n"
    "Courts have so held. Doe v. Fakeco Industries, 999 U.S. 999 (2001).\n"
)


@pytest.fixture
def library(clerk: Any, tmp_path: Path) -> dict[str, Opinion]:
    """The records above, imported in-process; source id -> opinion."""
    path = tmp_path / "library.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in RECORDS) + "\n", encoding="utf-8")
    job = import_run(import_start(by=clerk, files=[path], enqueue=False).pk)
    assert job.status == "done" and job.added == len(RECORDS), job.message
    return {o.source_id: o for o in Opinion.objects.all()}


def bearer(user: Any) -> dict[str, str]:
    _, key = api_token_create(by=user, name="script")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def post_json(client: Client, url: str, data: dict[str, Any], auth: dict[str, str]) -> Any:
    return client.post(url, data, content_type="application/json", **auth)


def upload(client: Client, auth: dict[str, str], text: str = DRAFT, **fields: Any) -> Any:
    body = {"file": SimpleUploadedFile("brief.txt", text.encode()), **fields}
    return client.post("/api/v1/cite-checks", body, **auth)


def authorities_url(matter: Any) -> str:
    return f"/api/v1/matters/{matter.pk}/authorities"


def test_requests_without_a_token_are_refused(
    client: Client, library: dict[str, Opinion], attorney: Any, matter: Any
) -> None:
    roe = library["api-roe"]
    saved = authority_save(by=attorney, matter=matter, opinion=roe)
    for url in (
        "/api/v1/opinions/search?q=privacy",
        f"/api/v1/opinions/{roe.pk}",
        "/api/v1/citations/lookup?citation=410+U.S.+113",
        "/api/v1/citations/cited-by?citation=389+U.S.+347",
        "/api/v1/cite-checks/1",
        authorities_url(matter),
    ):
        assert client.get(url).status_code == 401, url
    assert upload(client, {}).status_code == 401
    assert (
        post_json(client, authorities_url(matter), {"citation": "392 U.S. 1"}, {}).status_code
        == 401
    )
    assert client.delete(f"/api/v1/authorities/{saved.pk}").status_code == 401
    assert CiteCheck.objects.count() == 0 and SavedAuthority.objects.count() == 1


def test_search_with_filters_facets_and_paging(
    client: Client, library: dict[str, Opinion], secretary: Any
) -> None:
    auth = bearer(secretary)
    response = client.get("/api/v1/opinions/search", {"q": "privacy"}, **auth)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["total"] == 2
    assert {h["id"] for h in body["hits"]} == {"api-roe", "api-griswold"}
    roe = next(h for h in body["hits"] if h["id"] == "api-roe")
    assert roe["pk"] == library["api-roe"].pk and roe["case_name"] == "Roe v. Wade"
    assert roe["court"] == "scotus" and roe["date_filed"] == "1973-01-22"
    assert roe["score"] > 0 and "privacy" in roe["snippet"] and "<mark>" not in roe["snippet"]
    assert body["facets"]["court"] == [{"value": "scotus", "count": 2}]
    assert sorted(f["value"] for f in body["facets"]["year"]) == [1965, 1973]

    def ids(**params: Any) -> list[str]:
        found = client.get("/api/v1/opinions/search", params, **auth)
        assert found.status_code == 200, found.content
        return [h["id"] for h in found.json()["hits"]]

    assert ids(q="privacy", year_from=1970) == ["api-roe"]
    assert ids(q="privacy", year_to=1970) == ["api-griswold"]
    assert ids(q="privacy", court="ca9") == []
    assert ids(q="Court", sort="date") == [
        "api-roe",
        "api-terry",
        "api-katz",
        "api-griswold",
        "api-mapp",
    ]
    assert ids(q="Court", sort="date", offset=1, limit=2) == ["api-terry", "api-katz"]
    assert set(ids(q='cites:"389 U.S. 347"')) == {"api-roe", "api-terry"}


@pytest.mark.parametrize("query", ['"unbalanced phrase', "(privacy OR", "judge:warren"])
def test_a_bad_query_is_a_422_with_a_sentence(
    client: Client, library: dict[str, Opinion], clerk: Any, query: str
) -> None:
    response = client.get("/api/v1/opinions/search", {"q": query}, **bearer(clerk))
    assert response.status_code == 422
    body = response.json()
    assert body["field"] == "q" and len(body["detail"]) > 10 and body["detail"].endswith(".")


def test_search_needs_a_query_and_a_known_sort(
    client: Client, library: dict[str, Opinion], clerk: Any
) -> None:
    auth = bearer(clerk)
    empty = client.get("/api/v1/opinions/search", {"q": "  "}, **auth)
    assert empty.status_code == 422 and empty.json()["field"] == "q"
    sort = client.get("/api/v1/opinions/search", {"q": "privacy", "sort": "oldest"}, **auth)
    assert sort.status_code == 422 and sort.json()["field"] == "sort"


def test_opinion_with_its_citations(
    client: Client, library: dict[str, Opinion], readonly: Any
) -> None:
    auth = bearer(readonly)  # opinions are public law: a read-only user reads them too
    roe, katz = library["api-roe"], library["api-katz"]
    response = client.get(f"/api/v1/opinions/{roe.pk}", **auth)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["id"] == "api-roe" and body["pk"] == roe.pk and body["year"] == 1973
    assert body["citations"] == ["410 U.S. 113"] and body["jurisdiction"] == "US"
    assert body["cited_by_count"] == 0 and "personal privacy" in body["text"]
    outgoing = [(o["normalized"], o["target_pk"], o["pin_cite"]) for o in body["outgoing"]]
    assert outgoing == [
        ("381 U.S. 479", library["api-griswold"].pk, "485"),
        ("389 U.S. 347", katz.pk, "350"),
    ]
    katz_body = client.get(f"/api/v1/opinions/{katz.pk}", **auth).json()
    assert katz_body["cited_by_count"] == 2  # Terry and Roe
    targets = {o["normalized"]: o["target_pk"] for o in katz_body["outgoing"]}
    assert targets == {"277 U.S. 438": None, "367 U.S. 643": library["api-mapp"].pk}
    assert client.get("/api/v1/opinions/999999", **auth).status_code == 404


def test_citation_lookup(client: Client, library: dict[str, Opinion], clerk: Any) -> None:
    auth = bearer(clerk)
    response = client.get(
        "/api/v1/citations/lookup",
        {"citation": ["410 U. S. 113", "Olmstead v. United States, 277 U.S. 438", "hello there"]},
        **auth,
    )
    assert response.status_code == 200, response.content
    rows = response.json()["citations"]
    assert [(r["citation"], r["normalized"]) for r in rows] == [
        ("410 U. S. 113", "410 U.S. 113"),
        ("Olmstead v. United States, 277 U.S. 438", "277 U.S. 438"),
        ("hello there", None),  # not a citation
    ]
    assert rows[0]["opinions"] == [
        {
            "id": "api-roe",
            "pk": library["api-roe"].pk,
            "case_name": "Roe v. Wade",
            "court": "scotus",
            "date_filed": "1973-01-22",
        }
    ]
    assert rows[1]["opinions"] == [] and rows[2]["opinions"] == []
    missing = client.get("/api/v1/citations/lookup", **auth)
    assert missing.status_code == 422 and missing.json()["field"] == "citation"


def test_cited_by_has_the_shape_of_the_cli(
    client: Client, library: dict[str, Opinion], clerk: Any
) -> None:
    auth = bearer(clerk)
    response = client.get("/api/v1/citations/cited-by", {"citation": "389 U. S. 347"}, **auth)
    assert response.status_code == 200, response.content
    assert response.json() == {
        "citation": "389 U.S. 347",
        "opinions": [
            {"id": "api-terry", "case_name": "Terry v. Ohio", "count": 2},  # with the Id.
            {"id": "api-roe", "case_name": "Roe v. Wade", "count": 1},
        ],
    }
    # The cited case need not be in the library.
    olmstead = client.get("/api/v1/citations/cited-by", {"citation": "277 U.S. 438"}, **auth)
    assert [o["id"] for o in olmstead.json()["opinions"]] == ["api-katz"]
    nothing = client.get("/api/v1/citations/cited-by", {"citation": "hello there"}, **auth)
    assert nothing.status_code == 422 and "not a case citation" in nothing.json()["detail"]


def test_cite_check_upload_progress_and_result(
    client: Client, library: dict[str, Opinion], clerk: Any, matter: Any
) -> None:
    auth = bearer(clerk)
    response = upload(client, auth, matter_id=matter.pk)
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["status"] == "queued"
    check = CiteCheck.objects.get(pk=created["id"])
    assert check.matter == matter and check.created_by == clerk
    waiting = client.get(f"/api/v1/cite-checks/{check.pk}", **auth).json()
    assert waiting["status"] == "queued" and waiting["result"] is None
    assert waiting["filename"] == "brief.txt" and waiting["matter_id"] == matter.pk
    cite_check_run(check.pk)
    done = client.get(f"/api/v1/cite-checks/{check.pk}", **auth).json()
    assert done["status"] == "done" and done["progress"] == 100 and done["finished_at"]
    # Exactly what ``casedesk cite-check --json`` prints for the same draft.
    assert done["result"] == cite_check_json(cite_check(DRAFT, OrmCitationLibrary()))
    statuses = {r["normalized"]: r["status"] for r in done["result"]["citations"]}
    assert statuses == {
        "381 U.S. 479": "found",
        "389 U.S. 347": "found",
        "392 U.S. 1": "name_mismatch",
        "999 U.S. 999": "not_found",
    }
    assert AuditEntry.objects.filter(object_type="citecheck", object_id=check.pk).exists()


def test_cite_check_refusals(client: Client, library: dict[str, Opinion], clerk: Any) -> None:
    auth = bearer(clerk)
    missing = client.post("/api/v1/cite-checks", {}, **auth)
    assert missing.status_code == 422 and missing.json()["field"] == "file"
    png = client.post(
        "/api/v1/cite-checks",
        {"file": SimpleUploadedFile("scan.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64)},
        **auth,
    )
    assert png.status_code == 422 and "PDF, Word" in png.json()["detail"]
    assert upload(client, auth, matter_id=999999).status_code == 404
    assert CiteCheck.objects.count() == 0
    # A check without a matter is its author's alone.
    own = upload(client, auth).json()
    other = bearer(library["api-roe"].imported_by.__class__.objects.create_user("x", role="clerk"))
    assert client.get(f"/api/v1/cite-checks/{own['id']}", **other).status_code == 404
    assert client.get(f"/api/v1/cite-checks/{own['id']}", **auth).status_code == 200


def test_authorities_saved_listed_and_removed(
    client: Client, library: dict[str, Opinion], attorney: Any, matter: Any
) -> None:
    auth = bearer(attorney)
    url = authorities_url(matter)
    roe = library["api-roe"]
    by_opinion = post_json(
        client, url, {"opinion_pk": roe.pk, "notes": "Key case", "tags": ["Privacy", "key"]}, auth
    )
    assert by_opinion.status_code == 201, by_opinion.content
    saved = by_opinion.json()
    assert (saved["citation"], saved["case_name"], saved["opinion_pk"]) == (
        "410 U.S. 113",
        "Roe v. Wade",
        roe.pk,
    )
    assert saved["tags"] == ["privacy", "key"] and saved["matter_id"] == matter.pk
    assert saved["created_by"] == attorney.username
    typed = post_json(client, url, {"citation": "277 U. S. 438", "tags": "wiretap"}, auth)
    assert typed.status_code == 201, typed.content
    assert typed.json()["normalized"] == "277 U.S. 438" and typed.json()["opinion_pk"] is None
    # Found in the library by its citation.
    terry = post_json(client, url, {"citation": "Terry v. Ohio, 392 U.S. 1 (1968)"}, auth).json()
    assert terry["opinion_pk"] == library["api-terry"].pk

    again = post_json(client, url, {"citation": "410 U.S. 113"}, auth)
    assert again.status_code == 422 and "already saved" in again.json()["detail"]
    not_a_citation = post_json(client, url, {"citation": "hello there"}, auth)
    assert not_a_citation.status_code == 422 and not_a_citation.json()["field"] == "citation"
    no_opinion = post_json(client, url, {"opinion_pk": 999999}, auth)
    assert no_opinion.status_code == 422 and no_opinion.json()["field"] == "opinion_pk"
    nothing = post_json(client, url, {}, auth)
    assert nothing.status_code == 422 and nothing.json()["field"] == "citation"

    listed = client.get(url, **auth).json()
    assert [a["case_name"] for a in listed] == ["", "Roe v. Wade", "Terry v. Ohio"]
    tagged = client.get(url, {"tag": "wiretap"}, **auth).json()
    assert [a["citation"] for a in tagged] == ["277 U.S. 438"]

    removed = client.delete(f"/api/v1/authorities/{saved['id']}", **auth)
    assert removed.status_code == 204
    assert not SavedAuthority.objects.filter(pk=saved["id"]).exists()
    assert client.delete(f"/api/v1/authorities/{saved['id']}", **auth).status_code == 404
    assert AuditEntry.objects.filter(
        action="research.authority_delete", object_id=saved["id"], actor=attorney
    ).exists()


def test_readonly_may_read_but_not_write(
    client: Client, library: dict[str, Opinion], attorney: Any, readonly: Any, matter: Any
) -> None:
    saved = authority_save(by=attorney, matter=matter, opinion=library["api-roe"])
    auth = bearer(readonly)
    assert client.get(authorities_url(matter), **auth).status_code == 200
    refused = [
        post_json(client, authorities_url(matter), {"citation": "392 U.S. 1"}, auth),
        post_json(client, authorities_url(matter), {}, auth),  # the role, whatever is sent
        client.delete(f"/api/v1/authorities/{saved.pk}", **auth),
        upload(client, auth),
        upload(client, auth, matter_id=matter.pk),
        client.post("/api/v1/cite-checks", {}, **auth),
    ]
    for response in refused:
        assert response.status_code == 403, response.content
        assert response.json() == {
            "detail": "Your role is read-only: ask an administrator to make this change."
        }
    assert SavedAuthority.objects.count() == 1 and CiteCheck.objects.count() == 0


def test_screened_user_gets_404_for_the_walled_matters_research(
    client: Client,
    library: dict[str, Opinion],
    attorney: Any,
    screened: Any,
    matter: Any,
    tmp_path: Path,
) -> None:
    saved = authority_save(by=attorney, matter=matter, opinion=library["api-roe"], notes="Wall")
    draft = tmp_path / "walled.txt"
    draft.write_text(DRAFT)
    check = cite_check_start(
        by=attorney, path=draft, filename="walled.txt", matter=matter, enqueue=False
    )
    cite_check_run(check.pk)
    auth = bearer(screened)
    # Opinions are not matter data: the screened user still reads them.
    assert client.get(f"/api/v1/opinions/{library['api-roe'].pk}", **auth).status_code == 200
    for response in (
        client.get(authorities_url(matter), **auth),
        post_json(client, authorities_url(matter), {"citation": "392 U.S. 1"}, auth),
        post_json(client, authorities_url(matter), {}, auth),
        client.delete(f"/api/v1/authorities/{saved.pk}", **auth),
        client.get(f"/api/v1/cite-checks/{check.pk}", **auth),
        upload(client, auth, matter_id=matter.pk),
    ):
        assert response.status_code == 404, response.content
        content = response.content.decode()
        assert "Privacy litigation" not in content and "walled.txt" not in content
    assert SavedAuthority.objects.count() == 1 and CiteCheck.objects.count() == 1
