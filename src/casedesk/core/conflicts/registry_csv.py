"""Reads the party registry from CSV (id,name,kind,role,matter,aliases) with full validation."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from casedesk.core.conflicts.model import ROLES, PartyKind, RegistryParty
from casedesk.core.conflicts.normalize import MAX_NAME_LENGTH

EXPECTED_HEADER = ("id", "name", "kind", "role", "matter", "aliases")


class RegistryFormatError(ValueError):
    """The registry file is unusable; the message lists every bad row with its line number."""


def _check_row(row: list[str]) -> list[str]:
    """Return the problems of one data row (empty list when it is fine)."""
    problems = []
    if len(row) != len(EXPECTED_HEADER):
        return [
            f"expected {len(EXPECTED_HEADER)} columns, found {len(row)} (missing or extra column)"
        ]
    party_id, name, kind, role, _, aliases = (cell.strip() for cell in row)
    if not party_id:
        problems.append("empty id")
    if not name:
        problems.append("empty name")
    elif len(name) > MAX_NAME_LENGTH:
        problems.append(f"name longer than {MAX_NAME_LENGTH} characters ({len(name)})")
    if kind not in {member.value for member in PartyKind}:
        problems.append(f"unknown kind {kind!r} (use person or organization)")
    if role not in ROLES:
        problems.append(f"unknown role {role!r} (use one of {', '.join(ROLES)})")
    for alias in aliases.split(";"):
        if len(alias.strip()) > MAX_NAME_LENGTH:
            problems.append(f"alias longer than {MAX_NAME_LENGTH} characters")
    return problems


def load_registry_csv(path: Path | str) -> list[RegistryParty]:
    """Load parties from a UTF-8 (optionally BOM-prefixed) CSV file; aliases separated by ';'.

    Raises RegistryFormatError naming every bad row and why.
    """
    raw = Path(path).read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise RegistryFormatError(
            f"{path}: line {line}: the file is not UTF-8 text (bad byte at offset {error.start}); "
            "save it as UTF-8 and try again"
        ) from error
    if not text.strip():
        raise RegistryFormatError(
            f"{path}: the file is empty; expected a header line {','.join(EXPECTED_HEADER)}"
        )
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader)
    if tuple(cell.strip().lower() for cell in header) != EXPECTED_HEADER:
        raise RegistryFormatError(
            f"{path}: line 1: header must be exactly {','.join(EXPECTED_HEADER)}; found {','.join(header)}"
        )
    parties: list[RegistryParty] = []
    errors: list[str] = []
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        problems = _check_row(row)
        if problems:
            errors.append(f"line {line}: {'; '.join(problems)}")
            continue
        party_id, name, kind, role, matter, aliases = (cell.strip() for cell in row)
        parties.append(
            RegistryParty(
                id=party_id,
                name=name,
                kind=PartyKind(kind),
                role=role,
                matter=matter,
                aliases=tuple(alias.strip() for alias in aliases.split(";") if alias.strip()),
            )
        )
    if errors:
        raise RegistryFormatError(f"{path}: {len(errors)} bad row(s):\n" + "\n".join(errors))
    return parties
