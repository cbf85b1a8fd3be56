"""Pages as the court sees them: printed labels, front matter left out, footnotes, passim,
paragraph numbers, Id. and supra across pages, and the files the engine refuses."""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import pytest

from casedesk.core.toa import CASES, STATUTES, ToaInputError, ToaResult, generate_toa
from tests.core.toa.briefs import make_brief, paragraphs


def pages_of(result: ToaResult, needle: str) -> tuple[str, ...]:
    found = [entry for entry in result.entries if needle in entry.authority]
    assert len(found) == 1, [entry.authority for entry in result.entries]
    return found[0].pages


def test_printed_numbers_roman_front_matter_and_appendix(tmp_path: Path) -> None:
    brief = make_brief(
        tmp_path / "brief.pdf",
        cover="<p>No. 24-100</p><p>BRIEF FOR THE RESPONDENT</p>",
        front=[
            paragraphs(
                "TABLE OF AUTHORITIES",
                "Roe v. Wade, 410 U.S. 113 (1973) .......... 1",
                "Gideon v. Wainwright, 372 U.S. 335 (1963) .......... 2",
            )
        ],
        body=[
            paragraphs("ARGUMENT", "The right is settled. Roe v. Wade, 410 U.S. 113, 120 (1973)."),
            paragraphs("Counsel is required. Gideon v. Wainwright, 372 U.S. 335 (1963)."),
            paragraphs("See 42 U.S.C. 1983."),
        ],
        appendix=[paragraphs("APPENDIX", "1. 42 U.S.C. 1983 provides:", "Every person who ...")],
    )
    result = generate_toa(brief)
    assert result.page_system == "printed"
    assert result.pages_scanned == 4  # three body pages and one appendix page
    assert pages_of(result, "Roe v. Wade") == ("1",)
    assert pages_of(result, "Gideon") == ("2",)
    assert pages_of(result, "1983") == ("3", "1a")
    assert result.warnings == ()


def test_no_printed_numbers_falls_back_to_pdf_pages(tmp_path: Path) -> None:
    brief = make_brief(
        tmp_path / "plain.pdf",
        body=[
            paragraphs("This brief opens with an introduction."),
            paragraphs("See Roe v. Wade, 410 U.S. 113 (1973)."),
        ],
        numbering="none",
    )
    result = generate_toa(brief)
    assert result.page_system == "pdf"
    assert pages_of(result, "Roe") == ("2",)
    assert any("No printed page numbers" in w for w in result.warnings)


def test_page_numbers_at_the_head_of_the_page(tmp_path: Path) -> None:
    brief = make_brief(
        tmp_path / "head.pdf",
        body=[
            paragraphs("The first page of the argument."),
            paragraphs("The second page of the argument."),
            paragraphs("Roe v. Wade, 410 U.S. 113 (1973)."),
        ],
        head=True,
    )
    assert pages_of(generate_toa(brief), "Roe") == ("3",)


def test_footnotes_are_page_n_note(tmp_path: Path) -> None:
    brief = make_brief(
        tmp_path / "notes.pdf",
        body=[
            paragraphs("This brief opens with an introduction."),
            paragraphs(
                "The rule is old.<span class='fn'>See Marbury v. Madison, 5 U.S. (1 Cranch)"
                " 137 (1803).</span> It is also settled. Roe v. Wade, 410 U.S. 113 (1973)."
                "<span class='fn'>Roe, 410 U.S. at 120.</span>"
            ),
        ],
    )
    result = generate_toa(brief)
    assert pages_of(result, "Marbury") == ("2 n.1",)
    assert pages_of(result, "Roe") == ("2",)  # cited in the text and in a note: the page


def test_id_and_supra_across_pages_and_a_citation_over_a_page_break(tmp_path: Path) -> None:
    brief = make_brief(
        tmp_path / "id.pdf",
        body=[
            paragraphs("The Court held so. Mathews v. Eldridge, 424 U.S. 319, 335 (1976)."),
            paragraphs("Id. at 340. See also J.A. 12. Id. at 14."),
            paragraphs("As Mathews, supra, explains, process is flexible. See 424 U.S. at 334."),
        ],
    )
    result = generate_toa(brief)
    # "Id. at 14" follows a record citation (J.A. 12), so it is not Mathews's.
    assert pages_of(result, "Mathews") == ("1-3",)


def test_passim_threshold(tmp_path: Path) -> None:
    body = [paragraphs(f"Point {n}. Roe v. Wade, 410 U.S. 113 (1973).") for n in range(1, 7)]
    brief = make_brief(tmp_path / "passim.pdf", body=body)
    roe = [e for e in generate_toa(brief).entries if "Roe" in e.authority][0]
    assert roe.passim and roe.pages == ("1-6",)  # the pages stay listed
    assert not [e for e in generate_toa(brief, passim=0).entries if "Roe" in e.authority][0].passim
    assert not [e for e in generate_toa(brief, passim=7).entries if "Roe" in e.authority][0].passim


