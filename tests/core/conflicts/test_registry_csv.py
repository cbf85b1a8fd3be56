"""load_registry_csv: good files, every kind of bad row, encodings."""

from __future__ import annotations

from pathlib import Path

import pytest

from casedesk.core.conflicts import ConflictIndex, PartyKind, RegistryFormatError, load_registry_csv

HEADER = "id,name,kind,role,matter,aliases\n"


def _write(tmp_path: Path, content: str | bytes) -> Path:
    path = tmp_path / "registry.csv"
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def test_good_file(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        HEADER
        + "P1,Margaret Olsen,person,client,M-1,Peggy Olsen;Peggy Olsen-Whitley\n"
        + 'O1,"Acme, Inc.",organization,adverse-party,M-2,\n',
    )
    parties = load_registry_csv(path)
    assert [p.id for p in parties] == ["P1", "O1"]
    assert parties[0].aliases == ("Peggy Olsen", "Peggy Olsen-Whitley")
    assert parties[1].kind is PartyKind.ORGANIZATION and parties[1].name == "Acme, Inc."


def test_probe_registry_loads() -> None:
    assert len(load_registry_csv(Path(__file__).parent / "probe_registry.csv")) == 80


def test_bom_is_accepted(tmp_path: Path) -> None:
    path = _write(tmp_path, b"\xef\xbb\xbf" + (HEADER + "P1,Jane Roe,person,client,,\n").encode())
    assert load_registry_csv(str(path))[0].name == "Jane Roe"


def test_non_latin_names(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        HEADER
        + "V1,Nguyễn Văn Thành,person,client,,Thành Nguyễn\n"
        + "A1,محمد علي,person,witness,,\n"
        + "C1,王小明,person,expert,,\n",
    )
    parties = load_registry_csv(path)
    index = ConflictIndex.build(parties)
    assert [p.name for p in parties] == ["Nguyễn Văn Thành", "محمد علي", "王小明"]
    for party in parties:
        assert index.search(party.name)[0].party.id == party.id


def test_empty_file(tmp_path: Path) -> None:
    with pytest.raises(RegistryFormatError, match="empty"):
        load_registry_csv(_write(tmp_path, ""))


def test_wrong_header(tmp_path: Path) -> None:
    with pytest.raises(RegistryFormatError, match="line 1: header"):
        load_registry_csv(
            _write(tmp_path, "id,name,type,role,matter,aliases\nP1,A B,person,client,,\n")
        )


def test_not_utf8(tmp_path: Path) -> None:
    content = (HEADER + "P1,Jos").encode() + b"\xe9 Ruiz,person,client,,\n"
    with pytest.raises(RegistryFormatError, match="line 2: the file is not UTF-8"):
        load_registry_csv(_write(tmp_path, content))


def test_every_bad_row_is_listed(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        HEADER
        + "P1,Good Person,person,client,,\n"  # line 2 fine
        + "P2,Bad Kind,robot,client,,\n"  # line 3
        + "P3,Bad Role,person,butler,,\n"  # line 4
        + "P4,,person,client,,\n"  # line 5
        + "P5,Short,person,client\n"  # line 6 missing columns
        + f"P6,{'x' * 501},person,client,,\n",  # line 7
    )
    with pytest.raises(RegistryFormatError) as caught:
        load_registry_csv(path)
    message = str(caught.value)
    assert "5 bad row(s)" in message
    assert "line 3: unknown kind 'robot'" in message
    assert "line 4: unknown role 'butler'" in message
    assert "line 5: empty name" in message
    assert "line 6: expected 6 columns, found 4" in message
    assert "line 7: name longer than 500 characters" in message
    assert "line 2" not in message
    assert isinstance(caught.value, ValueError)
