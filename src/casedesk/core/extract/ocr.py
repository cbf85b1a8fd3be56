"""OCR for scans: a searchable PDF made with OCRmyPDF (Tesseract) in a child process.

OCR is slow (seconds per page) and runs from the background worker, never in a request. The
original upload is never touched: the searchable copy is written next to ``dst`` under a
temporary name and moved into place only when OCRmyPDF has succeeded.
"""

from __future__ import annotations

import contextlib
import os
import queue
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import Image

from .kinds import FileKind
from .text import ExtractedText, ExtractionError, extract_text

DEFAULT_IMAGE_DPI = 300
"""The resolution assumed for an image that does not say how it was scanned."""

_LANGUAGE = re.compile(r"[a-z][a-z_]{1,30}(\+[a-z][a-z_]{1,30})*", re.IGNORECASE)
# With --verbose 1 and --jobs 1 OCRmyPDF prefixes its per-page log lines with the page number.
_PAGE_LINE = re.compile(rb"^\s*(\d+) ")
# OCRmyPDF's exit codes (ocrmypdf.ExitCode) mapped to what the secretary is told.
_EXIT_MESSAGES = {
    2: "The file could not be OCRed because it is not a readable PDF or image.",
    3: "OCR is not set up on this server (Tesseract or a language pack is missing).",
    6: "This PDF already has a text layer, so it was not OCRed again.",
    8: "This PDF is password-protected, so it cannot be OCRed.",
}
_GENERIC_FAILURE = "OCR failed on this file; an administrator can find the reason in the log."
_STDERR_TAIL = 4000


def ocr_available() -> tuple[bool, str]:
    """Whether OCR can run here: (True, "") or (False, a sentence saying what is missing)."""
    tesseract = shutil.which("tesseract")
    if tesseract is None:
        return False, "Tesseract is not installed (Debian package tesseract-ocr)."
    try:
        langs = subprocess.run(
            [tesseract, "--list-langs"], capture_output=True, timeout=30, check=True, text=True
        ).stdout.split()
        subprocess.run(
            [sys.executable, "-m", "ocrmypdf", "--version"],
            capture_output=True,
            timeout=60,
            check=True,
        )
    except (OSError, subprocess.SubprocessError):
        return False, "Tesseract or OCRmyPDF is installed but does not run."
    if "eng" not in langs:
        return False, "Tesseract has no English language data (Debian package tesseract-ocr-eng)."
    return True, ""


def _flatten(frame: Image.Image) -> Image.Image:
    """An RGB copy of ``frame`` with any transparency laid on white paper."""
    from PIL import Image

    if frame.mode in ("RGBA", "LA", "PA") or "transparency" in frame.info:
        rgba = frame.convert("RGBA")
        paper = Image.new("RGB", rgba.size, "white")
        paper.paste(rgba, mask=rgba.getchannel("A"))
        return paper
    return frame.convert("RGB")


def _prepare_image(src: Path, workdir: Path) -> tuple[Path, int, bool]:
    """(input, pages, needs_dpi) for an image: what OCRmyPDF should read, its frame count, and
    whether it lacks a plausible scanning resolution.

    OCRmyPDF refuses alpha channels (phone screenshots), CMYK without a profile and other modes;
    such images are flattened to RGB in ``workdir``. ``src`` itself is never changed.
    """
    from PIL import Image, ImageSequence

    try:
        with Image.open(src) as image:
            dpi = image.info.get("dpi")
            frames = int(getattr(image, "n_frames", 1))
            source = src
            if image.mode not in ("1", "L", "RGB", "P") or "transparency" in image.info:
                pages = [_flatten(frame) for frame in ImageSequence.Iterator(image)]
                source = workdir / "flattened.tiff"
                extra = {"dpi": dpi} if dpi else {}
                pages[0].save(source, save_all=True, append_images=pages[1:], **extra)
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
        raise ExtractionError(
            "This image could not be opened, so it cannot be OCRed.", detail=str(exc)
        ) from exc
    try:
        return source, frames, dpi is None or min(float(dpi[0]), float(dpi[1])) < 50
    except (TypeError, ValueError, IndexError):
        return source, frames, True


def _pdf_page_count(src: Path) -> int:
    """How many pages the PDF at ``src`` has (refusing a locked or unreadable one)."""
    import pikepdf

    try:
        with pikepdf.open(src) as pdf:
            return len(pdf.pages)
    except pikepdf.PasswordError as exc:
        raise ExtractionError(_EXIT_MESSAGES[8]) from exc
    except (pikepdf.PdfError, OSError, ValueError) as exc:
        raise ExtractionError(
            "This PDF is damaged and could not be read, so it cannot be OCRed.", detail=str(exc)
        ) from exc


def _command(src: Path, out: Path, kind: FileKind, language: str, needs_dpi: bool) -> list[str]:
    """The OCRmyPDF command line: plain PDF output, one job, existing text pages kept."""
    cmd = [sys.executable, "-m", "ocrmypdf", "--output-type", "pdf", "--jobs", "1"]
    cmd += ["-l", language, "--verbose", "1"]
    if kind is FileKind.PDF:
        # Pages that already have text keep it; only pages without text are OCRed. --force-ocr
        # would rasterise (and so degrade) born-digital pages, and a scan has no text to skip.
        cmd.append("--skip-text")
    elif needs_dpi:
        cmd += ["--image-dpi", str(DEFAULT_IMAGE_DPI)]
    return [*cmd, "--", str(src), str(out)]


