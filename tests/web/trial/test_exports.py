"""The files that go out: the AO 187 exhibit list (Word, PDF, Excel, CSV), the witness list
(Word, PDF) and the privilege log (CSV, Excel, PDF), read back as a recipient would."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import subprocess
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import pytest

from casedesk.web.audit.models import AuditEntry
from casedesk.web.trial.exhibit_services import (
    DetailsInput,
    exhibit_add,
    exhibit_set_status,
    exhibits_mark,
    trial_details_save,
)
from casedesk.web.trial.exports import (
    exhibit_list_export,
    privilege_log_export,
    witness_list_export,
)
from casedesk.web.trial.privilege_services import PrivilegeInput, privilege_entry_create
from casedesk.web.trial.witness_services import WitnessInput, witness_create
from tests.web.trial.conftest import make_pdf

pytestmark = pytest.mark.django_db

OFFERED = dt.date(2027, 3, 9)
ADMITTED = dt.date(2027, 3, 10)


def docx_text(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            seen: set[int] = set()
            for cell in row.cells:
                if id(cell._tc) not in seen:
                    seen.add(id(cell._tc))
                    parts.append(cell.text)
    for section in document.sections:
        parts.extend(p.text for p in section.footer.paragraphs)
    return "\n".join(parts)


def docx_rows(data: bytes, table_index: int = -1) -> list[list[str]]:
    import docx

    table = docx.Document(io.BytesIO(data)).tables[table_index]
    return [[c.text for c in row.cells] for row in table.rows]


def pdf_text(data: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as fh:
        fh.write(data)
        fh.flush()
        out = subprocess.run(
            ["pdftotext", "-layout", fh.name, "-"], capture_output=True, check=True, text=True
        )
    return out.stdout


def xlsx_strings(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = zf.namelist()
        text = zf.read("xl/sharedStrings.xml").decode() if "xl/sharedStrings.xml" in names else ""
        return text + zf.read("xl/worksheets/sheet1.xml").decode()


@pytest.fixture
def trial_ready(clerk: Any, matter: Any, pdf_docs: list[Any]) -> dict[str, Any]:
    """Two plaintiff's exhibits (one admitted, one refused), a defendant's letter exhibit, a
    joint physical exhibit, the list heading, and witnesses with non-Latin names."""
    px = exhibits_mark(
        by=clerk,
        matter=matter,
        document_ids=[d.pk for d in pdf_docs[:2]],
        party="plaintiff",
        witness="Rosa Delgado",
        date=dt.date(2027, 3, 8),
        enqueue=False,
    )
    exhibit_set_status(by=clerk, exhibit=px[0], status="offered", on=OFFERED)
    exhibit_set_status(by=clerk, exhibit=px[0], status="admitted", on=ADMITTED)
    exhibit_set_status(by=clerk, exhibit=px[1], status="refused", on=OFFERED)
    dx = exhibits_mark(
        by=clerk,
        matter=matter,
        document_ids=[pdf_docs[2].pk],
        party="defendant",
        numbering="letters",
        enqueue=False,
    )
    jx = exhibit_add(
        by=clerk, matter=matter, party="joint", description="=Scale model of the warehouse"
    )
    trial_details_save(
        by=clerk,
        matter=matter,
        proceeding="Trial",
        details=DetailsInput(
            plaintiff_attorneys="Ada Attorney\nFirm LLP",
            defendant_attorneys="Bob Counsel",
            trial_dates="March 8-12, 2027",
            court_reporter="Jane Steno",
            courtroom_deputy="Luis Ortega",
        ),
    )
    for data in (
        WitnessInput(name="Rosa Delgado", phone="(602) 555-0101", email="rosa@example.com"),
        WitnessInput(name="محمد الأحمد", will_call="may", address="1 Main St.\nPhoenix, AZ"),
        WitnessInput(
            name="Nguyễn Văn An", by_deposition=True, deposition_designations="12:3-14:22"
        ),
        WitnessInput(name="Acme CFO", party="defendant"),
    ):
        witness_create(by=clerk, matter=matter, data=data)
    return {"px": px, "dx": dx, "jx": jx}


def test_exhibit_list_docx_in_the_ao187_layout(
    clerk: Any, matter: Any, trial_ready: dict[str, Any]
) -> None:
    export = exhibit_list_export(by=clerk, matter=matter, proceeding="Trial", fmt="docx")
    assert export.filename == "exhibit-list-2027-0042-trial.docx"
    text = docx_text(export.data)
    for expected in (
        "UNITED STATES DISTRICT COURT",
        "District of Arizona",
        "Delgado",
        "Acme Holdings",
        "EXHIBIT LIST",
        "2:27-cv-01234",
        "Hon. Maria Ruiz",
        "Ada Attorney",
        "Bob Counsel",
        "March 8-12, 2027",
        "Jane Steno",
        "Luis Ortega",
        "DESCRIPTION OF EXHIBITS* AND WITNESSES",
        "not held with the case file",
    ):
        assert expected in text, expected
    rows = docx_rows(export.data)
    assert rows[1][:5] == ["1", "", "03/09/2027", "03/08/2027", "03/10/2027"]
    assert rows[1][5].startswith("Master services agreement, dated 03/05/2024")
    assert "Witness: Rosa Delgado" in rows[1][5]
    assert rows[2][:5] == ["2", "", "03/09/2027", "03/08/2027", ""]
    assert "Refused" in rows[2][5]
    assert rows[3][:2] == ["", "A"]
    assert rows[4][:2] == ["JX 1", "JX 1"]
    assert len(rows) == 5
    assert AuditEntry.objects.filter(action="export", object_type="exhibit-list").exists()


def test_one_partys_exhibit_list(clerk: Any, matter: Any, trial_ready: dict[str, Any]) -> None:
    export = exhibit_list_export(
        by=clerk, matter=matter, proceeding="Trial", party="plaintiff", fmt="docx"
    )
    assert export.filename == "exhibit-list-2027-0042-trial-plaintiff.docx"
    assert "PLAINTIFF'S EXHIBIT LIST" in docx_text(export.data)
    assert len(docx_rows(export.data)) == 3


def test_exhibit_list_pdf(clerk: Any, matter: Any, trial_ready: dict[str, Any]) -> None:
    export = exhibit_list_export(by=clerk, matter=matter, proceeding="Trial", fmt="pdf")
    assert export.content_type == "application/pdf"
    text = pdf_text(export.data)
    for expected in (
        "UNITED STATES DISTRICT COURT",
        "EXHIBIT LIST",
        "Case Number: 2:27-cv-01234",
        "PRESIDING JUDGE",
        "Hon. Maria Ruiz",
        "DESCRIPTION OF EXHIBITS* AND WITNESSES",
        "Master services agreement, dated 03/05/2024",
        "Refused",
        "JX 1",
        "Page 1 of 1 Pages",
        "not held with the case file",
    ):
        assert expected in text, expected
    line = next(x for x in text.splitlines() if "Master services agreement" in x)
    assert re.search(r"\b1\s+03/09/2027\s+03/08/2027\s+03/10/2027\b", line), line


def test_exhibit_list_spreadsheets(clerk: Any, matter: Any, trial_ready: dict[str, Any]) -> None:
    export = exhibit_list_export(by=clerk, matter=matter, proceeding="Trial", fmt="csv")
    assert export.data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(export.data.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Party", "No.", "Description"]
    assert rows[1][:2] == ["Plaintiff", "1"] and rows[1][7] == "03/10/2027"
    assert rows[1][8] == "Admitted"
    assert rows[4][2] == "'=Scale model of the warehouse"  # no formula
    xlsx = exhibit_list_export(by=clerk, matter=matter, proceeding="Trial", fmt="xlsx")
    strings = xlsx_strings(xlsx.data)
    assert "Master services agreement" in strings and "Exhibit List" in strings


def test_witness_list_docx_and_pdf(clerk: Any, matter: Any, trial_ready: dict[str, Any]) -> None:
    export = witness_list_export(
        by=clerk, matter=matter, proceeding="Trial", party="plaintiff", fmt="docx"
    )
    text = docx_text(export.data)
    assert "PLAINTIFF'S WITNESS LIST" in text and "PLAINTIFF'S PLAINTIFF'S" not in text
    assert "Rosa Delgado" in text and "محمد الأحمد" in text and "Nguyễn Văn An" in text
    assert "Acme CFO" not in text  # the defendant's witness
    assert "12:3-14:22" in text and "Ada Attorney" in text
    pdf = pdf_text(
        witness_list_export(
            by=clerk, matter=matter, proceeding="Trial", party="plaintiff", fmt="pdf"
        ).data
    )
    assert "PLAINTIFF'S WITNESS LIST" in pdf
    assert "26(a)(3)(A)(i)-(ii)" in pdf
    assert "Nguyễn Văn An" in pdf and "Tel. (602) 555-0101" in pdf
    will, may = pdf.index("I. Witnesses expected"), pdf.index("II. Witnesses who may")
    assert will < pdf.index("Rosa Delgado") < may < pdf.index("محمد")
    assert "12:3-14:22" in pdf.split("III. Testimony")[1]


def test_joint_witness_list_title(clerk: Any, matter: Any) -> None:
    witness_create(by=clerk, matter=matter, data=WitnessInput(name="Ana Ruiz", party="joint"))
    export = witness_list_export(
        by=clerk, matter=matter, proceeding="Trial", party="joint", fmt="docx"
    )
    text = docx_text(export.data)
    assert "JOINT WITNESS LIST" in text and "JOINT'S" not in text and "Ana Ruiz" in text


def test_privilege_log_exports(clerk: Any, matter: Any, file_doc: Any, tmp_path: Path) -> None:
    memo = file_doc(make_pdf(tmp_path / "m.pdf"), title="Memo", privileged=True)
    email = file_doc(make_pdf(tmp_path / "e.pdf"), title="Email", privileged=True)
    privilege_entry_create(
        by=clerk,
        document=memo,
        data=PrivilegeInput(
            description="Memorandum providing legal advice regarding lease renewal.",
            date=dt.date(2026, 11, 2),
            doc_type="Memorandum",
            author="Ada Attorney*",
            recipients_to="Rosa Delgado",
        ),
    )
    privilege_entry_create(
        by=clerk,
        document=email,
        data=PrivilegeInput(
            description="Email requesting legal advice regarding the notice of default.",
            doc_type="Email",
            author="Trần Thị Mai",
            recipients_to="Ada Attorney*",
            recipients_cc="Rosa Delgado",
            recipients_bcc="Firm file",
            privilege="ac_wp",
            treatment="redacted",
            bates="ACME000020",
        ),
    )
    rows = list(
        csv.reader(
            io.StringIO(
                privilege_log_export(by=clerk, matter=matter, fmt="csv").data.decode("utf-8-sig")
            )
        )
    )
    assert rows[0] == [
        "No.",
        "Date",
        "Type",
        "Author",
        "To",
        "Cc",
        "Bcc",
        "Privilege",
        "Treatment",
        "Description",
        "Bates",
    ]
    assert rows[1][:4] == ["PRIV-0001", "11/02/2026", "Memorandum", "Ada Attorney*"]
    assert rows[2][3] == "Trần Thị Mai"
    assert rows[2][7:9] == ["Attorney-client privilege; work product", "Redacted"]
    assert rows[2][10] == "ACME000020"
    xlsx = privilege_log_export(by=clerk, matter=matter, fmt="xlsx")
    assert "Trần Thị Mai" in xlsx_strings(xlsx.data)
    pdf = pdf_text(privilege_log_export(by=clerk, matter=matter, fmt="pdf").data)
    for expected in (
        "Privilege log",
        "PRIV-0001",
        "PRIV-0002",
        "Trần Thị",  # the narrow Author column wraps "Mai" to the next line
        "Redacted",
        "* denotes an attorney.",
    ):
        assert expected in pdf, expected
    assert AuditEntry.objects.filter(action="export", object_type="privilege-log").count() == 3


def test_empty_lists_still_export(clerk: Any, matter: Any) -> None:
    for fmt in ("docx", "pdf", "xlsx", "csv"):
        assert exhibit_list_export(by=clerk, matter=matter, proceeding="Trial", fmt=fmt).data
    for fmt in ("docx", "pdf"):
        assert witness_list_export(by=clerk, matter=matter, proceeding="Trial", fmt=fmt).data
    assert "No entries." in pdf_text(privilege_log_export(by=clerk, matter=matter, fmt="pdf").data)
