"""A filed document version as a PDF to stamp or bind, made in the worker.

PDFs are used as stored (the blob file is only ever read); Word and text files are converted
by the worker's warm LibreOffice (``casedesk.web.drafting.pdf.convert_to_pdf``); images
become PDF pages with ``core.pdf.images.image_to_pdf``. Anything else (spreadsheets, audio,
e-mail, archives, unknown files) is produced as a native: one slip-sheet page stands for it.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from casedesk.web.documents.blob_store import blob_path
from casedesk.web.documents.models import DocumentVersion

PDF_KINDS = frozenset({"pdf"})
CONVERTED_KINDS = frozenset({"docx", "text"})
IMAGE_KINDS = frozenset({"image"})
NATIVE_EXTENSION = {"eml": ".eml", "msg": ".msg", "zip": ".zip", "text": ".txt"}


class PrepareError(ValueError):
    """A document could not be turned into PDF pages; the message names the file."""


@dataclass(frozen=True)
class Prepared:
    """What a version became: the PDF to stamp (None for a native) and its page count."""

    pdf: Path | None
    pages: int
    original: Path

    @property
    def native(self) -> bool:
        return self.pdf is None


def is_native(kind: str) -> bool:
    """Whether a file of this kind is produced as a native with a slip sheet."""
    return kind not in PDF_KINDS | CONVERTED_KINDS | IMAGE_KINDS


def pages_known_without_work(kind: str) -> bool:
    """Whether the page count can be read at once (a PDF, or a native's one slip sheet)."""
    return kind in PDF_KINDS or is_native(kind)


def original_path(version: DocumentVersion) -> Path:
    """The stored original of ``version`` (read only; never written to)."""
    path = blob_path(version.blob_id)
    if not path.exists():
        raise PrepareError(
            f"{version.filename}: the stored file is missing from the data directory; "
            "ask an administrator to restore it from the backup."
        )
    return path


def native_extension(version: DocumentVersion) -> str:
    """The extension a native copy keeps (".xlsx"), from its file name, else its kind."""
    suffix = Path(version.filename).suffix.lower()
    if suffix and len(suffix) <= 10 and suffix[1:].isalnum():
        return suffix
    return NATIVE_EXTENSION.get(version.kind, ".bin")


def pdf_pages(path: Path, name: str) -> int:
    """The page count of a PDF; an encrypted, damaged or empty one is a :class:`PrepareError`."""
    from casedesk.core.pdf.errors import PdfInputError
    from casedesk.core.pdf.inputs import open_pdf

    try:
        with open_pdf(path, name=name) as pdf:
            count = len(pdf.pages)
    except PdfInputError as exc:
        raise PrepareError(str(exc)) from exc
    if count == 0:
        raise PrepareError(f"{name} has no pages.")
    return count


def prepare(version: DocumentVersion, folder: Path) -> Prepared:
    """Make ``version`` ready to stamp: its PDF in ``folder`` (or the original) and pages."""
    original = original_path(version)
    name = version.filename
    kind = version.kind
    if kind in PDF_KINDS:
        return Prepared(original, pdf_pages(original, name), original)
    if is_native(kind):
        return Prepared(None, 1, original)
    folder.mkdir(parents=True, exist_ok=True)
    made = folder / "converted.pdf"
    if kind in IMAGE_KINDS:
        from casedesk.core.pdf.errors import PdfInputError
        from casedesk.core.pdf.images import image_to_pdf

        try:
            image_to_pdf(original, made, name=name)
        except PdfInputError as exc:
            raise PrepareError(str(exc)) from exc
    else:
        _convert(
            original, made, name=name, suffix=".docx" if kind == "docx" else ".txt", folder=folder
        )
    return Prepared(made, pdf_pages(made, name), original)


def _convert(original: Path, made: Path, *, name: str, suffix: str, folder: Path) -> None:
    """Word or text to PDF with LibreOffice (it goes by the extension, so the copy has one)."""
    from casedesk.core.drafting.convert import ConversionError
    from casedesk.web.drafting.pdf import convert_to_pdf

    source = folder / f"document{suffix}"
    shutil.copyfile(original, source)
    try:
        convert_to_pdf(source, made)
    except ConversionError as exc:
        raise PrepareError(f"{name} could not be converted to PDF: {exc}") from exc
    if not made.exists() or made.stat().st_size == 0:
        raise PrepareError(f"{name} could not be converted to PDF.")
