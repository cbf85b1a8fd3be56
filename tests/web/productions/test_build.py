"""Building a production volume with real files: PDFs stamped, a Word file converted, an
image turned into a page, a spreadsheet produced natively with a slip sheet; the ZIP's files,
the load files, the log and a stamped page's text; failures release the numbers."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pikepdf
import pytest

from casedesk.core.production.loadfiles import read_dat
from casedesk.web.audit.models import AuditEntry
from casedesk.web.documents.blob_store import blob_open, blob_path
from casedesk.web.documents.models import Document
from casedesk.web.productions.build import production_run
from casedesk.web.productions.models import BatesRange, JobStatus, Production
from casedesk.web.productions.services import (
    LEGEND_CONFIDENTIAL,
    LEGEND_HIGHLY,
    production_create,
)
from tests.web.productions.conftest import (
    make_docx,
    make_encrypted_pdf,
    make_png,
    make_xlsx,
)

pytestmark = pytest.mark.django_db
needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)


def unzip(production: Production, dest: Path) -> Path:
    """Extract the production's ZIP under ``dest``; returns the volume folder."""
    assert production.zip_blob is not None
    with blob_open(production.zip_blob) as handle, zipfile.ZipFile(handle) as zf:
        zf.extractall(dest)
    return dest / production.volume


def page_text(path: Path, page: int = 1) -> str:
    done = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def test_a_volume_of_pdfs_with_load_files_and_log(
    attorney: Any, matter: Any, pdf_doc: Any, tmp_path: Path
) -> None:
    import datetime as dt

    contract = pdf_doc(
        3,
        name="contract.pdf",
        title="Supply contract",
        confidentiality="confidential",
        document_date=dt.date(2026, 3, 5),
    )
    memo = pdf_doc(2, name="memo.pdf", title="Board memo", confidentiality="attorneys_eyes_only")
    plain = pdf_doc(1, name="letter.pdf", title="Letter þ to Acme")
    production = production_create(
        by=attorney,
        matter=matter,
        document_ids=[contract.pk, memo.pk, plain.pk],
        prefix="ACME",
        custodians={contract.pk: "Jane Roe"},
        combined=True,
        enqueue=False,
    )
    # Numbers are reserved at once: every page count is known (PDFs).
    ranges = list(BatesRange.objects.order_by("begin"))
    assert [(r.begin, r.end) for r in ranges] == [(1, 3), (4, 5), (6, 6)]
    assert production.volume == "ACME001" and production.status == JobStatus.QUEUED

    seen: list[int] = []
    done = production_run(production.pk, progress=lambda p: seen.append(p.progress))
    assert done.status == JobStatus.DONE, done.message
    assert done.progress == 100 and done.pages == 6
    assert done.message == "Done: 3 documents, 6 pages: ACME000001 to ACME000006."
    assert seen and seen[-1] == 100

    vol = unzip(done, tmp_path / "out")
    names = sorted(p.relative_to(vol).as_posix() for p in vol.rglob("*") if p.is_file())
    assert names == [
        "COMBINED/ACME001.pdf",
        "DATA/ACME001.dat",
        "DATA/ACME001.opt",
        "DATA/ACME001_log.csv",
        "DATA/ACME001_log.pdf",
        "DATA/ACME001_log.xlsx",
        "IMAGES/ACME000001.pdf",
        "IMAGES/ACME000004.pdf",
        "IMAGES/ACME000006.pdf",
    ]
    # Every page stamped; the legend from the confidentiality.
    first = page_text(vol / "IMAGES/ACME000001.pdf", 3)
    assert "ACME000003" in first and LEGEND_CONFIDENTIAL in first and "Page 3" in first
    assert LEGEND_HIGHLY in page_text(vol / "IMAGES/ACME000004.pdf", 2)
    assert "ACME000005" in page_text(vol / "IMAGES/ACME000004.pdf", 2)
    # The DAT and OPT.
    rows = read_dat(vol / "DATA/ACME001.dat")
    assert [(r["BEGBATES"], r["ENDBATES"], r["PGCOUNT"]) for r in rows] == [
        ("ACME000001", "ACME000003", "3"),
        ("ACME000004", "ACME000005", "2"),
        ("ACME000006", "ACME000006", "1"),
    ]
    assert rows[0]["CUSTODIAN"] == "Jane Roe" and rows[0]["DATE"] == "03/05/2026"
    assert rows[0]["FILENAME"] == "contract.pdf" and len(rows[0]["MD5HASH"]) == 32
    assert rows[2]["TITLE"] == "Letter th to Acme"  # þ is the DAT's quote character
    opt = (vol / "DATA/ACME001.opt").read_bytes().decode()
    assert opt.splitlines()[0] == "ACME000001,ACME001,IMAGES\\ACME000001.pdf,Y,,,3"
    assert opt.splitlines()[1] == "ACME000002,ACME001,IMAGES\\ACME000001.pdf,,,,"
    assert len(opt.splitlines()) == 6 and opt.endswith("\r\n")
    log_csv = (vol / "DATA/ACME001_log.csv").read_text(encoding="utf-8-sig")
    assert log_csv.splitlines()[0] == "Begin,End,Pages,Date,Title,Custodian,Confidentiality"
    assert "ACME000004,ACME000005,2,,Board memo,," in log_csv
    assert "ACME000001" in page_text(vol / "DATA/ACME001_log.pdf")
    # The combined PDF: every page, a bookmark per document, Bates labels as page labels.
    with pikepdf.open(vol / "COMBINED/ACME001.pdf") as pdf:
        assert len(pdf.pages) == 6
        with pdf.open_outline() as outline:
            titles = [item.title for item in outline.root]
        assert titles == [
            "ACME000001-ACME000003 Supply contract",
            "ACME000004-ACME000005 Board memo",
            "ACME000006 Letter þ to Acme",
        ]
        assert str(pdf.Root.PageLabels.Nums[9].P) == "ACME000005"
    # Documents carry their ranges; the originals are untouched.
    contract.refresh_from_db()
    assert (contract.bates_start, contract.bates_end) == ("ACME000001", "ACME000003")
    with pikepdf.open(blob_path(contract.current_version.blob_id)) as original:
        assert "ACME" not in page_text(Path(original.filename))
    assert AuditEntry.objects.filter(action="production.done", object_id=str(done.pk)).exists()
    items = list(done.items.order_by("position"))
    assert all(i.stamped_blob_id for i in items) and not any(i.native_blob_id for i in items)


