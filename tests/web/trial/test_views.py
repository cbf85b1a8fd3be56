"""The trial pages for each kind of user: writers work, read-only users look, a screened user
finds nothing; bad posts are messages, never a 500."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from casedesk.web.trial.exhibit_services import exhibits_mark
from casedesk.web.trial.models import Exhibit, PrivilegeEntry, Witness
from casedesk.web.trial.privilege_services import PrivilegeInput, privilege_entry_create
from casedesk.web.trial.stickers import sticker_make
from casedesk.web.trial.witness_services import WitnessInput, witness_create
from tests.web.trial.conftest import make_pdf
from tests.web.trial.test_privilege import MEMO

pytestmark = pytest.mark.django_db


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def objects(
    clerk: Any, matter: Any, pdf_docs: list[Any], file_doc: Any, tmp_path: Path
) -> dict[str, Any]:
    """An exhibit with its sticker, a witness, a logged and an unlogged privileged document."""
    (exhibit,) = exhibits_mark(
        by=clerk, matter=matter, document_ids=[pdf_docs[0].pk], party="plaintiff", enqueue=False
    )
    sticker_make(exhibit.pk)
    witness = witness_create(by=clerk, matter=matter, data=WitnessInput(name="Rosa Delgado"))
    logged = file_doc(make_pdf(tmp_path / "memo.pdf"), title="Memo", privileged=True, text=MEMO)
    pending = file_doc(make_pdf(tmp_path / "notes.pdf"), title="Attorney notes", privileged=True)
    entry = privilege_entry_create(
        by=clerk,
        document=logged,
        data=PrivilegeInput(description="Memorandum providing legal advice regarding lease."),
    ).entry
    return {
        "exhibit": exhibit,
        "witness": witness,
        "entry": entry,
        "logged": logged,
        "pending": pending,
    }


def page_urls(matter: Any, objects: dict[str, Any]) -> list[str]:
    e, w, p = objects["exhibit"].pk, objects["witness"].pk, objects["entry"].pk
    m = matter.pk
    return [
        f"/trial/matter/{m}/exhibits/",
        f"/trial/matter/{m}/exhibits/?proceeding=Hearing+on+motion+to+dismiss",
        f"/trial/matter/{m}/exhibits/mark/",
        f"/trial/matter/{m}/exhibits/heading/",
        f"/trial/exhibits/{e}/",
        f"/trial/exhibits/{e}/row/",
        f"/trial/matter/{m}/witnesses/",
        f"/trial/witnesses/{w}/",
        f"/trial/matter/{m}/privilege/",
        f"/trial/privilege/document/{objects['pending'].pk}/",
        f"/trial/privilege/{p}/",
    ]


def download_urls(matter: Any, objects: dict[str, Any]) -> list[tuple[str, str]]:
    m = matter.pk
    return [
        (f"/trial/matter/{m}/exhibits/list.docx", "wordprocessingml"),
        (f"/trial/matter/{m}/exhibits/list.pdf?party=plaintiff", "application/pdf"),
        (f"/trial/matter/{m}/exhibits/list.xlsx", "spreadsheetml"),
        (f"/trial/matter/{m}/exhibits/list.csv", "text/csv"),
        (f"/trial/matter/{m}/witnesses/list.docx", "wordprocessingml"),
        (f"/trial/matter/{m}/witnesses/list.pdf", "application/pdf"),
        (f"/trial/matter/{m}/privilege/log.csv", "text/csv"),
        (f"/trial/matter/{m}/privilege/log.xlsx", "spreadsheetml"),
        (f"/trial/matter/{m}/privilege/log.pdf", "application/pdf"),
        (f"/trial/exhibits/{objects['exhibit'].pk}/sticker.pdf", "application/pdf"),
    ]


@pytest.mark.parametrize("role", ["attorney", "secretary", "clerk", "admin_user", "readonly"])
def test_every_page_and_download_for_those_who_see_the_matter(
    request: pytest.FixtureRequest, role: str, matter: Any, objects: dict[str, Any]
) -> None:
    client = client_for(request.getfixturevalue(role))
    for url in page_urls(matter, objects):
        response = client.get(url)
        assert response.status_code == 200, url
        assert matter.number in response.content.decode() or "row" in url, url
    for url, kind in download_urls(matter, objects):
        response = client.get(url)
        assert response.status_code == 200, url
        assert kind in response["Content-Type"], url
        assert response["Content-Disposition"].startswith("attachment"), url


def test_a_screened_user_finds_nothing(screened: Any, matter: Any, objects: dict[str, Any]) -> None:
    client = client_for(screened)
    urls = page_urls(matter, objects) + [u for u, _ in download_urls(matter, objects)]
    for url in urls:
        assert client.get(url).status_code == 404, url
    e = objects["exhibit"].pk
    for url in (
        f"/trial/matter/{matter.pk}/exhibits/mark/",
        f"/trial/exhibits/{e}/status/",
        f"/trial/exhibits/{e}/delete/",
        f"/trial/witnesses/{objects['witness'].pk}/delete/",
        f"/trial/privilege/{objects['entry'].pk}/delete/",
    ):
        assert client.post(url, {"status": "admitted"}).status_code == 404, url
    assert Exhibit.objects.get().status == "listed"


def test_readonly_sees_no_forms_and_cannot_post(
    readonly: Any, matter: Any, objects: dict[str, Any], pdf_docs: list[Any]
) -> None:
    client = client_for(readonly)
    page = client.get(f"/trial/matter/{matter.pk}/exhibits/").content.decode()
    assert "Mark documents as exhibits" not in page and "At trial" not in page
    assert "Stickered PDF" in page
    response = client.post(
        f"/trial/matter/{matter.pk}/exhibits/mark/",
        {"documents": [pdf_docs[1].pk], "party": "plaintiff", "numbering": "numbers"},
    )
    assert response.status_code == 403
    assert "read-only" in response.content.decode()
    e = objects["exhibit"].pk
    response = client.post(f"/trial/exhibits/{e}/status/", {"status": "admitted"}, follow=True)
    assert "read-only" in response.content.decode()
    assert Exhibit.objects.count() == 1 and Exhibit.objects.get().status == "listed"
    client.post(
        f"/trial/matter/{matter.pk}/witnesses/",
        {"name": "X", "party": "plaintiff", "will_call": "will"},
    )
    assert Witness.objects.count() == 1


def test_mark_from_the_page(clerk: Any, matter: Any, pdf_docs: list[Any]) -> None:
    client = client_for(clerk)
    page = client.get(f"/trial/matter/{matter.pk}/exhibits/mark/").content.decode()
    assert "Master services agreement" in page and "Invoice 4471" in page
    response = client.post(
        f"/trial/matter/{matter.pk}/exhibits/mark/",
        {
            "documents": [pdf_docs[2].pk, pdf_docs[0].pk],
            "party": "defendant",
            "numbering": "letters",
            "proceeding": "Hearing on motion to dismiss",
            "witness": "",
            "start": "",
            "date": "2027-03-08",
        },
        follow=True,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Marked 2 documents as defendant&#x27;s exhibits A–B" in html
    assert "Hearing on motion to dismiss: 2 exhibits" in html
    assert list(Exhibit.objects.order_by("sort_key").values_list("number", "document_id")) == [
        ("A", pdf_docs[2].pk),
        ("B", pdf_docs[0].pk),
    ]
    bad = client.post(
        f"/trial/matter/{matter.pk}/exhibits/mark/",
        {"party": "plaintiff", "numbering": "bates", "documents": [pdf_docs[1].pk]},
    )
    assert bad.status_code == 400
    assert "has no Bates number yet" in bad.content.decode()
    # The choice survives the refusal.
    assert f'value="{pdf_docs[1].pk}" id="doc-{pdf_docs[1].pk}" checked' in bad.content.decode()


def test_status_buttons_answer_with_the_row(
    clerk: Any, matter: Any, objects: dict[str, Any]
) -> None:
    client = client_for(clerk)
    e = objects["exhibit"]
    response = client.post(
        f"/trial/exhibits/{e.pk}/status/",
        {"status": "admitted", "on": "2027-03-10"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200 and html.lstrip().startswith("<tr")
    assert "03/10/2027" in html and ">Admitted<" in html
    e.refresh_from_db()
    assert (e.status, e.admitted_on, e.offered_on) == (
        "admitted",
        dt.date(2027, 3, 10),
        dt.date(2027, 3, 10),
    )
    # Without htmx: back to the list with a message; no date means today.
    response = client.post(f"/trial/exhibits/{e.pk}/status/", {"status": "withdrawn"}, follow=True)
    assert (
        f"Exhibit PX 1: withdrawn on {timezone.localdate():%m/%d/%Y}." in response.content.decode()
    )
    bad = client.post(f"/trial/exhibits/{e.pk}/status/", {"status": "lost"}, HTTP_HX_REQUEST="true")
    assert bad.status_code == 200 and "errorlist" in bad.content.decode()


def test_sticker_download_name(
    clerk: Any, matter: Any, objects: dict[str, Any], pdf_docs: list[Any]
) -> None:
    client = client_for(clerk)
    response = client.get(f"/trial/exhibits/{objects['exhibit'].pk}/sticker.pdf")
    assert 'filename="PX-001 Master services agreement.pdf"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    (waiting,) = exhibits_mark(
        by=clerk, matter=matter, document_ids=[pdf_docs[1].pk], party="plaintiff", enqueue=False
    )
    assert client.get(f"/trial/exhibits/{waiting.pk}/sticker.pdf").status_code == 404
    row = client.get(f"/trial/exhibits/{waiting.pk}/row/").content.decode()
    assert 'hx-trigger="every 2s"' in row and "Waiting for the worker" in row


def test_edit_and_remove_an_exhibit(clerk: Any, matter: Any, objects: dict[str, Any]) -> None:
    client = client_for(clerk)
    e = objects["exhibit"]
    response = client.post(
        f"/trial/exhibits/{e.pk}/",
        {
            "number": "12",
            "description": "The agreement",
            "witness": "CFO",
            "bates": "",
            "marked_on": "",
        },
    )
    assert response.status_code == 302
    e.refresh_from_db()
    assert (e.number, e.sticker_status) == ("12", "queued")
    bad = client.post(f"/trial/exhibits/{e.pk}/", {"number": "", "description": "x"})
    assert bad.status_code == 400
    client.post(f"/trial/exhibits/{e.pk}/delete/")
    assert not Exhibit.objects.exists()


def test_physical_exhibit_and_heading(clerk: Any, matter: Any) -> None:
    client = client_for(clerk)
    client.post(
        f"/trial/matter/{matter.pk}/exhibits/add/",
        {"party": "joint", "description": "Scale model", "proceeding": "Trial"},
    )
    assert Exhibit.objects.get().label == "JX 1"
    response = client.post(
        f"/trial/matter/{matter.pk}/exhibits/add/",
        {"party": "joint", "description": ""},
        follow=True,
    )
    assert "Describe the exhibit." in response.content.decode()
    response = client.post(
        f"/trial/matter/{matter.pk}/exhibits/heading/",
        {"proceeding": "Trial", "trial_dates": "March 8-12, 2027", "court_reporter": "Jane Steno"},
        follow=True,
    )
    assert "March 8-12, 2027" in response.content.decode()


def test_witness_pages(clerk: Any, matter: Any, objects: dict[str, Any]) -> None:
    client = client_for(clerk)
    response = client.post(
        f"/trial/matter/{matter.pk}/witnesses/",
        {"name": "محمد الأحمد", "party": "plaintiff", "will_call": "may", "proceeding": "Trial"},
        follow=True,
    )
    assert "محمد الأحمد" in response.content.decode()
    second = Witness.objects.get(name="محمد الأحمد")
    client.post(f"/trial/witnesses/{second.pk}/move/", {"direction": "up"})
    assert (
        list(Witness.objects.order_by("position").values_list("name", flat=True))[0]
        == "محمد الأحمد"
    )
    bad = client.post(
        f"/trial/matter/{matter.pk}/witnesses/", {"party": "plaintiff", "will_call": "will"}
    )
    assert bad.status_code == 400 and "Name the witness" in bad.content.decode()
    client.post(
        f"/trial/witnesses/{second.pk}/",
        {
            "name": "Mohammed al-Ahmad",
            "party": "defendant",
            "will_call": "will",
            "proceeding": "Trial",
        },
    )
    second.refresh_from_db()
    assert (second.name, second.party) == ("Mohammed al-Ahmad", "defendant")
    client.post(f"/trial/witnesses/{second.pk}/delete/")
    assert Witness.objects.count() == 1


def test_privilege_pages(clerk: Any, matter: Any, objects: dict[str, Any]) -> None:
    client = client_for(clerk)
    page = client.get(f"/trial/matter/{matter.pk}/privilege/").content.decode()
    assert "To describe (1)" in page and "Attorney notes" in page and "PRIV-0001" in page
    pending = objects["pending"]
    form = client.get(f"/trial/privilege/document/{pending.pk}/").content.decode()
    assert 'value="withheld"' in form
    response = client.post(
        f"/trial/privilege/document/{pending.pk}/",
        {
            "description": "Notes of counsel reflecting legal strategy.",
            "privilege": "work_product",
            "treatment": "withheld",
            "doc_type": "Notes",
        },
    )
    assert response.status_code == 302
    assert PrivilegeEntry.objects.get(document=pending).number == "PRIV-0002"
    # A second visit to the same document's form goes to its entry.
    again = client.get(f"/trial/privilege/document/{pending.pk}/")
    assert again.status_code == 302 and again["Location"].endswith(
        f"/trial/privilege/{PrivilegeEntry.objects.get(document=pending).pk}/"
    )
    entry = objects["entry"]
    quoting = client.post(
        f"/trial/privilege/{entry.pk}/",
        {
            "description": "Counsel advises that the lease renewal clause is unenforceable.",
            "privilege": "attorney_client",
            "treatment": "withheld",
        },
        follow=True,
    )
    html = quoting.content.decode()
    assert "repeats 9 words of the document" in html
    assert "Privilege log entry PRIV-0001" in html
    log = client.get(f"/trial/matter/{matter.pk}/privilege/").content.decode()
    assert "Quotes the document" in log and "To describe (0)" in log
    missing = client.post(
        f"/trial/privilege/{entry.pk}/", {"privilege": "attorney_client", "treatment": "withheld"}
    )
    assert missing.status_code == 400


def test_empty_posts_are_never_a_500(
    clerk: Any, readonly: Any, matter: Any, objects: dict[str, Any]
) -> None:
    e, w, p = objects["exhibit"].pk, objects["witness"].pk, objects["entry"].pk
    urls = [
        f"/trial/matter/{matter.pk}/exhibits/mark/",
        f"/trial/matter/{matter.pk}/exhibits/add/",
        f"/trial/matter/{matter.pk}/exhibits/heading/",
        f"/trial/exhibits/{e}/",
        f"/trial/exhibits/{e}/status/",
        f"/trial/exhibits/{e}/sticker/",
        f"/trial/matter/{matter.pk}/witnesses/",
        f"/trial/witnesses/{w}/",
        f"/trial/witnesses/{w}/move/",
        f"/trial/privilege/document/{objects['pending'].pk}/",
        f"/trial/privilege/{p}/",
    ]
    for user in (clerk, readonly):
        client = client_for(user)
        for url in urls:
            assert client.post(url).status_code < 500, url
    for url in (f"/trial/matter/{matter.pk}/exhibits/list.pdf", f"/trial/exhibits/{e}/row/"):
        assert client_for(clerk).post(url).status_code == 405