def _watch(stream: IO[bytes], events: queue.Queue[int | None], tail: bytearray) -> None:
    """Drain OCRmyPDF's stderr: keep its tail for the log, queue the page number of each page
    log line, and queue None at the end. Never calls back into the caller's code, so a failing
    progress callback cannot stop the draining (and so stall OCRmyPDF on a full pipe)."""
    for line in iter(stream.readline, b""):
        tail += line
        del tail[:-_STDERR_TAIL]
        if match := _PAGE_LINE.match(line):
            events.put(int(match.group(1)))
    events.put(None)


def _kill(proc: subprocess.Popen[bytes]) -> None:
    """Stop OCRmyPDF and the Tesseract processes it started (its own process group)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


def _run(
    cmd: list[str],
    *,
    total: int,
    progress: Callable[[int, int], None] | None,
    timeout_s: float,
    language: str,
) -> None:
    """Run OCRmyPDF, relaying page progress; raise a clear ExtractionError on any failure."""
    tail = bytearray()
    events: queue.Queue[int | None] = queue.Queue()
    deadline = time.monotonic() + timeout_s
    proc = subprocess.Popen(
        cmd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, so a timeout can stop Tesseract
    )
    assert proc.stderr is not None
    reader = threading.Thread(target=_watch, args=(proc.stderr, events, tail), daemon=True)
    reader.start()
    done = 0
    try:
        # Progress is reported from this (the caller's) thread, as pages start.
        while (page := events.get(timeout=max(0.0, deadline - time.monotonic()))) is not None:
            if progress is not None and 1 < page <= total and page - 1 > done:
                done = page - 1
                progress(done, total)
        code = proc.wait(timeout=max(0.0, deadline - time.monotonic()))
    except (queue.Empty, subprocess.TimeoutExpired):
        limit = f"{timeout_s / 60:.0f} minutes" if timeout_s >= 120 else f"{timeout_s:g} seconds"
        raise ExtractionError(
            f"OCR took longer than {limit} and was stopped.", detail=f"timeout {timeout_s} s"
        ) from None
    finally:
        if proc.poll() is None:  # timed out, or the progress callback raised
            _kill(proc)
        reader.join()
    if code != 0:
        message = _EXIT_MESSAGES.get(code, _GENERIC_FAILURE)
        if code == 3 and b"language data" in tail:
            message = f"OCR in language {language!r} is not installed on this server."
        detail = f"ocrmypdf exit {code}: " + tail.decode("utf-8", "replace")[-1500:]
        raise ExtractionError(message, detail=detail)


def ocr_to_pdf(
    src: Path,
    dst: Path,
    *,
    kind: FileKind,
    language: str = "eng",
    timeout_s: float = 1800,
    progress: Callable[[int, int], None] | None = None,
) -> ExtractedText:
    """OCR the scan (PDF or image) at ``src`` into a searchable PDF at ``dst``; return its text.

    ``src`` is only read. ``dst`` appears atomically (written under a temporary name in its
    folder, then renamed) and only on success. ``progress(done, total)`` is called with
    ``(0, total)`` at the start, per page where OCRmyPDF's log shows it, and ``(total, total)``
    at the end. Raises :class:`ExtractionError` when OCR is not installed, fails or times out.
    """
    if kind not in (FileKind.PDF, FileKind.IMAGE):
        raise ValueError(f"ocr_to_pdf() takes a PDF or an image, not {kind.value!r}")
    if not _LANGUAGE.fullmatch(language):
        raise ValueError(f"not a Tesseract language code: {language!r}")
    if not dst.parent.is_dir():
        raise FileNotFoundError(f"no folder to write the OCRed PDF into: {dst.parent}")
    if not src.is_file():
        raise ExtractionError("The file could not be found.", detail=str(src))
    if shutil.which("tesseract") is None:
        raise ExtractionError(_EXIT_MESSAGES[3], detail="tesseract not found on PATH")
    with tempfile.TemporaryDirectory(prefix="casedesk-ocr-") as work:
        if kind is FileKind.IMAGE:
            source, total, needs_dpi = _prepare_image(src, Path(work))
        else:
            source, total, needs_dpi = src, _pdf_page_count(src), False
        if progress is not None:
            progress(0, total)
        tmp = dst.parent / f".{dst.stem[:40]}.{secrets.token_hex(8)}.ocr.pdf"
        try:
            cmd = _command(source, tmp, kind, language, needs_dpi)
            _run(cmd, total=total, progress=progress, timeout_s=timeout_s, language=language)
            os.replace(tmp, dst)
        finally:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
    result = extract_text(dst, FileKind.PDF)
    if progress is not None:
        progress(total, total)
    warnings = result.warnings
    if result.needs_ocr:
        warnings = (*warnings, "OCR found little or no text; the scan may be blank or unclear.")
    return replace(result, method="ocr", needs_ocr=False, warnings=warnings)