@needs_soffice
def test_word_image_text_and_a_native_spreadsheet(
    attorney: Any, matter: Any, file_doc: Any, tmp_path: Path
) -> None:
    word = file_doc(
        make_docx(tmp_path / "Hợp đồng.docx", ["Hợp đồng mua bán", "Second paragraph"]),
        title="Sales contract (Vietnamese)",
    )
    scan = file_doc(make_png(tmp_path / "scan.png"), title="Scanned receipt")
    sheet = file_doc(make_xlsx(tmp_path / "damages.xlsx"), title="Damages table")
    note = tmp_path / "note.txt"
    note.write_text("Phone note: call Nguyễn about the invoice.\n", encoding="utf-8")
    text = file_doc(note, title="Phone note")
    version = text.current_version
    version.text = "Phone note: call Nguyễn about the invoice."
    version.save(update_fields=["text"])
    production = production_create(
        by=attorney,
        matter=matter,
        document_ids=[word.pk, scan.pk, sheet.pk, text.pk],
        prefix="NGT",
        digits=5,
        start=100,
        position="bottom-center",
        font="Times-Roman",
        size=9,
        enqueue=False,
    )
    # A Word file's pages are only known after converting: the worker reserves the numbers.
    assert not BatesRange.objects.exists()
    assert production.start == 100 and production.start_chosen
    done = production_run(production.pk)
    assert done.status == JobStatus.DONE, done.message
    labels = [(i.range.begin_label, i.range.end_label) for i in done.items.order_by("position")]
    assert labels[0][0] == "NGT00100"
    assert labels[1] == ("NGT00101", "NGT00101")  # the image: one page
    assert labels[2] == ("NGT00102", "NGT00102")  # the spreadsheet's slip sheet
    assert labels[3] == ("NGT00103", "NGT00103")
    vol = unzip(done, tmp_path / "out")
    converted = page_text(vol / "IMAGES/NGT00100.pdf")
    assert "Hợp" in converted and "mua bán" in converted  # pdftotext -layout may split "đồng"
    assert "NGT00100" in page_text(vol / "IMAGES/NGT00100.pdf")
    assert "NGT00101" in page_text(vol / "IMAGES/NGT00101.pdf")
    slip = page_text(vol / "IMAGES/NGT00102.pdf")
    assert "Document produced in native format" in slip and "damages.xlsx" in slip
    assert "NGT00102" in slip
    native = vol / "NATIVES/NGT00102.xlsx"
    assert native.read_bytes() == (tmp_path / "damages.xlsx").read_bytes()
    assert (vol / "TEXT/NGT00103.txt").read_text(encoding="utf-8").startswith("Phone note")
    rows = read_dat(vol / "DATA/NGT001.dat")
    assert rows[2]["NATIVEPATH"] == "NATIVES\\NGT00102.xlsx"
    assert rows[3]["TEXTPATH"] == "TEXT\\NGT00103.txt"
    opt = (vol / "DATA/NGT001.opt").read_text()
    assert "NGT00102,NGT001,IMAGES\\NGT00102.pdf,Y,,,1" in opt
    log_text = " ".join(page_text(vol / "DATA/NGT001_log.pdf").split())
    assert "Numbering under NGT in this matter starts at NGT00100" in log_text
    sheet_item = done.items.get(document=sheet)
    assert sheet_item.native and sheet_item.native_blob_id == sheet.current_version.blob_id


