"""Safe reading of uploaded ZIP archives.

A ZIP is untrusted input twice over: its member names can point anywhere (``../../x``,
``/etc/passwd``, ``C:\\``) and its sizes can lie (a ZIP bomb). :func:`list_zip` decides which
members may be unpacked, under cleaned relative names, and refuses archives that would unpack to
absurd sizes; :func:`read_member` streams one member with a hard byte limit. Nothing is written
under a member's own name: the caller stores the bytes by content hash.
"""

from __future__ import annotations

import stat
import struct
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from .filenames import clean_filename

RATIO_FLOOR_BYTES = 1024 * 1024
"""Members (and archives) smaller than this unpacked are never called bombs: a small text file
of blanks legitimately compresses a thousandfold."""

_CHUNK = 64 * 1024
_JUNK_NAMES = frozenset({".ds_store", "thumbs.db", "desktop.ini"})
_SUPPORTED_METHODS = frozenset(
    {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}
)
_UTF8_FLAG = 0x800
_UNICODE_PATH_EXTRA = 0x7075


@dataclass(frozen=True)
class ZipMember:
    """A member that may be unpacked: its cleaned relative path, declared size and position."""

    name: str  # cleaned relative path ("folder/sub/file.pdf"), each component clean_filename'd
    size: int
    index: int


@dataclass(frozen=True)
class ZipListing:
    """The members to unpack and the entries skipped, as (raw name, reason) pairs."""

    members: tuple[ZipMember, ...]
    rejected: tuple[tuple[str, str], ...]


class ArchiveError(Exception):
    """A ZIP that must not be unpacked at all; str(exc) is one clear sentence."""


def _raw_name(info: zipfile.ZipInfo) -> str:
    """The member's name as its creator meant it.

    zipfile decodes names without the UTF-8 flag as cp437; many tools (macOS, 7-Zip) write UTF-8
    without setting the flag, and Info-ZIP stores a UTF-8 copy in an extra field.
    """
    header_bytes = info.orig_filename.encode(
        "utf-8" if info.flag_bits & _UTF8_FLAG else "cp437", "replace"
    )
    extra = info.extra
    while len(extra) >= 4:
        tag, size = struct.unpack("<HH", extra[:4])
        field = extra[4 : 4 + size]
        # Version 1, then the CRC-32 of the header's name: a stale copy is ignored.
        if tag == _UNICODE_PATH_EXTRA and len(field) > 5 and field[0] == 1:
            if struct.unpack("<I", field[1:5])[0] == zlib.crc32(header_bytes):
                try:
                    return field[5:].decode("utf-8")
                except UnicodeDecodeError:
                    pass
            break
        extra = extra[4 + size :]
    if info.flag_bits & _UTF8_FLAG:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def _is_junk(parts: list[str]) -> bool:
    """True for operating-system clutter: __MACOSX/, .DS_Store, AppleDouble "._x", Thumbs.db."""
    return (
        any(part == "__MACOSX" for part in parts)
        or parts[-1].lower() in _JUNK_NAMES
        or parts[-1].startswith("._")
    )


def _reject_reason(info: zipfile.ZipInfo, raw: str) -> str | None:
    """Why an entry must not be unpacked, or None when it may be."""
    if any(unicodedata.category(ch) == "Cc" for ch in raw):
        return "the name contains control characters"
    if raw.startswith(("/", "\\")):
        return "the name is an absolute path"
    if len(raw) >= 2 and raw[1] == ":" and raw[0].isascii() and raw[0].isalpha():
        return "the name starts with a drive letter"
    parts = [part for part in raw.replace("\\", "/").split("/") if part not in ("", ".")]
    if ".." in parts:
        return "the name points outside the archive (..)"
    if info.is_dir() or not parts:
        return "a folder, not a file"
    if _is_junk(parts):
        return "operating-system clutter"
    mode = info.external_attr >> 16
    if info.create_system == 3 and mode and stat.S_IFMT(mode) not in (0, stat.S_IFREG):
        return "a link or special file, not a regular file"
    if info.flag_bits & 0x1:
        return "the file is password-protected"
    if info.compress_type not in _SUPPORTED_METHODS:
        return "the file uses an unsupported compression method"
    return None


