"""The productions and binder pages per role: a production made through the form, its
progress, ranges and downloads (audited); bad input answered with a message, never a 500;
read-only users view and download only; a walled matter's pages do not exist (404)."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from django.test import Client

from casedesk.web.audit.models import AuditEntry
from casedesk.web.productions.binder_services import binder_run
from casedesk.web.productions.build import production_run
from casedesk.web.productions.models import Binder, JobStatus, Production
from casedesk.web.productions.services import LEGEND_CONFIDENTIAL

pytestmark = pytest.mark.django_db


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def body(response: Any) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


@pytest.fixture
def made(attorney: Any, matter: Any, pdf_doc: Any) -> dict[str, Any]:
    """A production built through the form (two documents, the second first) and a binder."""
    contract = pdf_doc(
        3, name="contract.pdf", title="Supply contract", confidentiality="confidential"
    )
    memo = pdf_doc(1, name="memo.pdf", title="Board memo")
    client = client_for(attorney)
    response = client.post(
        f"/productions/matter/{matter.pk}/new/",
        {
            "prefix": "ACME",
            "digits": "6",
            "start": "",
            "volume": "",
            "position": "bottom-right",
            "font": "Helvetica-Bold",
            "size": "10",
            "row": [contract.pk, memo.pk],
            "documents": [contract.pk, memo.pk],
            f"order_{contract.pk}": "2",
            f"order_{memo.pk}": "1",
            f"legend_{contract.pk}": LEGEND_CONFIDENTIAL,
            f"legend_{memo.pk}": "",
            f"custodian_{contract.pk}": "Jane Roe",
            f"custodian_{memo.pk}": "",
        },
    )
    production = Production.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/productions/{production.pk}/"
    production_run(production.pk)
    binder = Binder.objects.create(matter=matter, title="Binder one", created_by=attorney)
    binder.items.create(document=contract, position=1, tab_title="Contract")
    return {"production": production, "contract": contract, "memo": memo, "binder": binder}


def urls(made: dict[str, Any], matter: Any) -> list[str]:
    p, b = made["production"], made["binder"]
    item = p.items.order_by("position").first()
    return [
        f"/productions/matter/{matter.pk}/",
        f"/productions/{p.pk}/",
        f"/productions/{p.pk}/status/",
        f"/productions/{p.pk}/volume.zip",
        f"/productions/{p.pk}/log.csv",
        f"/productions/{p.pk}/log.xlsx",
        f"/productions/{p.pk}/log.pdf",
        f"/productions/items/{item.pk}/pdf/",
        f"/productions/matter/{matter.pk}/binders/",
        f"/productions/binders/{b.pk}/",
        f"/productions/binders/{b.pk}/status/",
    ]


def test_a_production_made_through_the_form(
    made: dict[str, Any], attorney: Any, matter: Any
) -> None:
    production = made["production"]
    production.refresh_from_db()
    assert production.status == JobStatus.DONE, production.message
    items = list(production.items.order_by("position"))
    assert [i.title for i in items] == ["Board memo", "Supply contract"]  # by the order numbers
    assert (items[1].legend, items[1].custodian) == (LEGEND_CONFIDENTIAL, "Jane Roe")
    client = client_for(attorney)
    page = body(client.get(f"/productions/{production.pk}/"))
    assert "ACME000001" in page and "ACME000002 – ACME000004" in page
    assert "Download volume (ZIP)" in page and "Production log (Excel)" in page
    listing = body(client.get(f"/productions/matter/{matter.pk}/"))
    assert "ACME000005" in listing  # the next number
    assert "ACME000001 – ACME000004" in listing

    response = client.get(f"/productions/{production.pk}/volume.zip")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="ACME001.zip"'
    data = b"".join(response.streaming_content)
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert "ACME001/DATA/ACME001.dat" in names and "ACME001/IMAGES/ACME000002.pdf" in names
    csv = client.get(f"/productions/{production.pk}/log.csv")
    assert (
        csv.content.decode("utf-8-sig")
        .splitlines()[2]
        .startswith("ACME000002,ACME000004,3,,Supply contract,Jane Roe,CONFIDENTIAL")
    )
    assert client.get(f"/productions/{production.pk}/log.pdf").content.startswith(b"%PDF")
    assert client.get(f"/productions/{production.pk}/log.xlsx").content.startswith(b"PK")
    downloads = AuditEntry.objects.filter(action="download", object_type="production")
    assert downloads.count() == 4


def test_the_status_fragment_asks_the_page_to_reload_when_done(
    made: dict[str, Any], attorney: Any
) -> None:
    client = client_for(attorney)
    pk = made["production"].pk
    response = client.get(f"/productions/{pk}/status/", HTTP_HX_REQUEST="true")
    assert response["HX-Refresh"] == "true"
    Production.objects.filter(pk=pk).update(status=JobStatus.RUNNING, progress=40)
    response = client.get(f"/productions/{pk}/status/", HTTP_HX_REQUEST="true")
    assert "HX-Refresh" not in response and 'value="40"' in body(response)
    assert 'hx-trigger="every 2s"' in body(response)
    # Not ready: no downloads.
    assert client.get(f"/productions/{pk}/volume.zip").status_code == 404


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"prefix": "AC/ME"}, "cannot contain a slash (/)"),
        ({"documents": []}, "Choose at least one document to produce."),
        ({"digits": "99"}, "Select a valid choice"),
        ({"size": "huge"}, "Enter a number"),
        ({"start": "-5"}, "greater than or equal to 1"),
    ],
)
def test_bad_input_is_a_message_on_the_form(
    attorney: Any, matter: Any, pdf_doc: Any, changes: dict[str, Any], message: str
) -> None:
    doc = pdf_doc(1)
    data: dict[str, Any] = {
        "prefix": "ACME",
        "digits": "6",
        "position": "bottom-right",
        "font": "Helvetica",
        "size": "10",
        "row": [doc.pk],
        "documents": [doc.pk],
        **changes,
    }
    response = client_for(attorney).post(f"/productions/matter/{matter.pk}/new/", data)
    assert response.status_code == 400
    assert message in body(response)
    assert not Production.objects.exists()


def test_the_new_production_page_prefills_legends_and_the_next_number(
    made: dict[str, Any], attorney: Any, matter: Any, pdf_doc: Any
) -> None:
    secret = pdf_doc(1, title="Secret plan", confidentiality="highly_confidential")
    page = body(client_for(attorney).get(f"/productions/matter/{matter.pk}/new/?doc={secret.pk}"))
    assert 'continues at <strong class="bates next-number">ACME000005</strong>' in page
    assert (
        f'id="legend-{secret.pk}" value="HIGHLY CONFIDENTIAL - ATTORNEYS&#x27; EYES ONLY"' in page
    )
    assert f'value="{secret.pk}" id="doc-{secret.pk}" checked' in page
    assert 'name="prefix" value="ACME"' in page


@pytest.mark.parametrize("role", ["secretary", "clerk", "readonly"])
def test_every_page_for_the_firm(
    made: dict[str, Any], matter: Any, role: str, make_user: Any
) -> None:
    client = client_for(make_user(role))
    for url in urls(made, matter):
        assert client.get(url).status_code == 200, url


def test_readonly_views_and_downloads_but_changes_nothing(
    made: dict[str, Any], matter: Any, readonly: Any
) -> None:
    client = client_for(readonly)
    p, b = made["production"], made["binder"]
    page = body(client.get(f"/productions/{p.pk}/"))
    assert "Delete production" not in page and "New production" not in body(
        client.get(f"/productions/matter/{matter.pk}/")
    )
    response = client.get(f"/productions/matter/{matter.pk}/new/", follow=True)
    assert "Your role is read-only" in body(response)
    for url in (
        f"/productions/matter/{matter.pk}/new/",
        f"/productions/{p.pk}/delete/",
        f"/productions/{p.pk}/retry/",
        f"/productions/matter/{matter.pk}/binders/new/",
        f"/productions/binders/{b.pk}/",
        f"/productions/binders/{b.pk}/build/",
        f"/productions/binders/{b.pk}/delete/",
    ):
        response = client.post(url, {"prefix": "ZZ", "title": "x"})
        assert response.status_code == 302, url
    assert Production.objects.count() == 1 and Binder.objects.filter(pk=b.pk, status="").exists()


def test_a_walled_matter_does_not_exist_for_the_screened(
    made: dict[str, Any], matter: Any, screened: Any
) -> None:
    client = client_for(screened)
    p, b = made["production"], made["binder"]
    for url in urls(made, matter) + [
        f"/productions/matter/{matter.pk}/new/",
        f"/productions/matter/{matter.pk}/binders/new/",
        f"/productions/binders/{b.pk}/download/",
    ]:
        assert client.get(url).status_code == 404, url
    for url in (
        f"/productions/{p.pk}/delete/",
        f"/productions/{p.pk}/retry/",
        f"/productions/binders/{b.pk}/build/",
        f"/productions/binders/{b.pk}/delete/",
    ):
        assert client.post(url).status_code == 404, url


def test_delete_from_the_page(made: dict[str, Any], attorney: Any, matter: Any) -> None:
    client = client_for(attorney)
    p = made["production"]
    response = client.post(f"/productions/{p.pk}/delete/", follow=True)
    assert "Production ACME001 is deleted; its numbers are free again." in body(response)
    assert not Production.objects.exists()


def test_a_binder_through_its_pages(made: dict[str, Any], attorney: Any, matter: Any) -> None:
    client = client_for(attorney)
    contract, memo = made["contract"], made["memo"]
    response = client.post(
        f"/productions/matter/{matter.pk}/binders/new/",
        {
            "title": "Hearing binder",
            "subtitle": "",
            "page_numbers": "on",
            "bates_prefix": "",
            "bates_start": "1",
            "bates_digits": "6",
            "bates_position": "bottom-right",
            "row": [contract.pk, memo.pk],
            "documents": [contract.pk, memo.pk],
            f"order_{contract.pk}": "1",
            f"order_{memo.pk}": "2",
            f"tab_{contract.pk}": "The contract",
            f"description_{memo.pk}": "Minutes of May",
            "build": "1",
        },
    )
    binder = Binder.objects.get(title="Hearing binder")
    assert response.status_code == 302 and binder.status == JobStatus.QUEUED
    assert client.get(f"/productions/binders/{binder.pk}/download/").status_code == 404
    binder_run(binder.pk)
    page = body(client.get(f"/productions/binders/{binder.pk}/"))
    assert "Download the binder (PDF)" in page and 'value="The contract"' in page
    pdf = client.get(f"/productions/binders/{binder.pk}/download/")
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert pdf["Content-Disposition"] == 'attachment; filename="Hearing binder.pdf"'
    # A bad change is a message, and the saved definition stays.
    response = client.post(
        f"/productions/binders/{binder.pk}/",
        {"title": "", "bates_start": "1", "bates_digits": "6", "bates_position": "top-left"},
    )
    assert response.status_code == 400 and "This field is required." in body(response)
    assert Binder.objects.get(pk=binder.pk).title == "Hearing binder"
    assert "Hearing binder" in body(client.get(f"/productions/matter/{matter.pk}/binders/"))
