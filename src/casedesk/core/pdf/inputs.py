"""Opening the PDFs users give us, refusing the ones we cannot use with a clear sentence.

`open_pdf` is the one way core/pdf opens an input: an empty file, something that is not a
PDF, a password-protected or permission-restricted PDF and a PDF qpdf cannot repair each
raise `PdfInputError` naming the file; a damaged file qpdf can repair opens, and
`repair_warnings` turns what qpdf reported into sentences for the user. Outputs are written
by `save_pdf`: a temporary file beside the destination, then a rename, never over the input.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import subprocess
from pathlib import Path
from typing import BinaryIO

import pikepdf

from casedesk.core.pdf.errors import PdfInputError

_HEADER_WINDOW = 1024  # readers accept "%PDF-" anywhere in the first 1,024 bytes
_MAX_LISTED = 3


def encrypted_message(name: str) -> str:
    """The sentence shown for an encrypted or permission-restricted PDF."""
    return f"{name} is encrypted: remove its password and upload it again."


def _clean(message: str, path: Path, name: str) -> str:
    """A qpdf message without the file's full path, ending without a full stop."""
    text = str(message).replace(str(path), name).strip()
    if text.startswith(name + ": "):
        text = text[len(name) + 2 :]
    return text.rstrip(".")


def open_pdf(path: Path, *, name: str | None = None) -> pikepdf.Pdf:
    """Open ``path`` read-only for stamping or binding, or raise `PdfInputError`.

    ``name`` is what messages call the file (default: ``path.name``). Refused: a missing
    or 0-byte file, a file without a PDF header, any encrypted PDF that needs a password,
    one encrypted with an empty password but with restrictions (a copy would strip the
    owner's protection), a PDF with no pages, and a damaged PDF qpdf cannot repair. A
    damaged PDF qpdf repairs is returned; call `repair_warnings` to report the repair.
    """
    name = name or path.name
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(_HEADER_WINDOW)
    except FileNotFoundError:
        raise PdfInputError(f"{name} was not found.", name=name) from None
    except OSError as error:
        raise PdfInputError(
            f"{name} could not be read: {error.strerror or error}.", name=name
        ) from None
    if size == 0:
        raise PdfInputError(f"{name} is empty (0 bytes).", name=name)
    if b"%PDF-" not in head:
        raise PdfInputError(f"{name} is not a PDF.", name=name)
    try:
        pdf = pikepdf.open(path, suppress_warnings=True, attempt_recovery=True)
    except pikepdf.PasswordError:
        raise PdfInputError(encrypted_message(name), name=name) from None
    except (pikepdf.PdfError, RuntimeError) as error:
        raise PdfInputError(
            f"{name} is damaged and could not be repaired: {_clean(str(error), path, name)}.",
            name=name,
        ) from None
    try:
        if pdf.is_encrypted and not all(pdf.allow):
            raise PdfInputError(encrypted_message(name), name=name)
        count = len(pdf.pages)
    except PdfInputError:
        pdf.close()
        raise
    except (pikepdf.PdfError, RuntimeError) as error:
        pdf.close()
        raise PdfInputError(
            f"{name} is damaged and could not be repaired: {_clean(str(error), path, name)}.",
            name=name,
        ) from None
    if count == 0:
        pdf.close()
        raise PdfInputError(f"{name} has no pages.", name=name)
    return pdf


def repair_warnings(pdf: pikepdf.Pdf, name: str) -> tuple[str, ...]:
    """Sentences for what qpdf reported about ``pdf`` since the last call (empties the list).

    Call after opening and again after saving: qpdf reads objects lazily, so some damage
    only shows while the copy is written. An encrypted file opened with an empty password
    is reported too (the copy is written without encryption).
    """
    found: list[str] = []
    if pdf.is_encrypted:
        found.append(
            f"{name} was encrypted without a password or restrictions; the copy is not encrypted."
        )
    problems = [w for w in pdf.get_warnings() if w]
    if problems:
        path = Path(str(pdf.filename))
        listed = "; ".join(_clean(w, path, name) for w in problems[:_MAX_LISTED])
        more = f" (and {len(problems) - _MAX_LISTED} more)" if len(problems) > _MAX_LISTED else ""
        found.append(f"{name} was damaged and has been repaired by qpdf: {listed}{more}.")
    return tuple(found)


def pdf_page_count(path: Path, *, name: str | None = None) -> int:
    """Number of pages of a PDF (raises `PdfInputError` as `open_pdf` does)."""
    with open_pdf(path, name=name) as pdf:
        return len(pdf.pages)


def qpdf_check(path: Path) -> tuple[bool, str]:
    """Run ``qpdf --check`` on ``path``: (True when qpdf found no error or warning, output)."""
    exe = shutil.which("qpdf") or "qpdf"
    done = subprocess.run([exe, "--check", str(path)], capture_output=True, text=True, check=False)
    return done.returncode == 0, (done.stdout + done.stderr).strip()


def check_destination(src: Path, dst: Path, *, name: str | None = None) -> None:
    """Raise ValueError when writing ``dst`` would overwrite the input ``src``."""
    same = src.resolve() == dst.resolve()
    if not same and dst.exists():
        with contextlib.suppress(OSError):
            same = os.path.samefile(src, dst)
    if same:
        raise ValueError(
            f"The stamped copy of {name or src.name} cannot be written over the original: "
            "choose another file or folder."
        )


def _temporary_beside(dst: Path) -> tuple[Path, BinaryIO]:
    """A new hidden temporary file in ``dst``'s folder, created with the user's umask."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    tmp = dst.parent / f".{dst.name}.{secrets.token_hex(6)}.tmp"
    return tmp, tmp.open("xb")


def write_atomic(dst: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``dst``, then rename it to ``dst``."""
    tmp, handle = _temporary_beside(dst)
    try:
        with handle:
            handle.write(data)
        os.replace(tmp, dst)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def save_pdf(pdf: pikepdf.Pdf, dst: Path) -> None:
    """Write ``pdf`` to a temporary file beside ``dst``, then rename it to ``dst``.

    pikepdf's default save settings are used (stream compression as pikepdf does it, object
    streams preserved), so the cost is that of a plain rewrite. A failed write leaves no
    partial ``dst`` behind.
    """
    tmp, handle = _temporary_beside(dst)
    try:
        with handle:
            pdf.save(handle)
        os.replace(tmp, dst)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
