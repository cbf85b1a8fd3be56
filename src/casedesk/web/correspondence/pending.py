"""Uploaded messages waiting for the user to choose their matter.

An uploaded .eml/.msg is kept under ``CASEDESK_UPLOAD_TMP_DIR/correspondence/`` as
``<token>.upload`` beside ``<token>.json`` (who uploaded it, its name, the matter it was
uploaded from). The token is random and bound to the uploading user: anyone else, or an
expired token, gets nothing. Files are removed once filed, when cancelled, and after
:data:`MAX_AGE` (swept whenever an upload is kept or looked up).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import secrets
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings

MAX_AGE = dt.timedelta(days=1)
_TOKEN = re.compile(r"[A-Za-z0-9_-]{32,64}")


@dataclass(frozen=True)
class PendingImport:
    """An upload waiting to be filed."""

    token: str
    path: Path
    filename: str
    matter_id: int | None


def _folder() -> Path:
    folder = Path(settings.CASEDESK_UPLOAD_TMP_DIR) / "correspondence"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def _paths(token: str) -> tuple[Path, Path]:
    folder = _folder()
    return folder / f"{token}.upload", folder / f"{token}.json"


def sweep(now: float | None = None) -> int:
    """Remove uploads older than :data:`MAX_AGE`; returns how many files were removed."""
    cutoff = (now if now is not None else time.time()) - MAX_AGE.total_seconds()
    removed = 0
    for path in _folder().iterdir():
        try:
            if path.is_file() and path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
        except FileNotFoundError:
            continue
    return removed


def keep(*, user: Any, source: Path, filename: str, matter_id: int | None = None) -> str:
    """Copy the uploaded file aside for ``user`` and return its token."""
    sweep()
    token = secrets.token_urlsafe(32)
    data, meta = _paths(token)
    shutil.copyfile(source, data)
    os.chmod(data, 0o600)
    record = {
        "user": user.pk,
        "filename": filename,
        "matter": matter_id,
        "created": dt.datetime.now(dt.UTC).isoformat(),
    }
    meta.write_text(json.dumps(record), encoding="utf-8")
    os.chmod(meta, 0o600)
    return token


def load(*, user: Any, token: str) -> PendingImport | None:
    """The upload behind ``token`` when it is ``user``'s and not expired; else None."""
    if not _TOKEN.fullmatch(token or ""):
        return None
    sweep()
    data, meta = _paths(token)
    try:
        record = json.loads(meta.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if record.get("user") != getattr(user, "pk", None) or not data.exists():
        return None
    matter = record.get("matter")
    return PendingImport(
        token=token,
        path=data,
        filename=str(record.get("filename") or "message.eml"),
        matter_id=int(matter) if isinstance(matter, int) else None,
    )


def discard(token: str) -> None:
    """Remove an upload's files (after filing, or when cancelled)."""
    if not _TOKEN.fullmatch(token or ""):
        return
    for path in _paths(token):
        path.unlink(missing_ok=True)