def test_paragraph_mode(tmp_path: Path) -> None:
    brief = make_brief(
        tmp_path / "nd.pdf",
        body=[
            paragraphs(
                "[¶1] This appeal concerns a deed.",
                "[¶2] The standard is de novo. N.D.C.C. § 28-01-16; Roe v. Wade, 410 U.S. 113 (1973).",
            ),
            paragraphs("[¶3] Nothing here.", "[¶4] Again, Roe v. Wade, 410 U.S. 113 (1973)."),
        ],
    )
    result = generate_toa(brief, paragraphs=True)
    assert result.page_system == "paragraph"
    assert pages_of(result, "Roe") == ("2", "4")


def test_a_brief_without_authorities(tmp_path: Path) -> None:
    brief = make_brief(tmp_path / "none.pdf", body=[paragraphs("Nothing is cited here.")])
    result = generate_toa(brief)
    assert result.entries == ()
    assert "No authorities were found in the brief." in result.warnings


def test_certificates_and_tables_are_left_out(tmp_path: Path) -> None:
    brief = make_brief(
        tmp_path / "cert.pdf",
        body=[
            paragraphs("TABLE OF CONTENTS", "Argument .......... 2", "Conclusion .......... 3"),
            paragraphs("ARGUMENT", "Roe v. Wade, 410 U.S. 113 (1973)."),
            paragraphs("CERTIFICATE OF SERVICE", "Served under Fed. R. App. P. 25(d)."),
        ],
    )
    result = generate_toa(brief)
    assert [e.category for e in result.entries] == [CASES]
    assert pages_of(result, "Roe") == ("2",)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"plain words, not a brief", "is not a PDF or a Word (.docx) document"),
        (b"%PDF-1.4\nbroken", "is not a readable PDF"),
    ],
)
def test_unreadable_files_name_the_file(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.pdf"
    path.write_bytes(content)
    with pytest.raises(ToaInputError, match=re.escape(message)) as caught:
        generate_toa(path)
    assert "bad.pdf" in str(caught.value)


def test_missing_and_encrypted_files(tmp_path: Path) -> None:
    with pytest.raises(ToaInputError, match="missing.pdf: no such file"):
        generate_toa(tmp_path / "missing.pdf")
    plain = make_brief(
        tmp_path / "plain.pdf", body=[paragraphs("Roe v. Wade, 410 U.S. 113 (1973).")]
    )
    locked = tmp_path / "locked.pdf"
    with pikepdf.open(plain) as pdf:
        pdf.save(locked, encryption=pikepdf.Encryption(user="secret", owner="secret"))
    with pytest.raises(ToaInputError, match="locked.pdf is password-protected"):
        generate_toa(locked)


def test_word_brief_without_libreoffice_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Roe v. Wade, 410 U.S. 113 (1973).")
    path = tmp_path / "brief.docx"
    document.save(str(path))
    monkeypatch.setattr("casedesk.core.drafting.convert.soffice_path", lambda: None)
    with pytest.raises(ToaInputError, match="LibreOffice is not installed"):
        generate_toa(path)


def test_word_brief_with_a_converter(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Roe v. Wade, 410 U.S. 113 (1973).")
    path = tmp_path / "brief.docx"
    document.save(str(path))

    def fake_convert(src: Path, dst: Path) -> None:  # stands in for LibreOffice
        make_brief(dst, body=[paragraphs("ARGUMENT", "See 42 U.S.C. 1983.")])

    result = generate_toa(path, converter=fake_convert)
    assert [(e.category, e.authority) for e in result.entries] == [(STATUTES, "42 U.S.C. 1983")]


@pytest.mark.slow
def test_scanned_brief_is_ocred_first(tmp_path: Path) -> None:
    import shutil

    if shutil.which("tesseract") is None:
        pytest.skip("Tesseract is not installed")
    import pypdfium2 as pdfium

    text_pdf = make_brief(
        tmp_path / "text.pdf", body=[paragraphs("Roe v. Wade, 410 U.S. 113 (1973).")]
    )
    document = pdfium.PdfDocument(text_pdf)
    image = document[0].render(scale=300 / 72).to_pil()
    document.close()
    scan = tmp_path / "scan.pdf"
    image.save(scan, "PDF", resolution=300)
    result = generate_toa(scan)
    assert any("OCRed" in w for w in result.warnings)
    assert any("410 U.S. 113" in e.authority for e in result.entries)


@pytest.mark.slow
def test_word_brief_laid_out_by_libreoffice(tmp_path: Path) -> None:
    """A .docx with its page numbers in a PAGE field in the footer, laid out by LibreOffice."""
    import docx
    from docx.enum.text import WD_BREAK
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    from casedesk.core.drafting.convert import soffice_path

    if soffice_path() is None:
        pytest.skip("LibreOffice is not installed")
    document = docx.Document()
    footer = document.sections[0].footer.paragraphs[0]
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    footer._p.append(field)
    document.add_paragraph("ARGUMENT")
    document.add_paragraph("Due process is flexible. Mathews v. Eldridge, 424 U.S. 319 (1976).")
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph("The statute is 42 U.S.C. § 1983. Id. § 1988.")
    path = tmp_path / "brief.docx"
    document.save(str(path))
    result = generate_toa(path)
    assert result.page_system == "printed"
    assert [(e.authority, e.pages) for e in result.entries] == [
        ("Mathews v. Eldridge, 424 U.S. 319 (1976)", ("1",)),
        ("42 U.S.C. § 1983", ("2",)),
        ("42 U.S.C. § 1988", ("2",)),
    ]
