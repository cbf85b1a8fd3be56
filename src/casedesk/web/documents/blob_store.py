"""Content-addressed file storage under ``CASEDESK_BLOB_DIR``.

A file is stored once, at ``blobs/ab/cd/<sha256>``, whatever its name: two uploads of the same
bytes share one file, a user's file name never becomes a path, and nothing is overwritten (a
blob that already exists is left as it is). Writes go to a temporary file in the same folder,
are fsynced, then renamed into place, so a crash never leaves a half-written blob under its
final name.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import BinaryIO

from django.conf import settings

from casedesk.web.documents.models import Blob

CHUNK = 1024 * 1024


def blob_path(sha256: str) -> Path:
    """Where the blob with this digest lives (whether or not it exists yet)."""
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        raise ValueError("not a SHA-256 hex digest")
    return Path(settings.CASEDESK_BLOB_DIR) / sha256[:2] / sha256[2:4] / sha256


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _store_stream(src: BinaryIO) -> tuple[str, int]:
    root = Path(settings.CASEDESK_BLOB_DIR)
    root.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    fd, tmp_name = tempfile.mkstemp(prefix=".incoming-", dir=root)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            while chunk := src.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        sha = digest.hexdigest()
        final = blob_path(sha)
        if final.exists():
            tmp.unlink()
        else:
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(tmp, final)
            os.chmod(final, 0o440)
            # The new name (and any new ab/cd folders) must survive a power cut too.
            for folder in (final.parent, final.parent.parent, root):
                _fsync_dir(folder)
        return sha, size
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def blob_store_file(path: Path) -> Blob:
    """Store the file at ``path`` (copied, never moved) and return its :class:`Blob` row."""
    with path.open("rb") as fh:
        sha, size = _store_stream(fh)
    blob, _ = Blob.objects.get_or_create(sha256=sha, defaults={"size": size})
    return blob


def blob_store_stream(src: BinaryIO) -> Blob:
    """Store bytes read from ``src`` and return the :class:`Blob` row."""
    sha, size = _store_stream(src)
    blob, _ = Blob.objects.get_or_create(sha256=sha, defaults={"size": size})
    return blob


def blob_open(blob: Blob) -> BinaryIO:
    """Open a stored blob for reading; a missing file is a clear error for the page."""
    path = blob_path(blob.sha256)
    try:
        return path.open("rb")
    except FileNotFoundError as exc:
        raise FileNotFoundError(
            f"The stored file {blob.sha256[:12]}… is missing from the data directory."
        ) from exc


def blob_copy_to(blob: Blob, dest: Path) -> Path:
    """Copy a blob's bytes to ``dest`` (for tools that need a file path of their own)."""
    with blob_open(blob) as src, dest.open("wb") as out:
        shutil.copyfileobj(src, out, CHUNK)
    return dest


def blob_delete_unreferenced(blob: Blob) -> bool:
    """Remove a blob's file and row when nothing refers to it any more.

    Blobs are shared by content: the same bytes may be a document version, its OCR copy, a
    cite-checked draft, a brief, a template, a production volume. Every model's reference
    to a blob is checked (Django's reverse relations), so purging a document never deletes,
    or trips over, what another part of the firm still keeps.
    """
    for relation in Blob._meta.get_fields(include_hidden=True):
        if not (relation.auto_created and relation.is_relation and not relation.concrete):
            continue
        model = relation.related_model
        if model._default_manager.filter(**{relation.field.name: blob}).exists():  # type: ignore[union-attr]
            return False
    path = blob_path(blob.sha256)
    blob.delete()
    if path.exists():
        os.chmod(path, 0o640)
        path.unlink()
    return True
