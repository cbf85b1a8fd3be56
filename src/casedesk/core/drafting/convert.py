"""DOCX to PDF with LibreOffice, kept warm.

:class:`WarmConverter` starts one ``soffice --headless`` listening on a private pipe, with its
own profile directory, and a small bridge (``uno_bridge.py``, run by the Python that has
LibreOffice's ``uno`` module: Debian's ``python3-uno``) that converts on request. A cold
``soffice --convert-to pdf`` costs about 2 s (start-up and profile); a warm conversion costs
the layout and PDF export only. :func:`convert_cold` is the one-shot fallback used when the
bridge cannot run (no ``python3-uno``), and the baseline of the benchmark.

Conversions are serialised per converter (one soffice document at a time is what LibreOffice
handles reliably); a converter that dies is restarted on the next request.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import threading
import uuid
from pathlib import Path
from typing import IO

BRIDGE = Path(__file__).with_name("uno_bridge.py")
UNO_PYTHON = os.environ.get("CASEDESK_UNO_PYTHON", "/usr/bin/python3")


class ConversionError(Exception):
    """A document could not be converted; the message is one sentence for the user."""


def soffice_path() -> str | None:
    """The LibreOffice binary, or None when LibreOffice is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def _profile_url(folder: Path) -> str:
    return f"-env:UserInstallation={folder.resolve().as_uri()}"


def convert_cold(src: Path, dst: Path, *, timeout_s: float = 120.0) -> None:
    """Convert with a fresh ``soffice --convert-to pdf`` (its own throw-away profile)."""
    office = soffice_path()
    if office is None:
        raise ConversionError("LibreOffice is not installed, so no PDF can be made.")
    with tempfile.TemporaryDirectory(prefix="casedesk-lo-") as tmp:
        out = Path(tmp) / "out"
        cmd = [
            office,
            _profile_url(Path(tmp) / "profile"),
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(src),
        ]
        try:
            subprocess.run(cmd, capture_output=True, timeout=timeout_s, check=False)
        except subprocess.TimeoutExpired as exc:
            raise ConversionError("LibreOffice took too long to convert the document.") from exc
        made = out / (src.stem + ".pdf")
        if not made.exists():
            raise ConversionError("LibreOffice could not convert the document to PDF.")
        shutil.move(str(made), dst)


class WarmConverter:
    """One warm LibreOffice and its bridge; ``convert`` is thread-safe (serialised)."""

    def __init__(self, *, start_timeout_s: float = 60.0) -> None:
        self._lock = threading.Lock()
        self._start_timeout_s = start_timeout_s
        self._office: subprocess.Popen[bytes] | None = None
        self._bridge: subprocess.Popen[str] | None = None
        self._tmp: tempfile.TemporaryDirectory[str] | None = None

    @staticmethod
    def available() -> tuple[bool, str]:
        """Whether a warm converter can run here, and the reason when it cannot."""
        if soffice_path() is None:
            return False, "LibreOffice is not installed."
        try:
            probe = subprocess.run(
                [UNO_PYTHON, "-c", "import uno"], capture_output=True, timeout=30, check=False
            )
        except (OSError, subprocess.TimeoutExpired):
            return False, f"{UNO_PYTHON} cannot be run."
        if probe.returncode != 0:
            return False, f"{UNO_PYTHON} has no LibreOffice 'uno' module (install python3-uno)."
        return True, ""

    def _start(self) -> None:
        office = soffice_path()
        if office is None:
            raise ConversionError("LibreOffice is not installed, so no PDF can be made.")
        self._tmp = tempfile.TemporaryDirectory(prefix="casedesk-lo-warm-")
        pipe = f"casedesk_{uuid.uuid4().hex[:12]}"
        self._office = subprocess.Popen(
            [
                office,
                _profile_url(Path(self._tmp.name) / "profile"),
                "--headless",
                "--invisible",
                "--nologo",
                "--norestore",
                "--nodefault",
                f"--accept=pipe,name={pipe};urp;",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self._bridge = subprocess.Popen(
            [UNO_PYTHON, str(BRIDGE), pipe, str(self._start_timeout_s)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env={**os.environ, "PYTHONPATH": "/usr/lib/libreoffice/program"},
        )
        ready = self._read(self._bridge.stdout)
        if not ready.get("ok"):
            self.close()
            raise ConversionError("LibreOffice did not start.")

    @staticmethod
    def _read(stream: IO[str] | None) -> dict[str, object]:
        line = stream.readline() if stream is not None else ""
        if not line:
            return {"ok": False, "error": "the converter stopped"}
        answer: dict[str, object] = json.loads(line)
        return answer

    def _alive(self) -> bool:
        return (
            self._office is not None
            and self._office.poll() is None
            and self._bridge is not None
            and self._bridge.poll() is None
        )

    def convert(self, src: Path, dst: Path) -> None:
        """Convert ``src`` (DOCX) to the PDF ``dst``; restarts LibreOffice if it had died."""
        with self._lock:
            if not self._alive():
                self.close()
                self._start()
            assert self._bridge is not None and self._bridge.stdin is not None
            self._bridge.stdin.write(json.dumps({"src": str(src), "dst": str(dst)}) + "\n")
            self._bridge.stdin.flush()
            answer = self._read(self._bridge.stdout)
            if not answer.get("ok"):
                if not self._alive():
                    self.close()
                raise ConversionError(
                    f"LibreOffice could not convert the document: {answer.get('error', '')}"
                )

    def close(self) -> None:
        """Stop the bridge and LibreOffice and remove the profile."""
        for proc in (self._bridge, self._office):
            if proc is not None and proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()
        self._bridge = self._office = None
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    def __enter__(self) -> WarmConverter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
