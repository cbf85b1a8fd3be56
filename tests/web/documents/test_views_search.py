"""Search, trash and categories pages."""

from __future__ import annotations

import pytest

from casedesk.web.documents.indexing import index_documents
from casedesk.web.documents.models import Category
from casedesk.web.documents.retention_services import document_trash, hold_place
from tests.web.documents.test_views_fixtures import *  # noqa: F403 - fixtures: firm, docs_dirs...
from tests.web.documents.test_views_fixtures import (
    CANARY,
    CANARY_WORD,
    client_for,
    extract_all,
    file_text,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def filed(firm, attorney):
    lease = file_text(
        attorney,
        firm["open"],
        "Lease.txt",
        "The tenant breached the lease by subletting; notice to quit was served.",
        category=Category.objects.get(slug="evidence"),
    )
    memo = file_text(
        attorney,
        firm["open"],
        "Memo.txt",
        "Research memo on <script>alert(1)</script> tenancy law.",
    )
    secret = file_text(
        attorney,
        firm["walled"],
        "Canary.txt",
        f"The {CANARY_WORD} settlement of the lease dispute.",
        title=f"{CANARY} settlement memo",
    )
    extract_all()
    return {"lease": lease, "memo": memo, "secret": secret}


def test_search_page_without_a_query_shows_the_help(firm, secretary):
    html = client_for(secretary).get("/documents/search/").content.decode()
    assert "How to search" in html and "breach of lease" in html
    assert "documents found" not in html


def test_search_finds_words_with_highlighted_snippets(filed, secretary):
    client = client_for(secretary)
    html = client.get("/documents/search/", {"q": "subletting"}).content.decode()
    assert "1 document found" in html
    assert "<mark>subletting</mark>" in html
    assert f'href="/documents/{filed["lease"].pk}/"' in html and "2027-0042" in html
    html = client.get("/documents/search/", {"q": '"notice to quit"'}).content.decode()
    assert "1 document found" in html
    html = client.get("/documents/search/", {"q": "lease OR tenancy"}).content.decode()
    assert "3 documents found" in html  # the secretary is not screened from the walled matter
    html = client.get("/documents/search/", {"q": "tenancy"}).content.decode()
    assert "<script>alert(1)</script>" not in html  # the document's text is escaped
    assert "&lt;script&gt;" in html
    filed["memo"].title = "<b>Bold</b> tenancy memo"
    filed["memo"].save()
    index_documents([filed["memo"].pk])
    html = client.get("/documents/search/", {"q": "tenancy"}).content.decode()
    assert "<b>Bold</b>" not in html and "&lt;b&gt;Bold&lt;/b&gt;" in html
    html = client.get("/documents/search/", {"q": "tenancy OR subletting", "category": "evidence"})
    assert "1 document found" in html.content.decode()
    html = client.get("/documents/search/", {"q": "zzzznothing"}).content.decode()
    assert "No documents found for <strong>zzzznothing</strong>" in html


def test_a_bad_query_is_a_message_not_an_error(filed, secretary):
    client = client_for(secretary)
    for q in ('"unclosed phrase', "(lease OR", "lease AND"):
        response = client.get("/documents/search/", {"q": q})
        assert response.status_code == 200, q
        assert 'class="errorlist"' in response.content.decode(), q


def test_bad_filters_are_messages(filed, secretary):
    client = client_for(secretary)
    html = client.get(
        "/documents/search/", {"q": "lease", "date_from": "2027-05-01", "date_to": "2027-01-01"}
    ).content.decode()
    assert "The end date is before the start date." in html
    html = client.get("/documents/search/", {"q": "lease", "date_from": "soon"}).content.decode()
    assert "Enter a date like 2027-03-15." in html
    html = client.get("/documents/search/", {"category": "evidence"}).content.decode()
    assert "Type a word or a phrase to search for." in html
    assert client.get("/documents/search/", {"q": "lease", "page": "9999"}).status_code == 200


def test_screened_user_finds_nothing_from_the_walled_matter(filed, firm, attorney):
    lawyer = client_for(attorney)
    assert (
        "1 document found" in lawyer.get("/documents/search/", {"q": CANARY_WORD}).content.decode()
    )
    client = client_for(firm["screened"])
    html = client.get("/documents/search/", {"q": CANARY_WORD}).content.decode()
    assert "No documents found" in html
    assert CANARY not in html and "2027-0666" not in html
    html = client.get("/documents/search/", {"q": "lease"}).content.decode()
    assert "1 document found" in html and CANARY not in html
    # Asking for the walled matter by id is refused like any unknown matter.
    html = client.get(
        "/documents/search/", {"q": "lease", "matter": firm["walled"].pk}
    ).content.decode()
    assert "Choose one of your matters from the list." in html and CANARY not in html


def test_search_in_one_matter(filed, firm, attorney):
    client = client_for(attorney)
    html = client.get(
        "/documents/search/", {"q": "lease", "matter": firm["open"].pk}
    ).content.decode()
    assert "1 document found" in html
    html = client.get("/documents/search/", {"q": "lease"}).content.decode()
    assert "2 documents found" in html


def test_trashed_documents_are_not_found_and_are_listed_in_the_trash(filed, attorney, admin_user):
    document_trash(by=attorney, document=filed["memo"])
    client = client_for(attorney)
    # Before the queued re-index runs, the index still has it: the page loads hits only
    # through the visible documents, so nothing is shown.
    html = client.get("/documents/search/", {"q": "tenancy"}).content.decode()
    assert "No documents found" in html and "Memo" not in html
    index_documents([filed["memo"].pk])  # what the queued task does once the trash commits
    html = client.get("/documents/search/", {"q": "tenancy"}).content.decode()
    assert "No documents found" in html
    html = client.get("/documents/trash/").content.decode()
    assert "Memo" in html and "Restore" in html


def test_trash_says_when_a_hold_blocks_deletion(filed, attorney, admin_user, firm):
    document_trash(by=attorney, document=filed["memo"])
    hold_place(by=attorney, reason="Preservation letter", matter=firm["open"])
    admin = client_for(admin_user)
    html = admin.get("/documents/trash/").content.decode()
    assert "On legal hold" in html and "Held: cannot be deleted" in html
    response = admin.post(f"/documents/{filed['memo'].pk}/purge/")
    assert "is under a legal hold" in admin.get(response["Location"]).content.decode()


def test_trash_hides_walled_documents(filed, attorney, firm):
    document_trash(by=attorney, document=filed["secret"])
    html = client_for(firm["screened"]).get("/documents/trash/").content.decode()
    assert CANARY not in html and "The trash is empty." in html
    assert (
        client_for(firm["screened"]).post(f"/documents/{filed['secret'].pk}/untrash/").status_code
        == 404
    )


def test_categories_for_administrators_only(firm, admin_user, secretary):
    assert client_for(secretary).get("/documents/categories/").status_code == 404
    assert client_for(secretary).post("/documents/categories/", {"name": "X"}).status_code == 404
    admin = client_for(admin_user)
    html = admin.get("/documents/categories/").content.decode()
    assert "Pleadings" in html and "Built in" in html
    response = admin.post("/documents/categories/", {"name": "Medical records"})
    assert response.status_code == 302
    assert Category.objects.filter(name="Medical records", builtin=False).exists()
    response = admin.post("/documents/categories/", {"name": "medical records"})
    assert response.status_code == 400
    assert "There is already a category called" in response.content.decode()
    response = admin.post("/documents/categories/", {"name": ""})
    assert "Type the name of the new category." in response.content.decode()