def test_an_encrypted_pdf_is_refused_before_anything_is_reserved(
    attorney: Any, matter: Any, file_doc: Any, pdf_doc: Any, tmp_path: Path
) -> None:
    from casedesk.web.errors import ServiceError

    good = pdf_doc(2)
    locked = file_doc(make_encrypted_pdf(tmp_path / "contract.pdf"), name="contract.pdf")
    with pytest.raises(ServiceError) as info:
        production_create(
            by=attorney,
            matter=matter,
            document_ids=[good.pk, locked.pk],
            prefix="ACME",
            enqueue=False,
        )
    assert (
        info.value.message == "contract.pdf is encrypted: remove its password and upload it again."
    )
    assert not Production.objects.exists() and not BatesRange.objects.exists()


@needs_soffice
def test_a_failed_build_releases_its_numbers(
    attorney: Any, matter: Any, file_doc: Any, pdf_doc: Any, tmp_path: Path
) -> None:
    first = pdf_doc(2)
    done = production_run(
        production_create(
            by=attorney, matter=matter, document_ids=[first.pk], prefix="ACME", enqueue=False
        ).pk
    )
    assert done.status == JobStatus.DONE
    # A Word file defers the reservation; the encrypted PDF then stops the build.
    word = file_doc(make_docx(tmp_path / "cover.docx", ["Cover letter"]))
    locked = file_doc(make_encrypted_pdf(tmp_path / "locked.pdf"), name="locked.pdf")
    # The service checks PDFs at creation: break the PDF only after that.
    ok = pdf_doc(1, name="later.pdf")
    production = production_create(
        by=attorney, matter=matter, document_ids=[word.pk, ok.pk], prefix="ACME", enqueue=False
    )
    item = production.items.get(document=ok)
    item.version = locked.current_version
    item.save(update_fields=["version"])
    failed = production_run(production.pk)
    assert failed.status == JobStatus.FAILED
    assert failed.message == (
        "locked.pdf is encrypted: remove its password and upload it again. "
        "Nothing was produced; its numbers are free again."
    )
    assert [(r.begin, r.end) for r in BatesRange.objects.order_by("begin")] == [(1, 2)]
    assert failed.zip_blob is None
    ok.refresh_from_db()
    assert ok.bates_start == ""


def test_a_build_failing_after_reservation_releases_the_tail(
    attorney: Any, matter: Any, pdf_doc: Any
) -> None:
    a, b = pdf_doc(2), pdf_doc(3)
    production = production_create(
        by=attorney, matter=matter, document_ids=[a.pk, b.pk], prefix="ACME", enqueue=False
    )
    assert BatesRange.objects.count() == 2
    path = blob_path(b.current_version.blob_id)
    path.chmod(0o640)
    path.unlink()
    failed = production_run(production.pk)
    assert failed.status == JobStatus.FAILED
    assert "is missing from the data directory" in failed.message
    assert not BatesRange.objects.exists()
    assert AuditEntry.objects.filter(action="production.failed").exists()
    # The prefix starts again at 1 for the next production.
    c = pdf_doc(1)
    again = production_create(
        by=attorney, matter=matter, document_ids=[c.pk], prefix="ACME", enqueue=False
    )
    assert again.start == 1
    assert Document.objects.get(pk=a.pk).bates_start == ""
