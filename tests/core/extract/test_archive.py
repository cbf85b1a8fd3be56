"""Uploaded ZIPs: unsafe entries skipped, bombs and lying headers refused."""

from __future__ import annotations

import io
import random
import stat
import struct
import time
import warnings
import zipfile
import zlib
from pathlib import Path

import pytest

from casedesk.core.extract.archive import (
    ArchiveError,
    ZipMember,
    list_zip,
    read_member,
)

NOISE = random.Random(7).randbytes(1_100_000)  # incompressible


def make_zip(
    path: Path,
    entries: list[tuple[str | zipfile.ZipInfo, bytes]],
    method: int = zipfile.ZIP_DEFLATED,
) -> Path:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about duplicate names
        with zipfile.ZipFile(path, "w", compression=method) as zf:
            for name, data in entries:
                zf.writestr(name, data)
    return path


def _symlink(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.create_system = 3
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


def _set_flag(path: Path, name: str, *, set_bits: int = 0, clear_bits: int = 0) -> None:
    """Change the general-purpose flags of entry ``name`` in its local and central headers
    (zipfile cannot write encrypted entries or UTF-8 names without the UTF-8 flag)."""
    data = bytearray(path.read_bytes())
    for sig, flag_at, name_len_at, header_len in (
        (b"PK\x03\x04", 6, 26, 30),
        (b"PK\x01\x02", 8, 28, 46),
    ):
        at = data.find(sig)
        while at >= 0:
            (length,) = struct.unpack("<H", data[at + name_len_at : at + name_len_at + 2])
            if bytes(data[at + header_len : at + header_len + length]) == name.encode():
                (flags,) = struct.unpack("<H", data[at + flag_at : at + flag_at + 2])
                data[at + flag_at : at + flag_at + 2] = struct.pack(
                    "<H", (flags | set_bits) & ~clear_bits
                )
            at = data.find(sig, at + 4)
    path.write_bytes(bytes(data))


def _patch_sizes(
    path: Path, *, file_size: int | None = None, compress_size: int | None = None
) -> None:
    """Rewrite the sizes a ZIP's (single) entry declares, in both headers."""
    data = bytearray(path.read_bytes())
    local, central = data.index(b"PK\x03\x04"), data.index(b"PK\x01\x02")
    for offset, field in (
        (local + 18, compress_size),
        (local + 22, file_size),
        (central + 20, compress_size),
        (central + 24, file_size),
    ):
        if field is not None:
            data[offset : offset + 4] = struct.pack("<I", field)
    path.write_bytes(bytes(data))


def test_safe_and_unsafe_entries(tmp_path: Path) -> None:
    inner = io.BytesIO()
    make_zip(tmp_path / "inner.zip", [("x.txt", b"x")])
    inner.write((tmp_path / "inner.zip").read_bytes())
    path = make_zip(
        tmp_path / "upload.zip",
        [
            ("Hợp đồng thuê nhà.pdf", b"%PDF-1.4 lease"),
            ("Hồ sơ/عقد الإيجار.pdf", b"%PDF-1.4 arabic"),
            ("./docs//Exhibit\u202eA.pdf", b"%PDF"),
            ("nested.zip", inner.getvalue()),
            ("../evil.txt", b"evil"),
            ("docs/../../evil2.txt", b"evil"),
            ("/etc/passwd", b"root"),
            ("\\windows\\system.ini", b"x"),
            ("C:\\boot.ini", b"x"),
            ("a\x07b.txt", b"bell"),
            ("folder/", b""),
            ("__MACOSX/._Hợp đồng thuê nhà.pdf", b"junk"),
            ("docs/.DS_Store", b"junk"),
            ("._resource", b"junk"),
            (_symlink("link-to-etc"), b"/etc"),
            ("secret.pdf", b"xx"),
            ("Hợp đồng thuê nhà.pdf", b"duplicate"),
        ],
    )
    _set_flag(path, "secret.pdf", set_bits=0x1)
    listing = list_zip(path)
    assert [(m.name, m.size, m.index) for m in listing.members] == [
        ("Hợp đồng thuê nhà.pdf", 14, 0),
        ("Hồ sơ/عقد الإيجار.pdf", 15, 1),
        ("docs/ExhibitA.pdf", 4, 2),
        ("nested.zip", len(inner.getvalue()), 3),
    ]
    reasons = dict(listing.rejected)
    assert reasons == {
        "../evil.txt": "the name points outside the archive (..)",
        "docs/../../evil2.txt": "the name points outside the archive (..)",
        "/etc/passwd": "the name is an absolute path",
        "\\windows\\system.ini": "the name is an absolute path",
        "C:\\boot.ini": "the name starts with a drive letter",
        "a\x07b.txt": "the name contains control characters",
        "folder/": "a folder, not a file",
        "__MACOSX/._Hợp đồng thuê nhà.pdf": "operating-system clutter",
        "docs/.DS_Store": "operating-system clutter",
        "._resource": "operating-system clutter",
        "link-to-etc": "a link or special file, not a regular file",
        "secret.pdf": "the file is password-protected",
        "Hợp đồng thuê nhà.pdf": "another entry has the same name",
    }


def test_utf8_names_without_the_utf8_flag(tmp_path: Path) -> None:
    """macOS and 7-Zip write UTF-8 names without flag bit 11; zipfile then shows mojibake."""
    path = make_zip(tmp_path / "mac.zip", [("عقد الإيجار.pdf", b"%PDF")])
    _set_flag(path, "عقد الإيجار.pdf", clear_bits=0x800)
    with zipfile.ZipFile(path) as zf:
        assert zf.namelist() != ["عقد الإيجار.pdf"]
    assert [m.name for m in list_zip(path).members] == ["عقد الإيجار.pdf"]


@pytest.mark.parametrize(("crc_ok", "expected"), [(True, "Hợp đồng.pdf"), (False, "Hop dong.pdf")])
def test_info_zip_unicode_path_field(tmp_path: Path, crc_ok: bool, expected: str) -> None:
    """Info-ZIP keeps an ASCII name in the header and the real UTF-8 name in extra field 0x7075."""
    utf8 = "Hợp đồng.pdf".encode()
    crc = zlib.crc32(b"Hop dong.pdf") if crc_ok else 12345
    info = zipfile.ZipInfo("Hop dong.pdf")
    info.extra = struct.pack("<HHBI", 0x7075, 5 + len(utf8), 1, crc) + utf8
    path = make_zip(tmp_path / "infozip.zip", [(info, b"%PDF")])
    assert [m.name for m in list_zip(path).members] == [expected]


def test_read_member_streams_the_bytes(tmp_path: Path) -> None:
    payload = bytes(range(256)) * 4000
    path = make_zip(tmp_path / "a.zip", [("docs/a.bin", payload), ("b.txt", b"bee")])
    listing = list_zip(path)
    out = io.BytesIO()
    assert read_member(path, listing.members[0], out, max_bytes=10**7) == len(payload)
    assert out.getvalue() == payload


@pytest.mark.parametrize(
    ("max_members", "max_total", "max_ratio", "content", "message"),
    [
        (2, 10**9, 200.0, [("a", b"1"), ("b", b"2"), ("c", b"3")], "3 entries; at most 2"),
        (100, 2_000_000, 200.0, [("a", NOISE), ("b", NOISE[::-1])], "would unpack"),
        (100, 10**12, 200.0, [("zeros.bin", b"\0" * 20_000_000)], "ZIP bomb"),
        (100, 10**12, 200.0, [(f"z{i}", b"\0" * 900_000) for i in range(3)], "ZIP bomb"),
        (100, 10**12, 2000.0, [("zeros.bin", b"\0" * 20_000_000)], None),
        (100, 10**12, 200.0, [("small-but-compressible.txt", b" " * 500_000)], None),
    ],
    ids=["too-many", "too-big", "bomb-member", "bomb-total", "high-limit-allows", "small-files-ok"],
)
def test_limits(
    tmp_path: Path,
    max_members: int,
    max_total: int,
    max_ratio: float,
    content: list[tuple[str, bytes]],
    message: str | None,
) -> None:
    path = make_zip(tmp_path / "z.zip", list(content))
    if message is None:
        assert len(
            list_zip(
                path, max_members=max_members, max_total_bytes=max_total, max_ratio=max_ratio
            ).members
        ) == len(content)
        return
    with pytest.raises(ArchiveError, match=message):
        list_zip(path, max_members=max_members, max_total_bytes=max_total, max_ratio=max_ratio)


def test_big_declared_bomb_is_refused_from_headers_alone(tmp_path: Path) -> None:
    """A 4 GB member declared in a 200-byte file: refused without unpacking anything."""
    path = make_zip(tmp_path / "bomb.zip", [("zeros.bin", b"\0" * 1000)])
    _patch_sizes(path, file_size=4 * 1024**3 - 1)
    started = time.monotonic()
    with pytest.raises(ArchiveError):
        list_zip(path)
    assert time.monotonic() - started < 1


def test_overlapping_entries_are_refused(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "o.zip", [("a.txt", b"hello")], method=zipfile.ZIP_STORED)
    _patch_sizes(path, compress_size=10**6)
    with pytest.raises(ArchiveError, match="overlap"):
        list_zip(path)


@pytest.mark.parametrize(
    "content",
    [b"", b"not a zip at all", b"PK\x03\x04" + b"\0" * 40],
    ids=["empty", "text", "truncated"],
)
def test_not_a_zip(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "x.zip"
    path.write_bytes(content)
    with pytest.raises(ArchiveError, match=r"^This file is not a readable ZIP archive\.$"):
        list_zip(path)


def test_read_member_enforces_max_bytes(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "a.zip", [("big.txt", b"x" * 5000)])
    member = list_zip(path).members[0]
    out = io.BytesIO()
    with pytest.raises(ArchiveError, match="more than the 4,999 allowed"):
        read_member(path, member, out, max_bytes=4999)
    assert out.getvalue() == b""


@pytest.mark.parametrize(
    ("declared", "method"),
    [(10, zipfile.ZIP_STORED), (10, zipfile.ZIP_DEFLATED), (2000, zipfile.ZIP_DEFLATED)],
    ids=["stored-says-less", "deflated-says-less", "says-more"],
)
def test_lying_header(tmp_path: Path, declared: int, method: int) -> None:
    path = make_zip(tmp_path / "liar.zip", [("liar.txt", b"A" * 1000)], method=method)
    _patch_sizes(path, file_size=declared)
    member = list_zip(path).members[0]
    assert member.size == declared
    out = io.BytesIO()
    with pytest.raises(ArchiveError, match="damaged"):
        read_member(path, member, out, max_bytes=10**6)
    assert len(out.getvalue()) <= declared


def test_read_member_refuses_a_changed_archive(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "a.zip", [("a.txt", b"abc")])
    with pytest.raises(ArchiveError, match="changed"):
        read_member(path, ZipMember(name="a.txt", size=3, index=5), io.BytesIO(), max_bytes=100)
