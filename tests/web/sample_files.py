"""Real sample files made in a test: PDFs with a text layer, an encrypted PDF, a Word file.

Shared by the productions and trial tests (and anything else that files documents)."""

from __future__ import annotations

from pathlib import Path

import pikepdf


def make_pdf(path: Path, pages: int = 1, *, text: str = "Page", rotate: int = 0) -> Path:
    """A letter PDF whose page n reads "<text> n" (a real text layer, Helvetica)."""
    pdf = pikepdf.new()
    font = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font,
            Subtype=pikepdf.Name.Type1,
            BaseFont=pikepdf.Name.Helvetica,
            Encoding=pikepdf.Name.WinAnsiEncoding,
        )
    )
    for number in range(1, pages + 1):
        content = f"BT /F1 24 Tf 72 700 Td ({text} {number}) Tj ET".encode()
        page = pikepdf.Dictionary(
            Type=pikepdf.Name.Page,
            MediaBox=[0, 0, 612, 792],
            Contents=pdf.make_stream(content),
            Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font)),
        )
        if rotate:
            page.Rotate = rotate
        pdf.pages.append(pikepdf.Page(page))
    pdf.save(path)
    return path


def make_encrypted_pdf(path: Path) -> Path:
    """A two-page PDF that needs a password."""
    plain = make_pdf(path.with_suffix(".plain.pdf"), 2)
    with pikepdf.open(plain) as pdf:
        pdf.save(path, encryption=pikepdf.Encryption(user="secret", owner="owner"))
    return path


def make_docx(path: Path, paragraphs: list[str]) -> Path:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(str(path))
    return path