def _clean_path(raw: str) -> str:
    """The relative path to show: each component cleaned, "." and empty components dropped."""
    parts = [p for p in raw.replace("\\", "/").split("/") if p not in ("", ".")]
    return str(PurePosixPath(*(clean_filename(part) for part in parts)))


def _bomb(size: int, compressed: int, max_ratio: float) -> bool:
    """True when ``size`` bytes from ``compressed`` bytes is a ratio no document reaches."""
    return size > RATIO_FLOOR_BYTES and size / max(compressed, 1) > max_ratio


def list_zip(
    path: Path,
    *,
    max_members: int = 10_000,
    max_total_bytes: int = 4 * 1024**3,
    max_ratio: float = 200.0,
) -> ZipListing:
    """The members of the ZIP at ``path`` that may be unpacked, and the entries skipped.

    Skipped (in ``rejected``, not an error): unsafe names, folders, links, encrypted entries,
    unsupported compression, OS clutter, duplicate names. Raises :class:`ArchiveError` when the
    file is not a readable ZIP, has too many entries, or would unpack to too much (declared total
    over ``max_total_bytes``, a compression ratio over ``max_ratio``, overlapping entries). Nested
    ZIPs are ordinary members: the caller decides whether to open them.
    """
    try:
        archive_size = path.stat().st_size
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise ArchiveError("This file is not a readable ZIP archive.") from exc
    if len(infos) > max_members:
        raise ArchiveError(
            f"This ZIP archive has {len(infos):,} entries; at most {max_members:,} are allowed."
        )
    if sum(info.compress_size for info in infos) > archive_size:
        raise ArchiveError("This ZIP archive is malformed (its entries overlap); it is refused.")
    members: list[ZipMember] = []
    rejected: list[tuple[str, str]] = []
    seen: set[str] = set()
    for index, info in enumerate(infos):
        raw = _raw_name(info)
        reason = _reject_reason(info, raw)
        name = _clean_path(raw) if reason is None else ""
        if reason is None and name in seen:
            reason = "another entry has the same name"
        if reason is not None:
            rejected.append((raw, reason))
            continue
        if _bomb(info.file_size, info.compress_size, max_ratio):
            raise ArchiveError(
                "This ZIP archive looks like a ZIP bomb (a file in it expands far beyond its "
                "compressed size), so it was not unpacked."
            )
        seen.add(name)
        members.append(ZipMember(name=name, size=info.file_size, index=index))
    total = sum(member.size for member in members)
    if total > max_total_bytes:
        raise ArchiveError(
            f"This ZIP archive would unpack to {total / 1024**3:.1f} GB, more than the "
            f"{max_total_bytes / 1024**3:.1f} GB allowed."
        )
    if _bomb(total, sum(infos[m.index].compress_size for m in members), max_ratio):
        raise ArchiveError(
            "This ZIP archive looks like a ZIP bomb (it expands far beyond its size), "
            "so it was not unpacked."
        )
    return ZipListing(members=tuple(members), rejected=tuple(rejected))


def read_member(path: Path, member: ZipMember, dest: BinaryIO, *, max_bytes: int) -> int:
    """Stream ``member`` of the ZIP at ``path`` into ``dest``; return the bytes written.

    Stops with :class:`ArchiveError` as soon as more than ``max_bytes`` or more than the
    member's declared size come out (a lying header), or when the data is corrupt; ``dest``
    then holds a partial copy that the caller must discard.
    """
    if member.size > max_bytes:
        raise ArchiveError(
            f"{member.name} is {member.size:,} bytes, more than the {max_bytes:,} allowed."
        )
    limit = min(member.size, max_bytes)
    written = 0
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            if member.index >= len(infos) or infos[member.index].file_size != member.size:
                raise ArchiveError("This ZIP archive changed since it was listed.")
            # zipfile itself stops at the declared size and then checks the CRC; the count
            # below is a second, independent bound.
            with zf.open(infos[member.index]) as src:
                while chunk := src.read(_CHUNK):
                    written += len(chunk)
                    if written > limit:
                        raise ArchiveError(
                            f"{member.name} holds more data than its header declares; "
                            "the archive is damaged or malicious."
                        )
                    dest.write(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as exc:
        raise ArchiveError(f"{member.name} could not be unpacked: the archive is damaged.") from exc
    if written != member.size:
        raise ArchiveError(f"{member.name} is shorter than declared: the archive is damaged.")
    return written
