"""The baseline: SQLite FTS5 over the same synthetic opinions and queries.

FTS5 with the porter tokenizer over unicode61 with diacritics removed (the nearest thing
SQLite has to casedesk's English stemming with accent folding), BM25 ranking (FTS5's
``bm25()``), a court filter and a year range as ordinary columns, and the citations a
document cites as an FTS column searched as a phrase.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path

from bench.research.corpus import SyntheticOpinion


def build(path: Path, docs: Iterable[SyntheticOpinion], batch: int = 5_000) -> sqlite3.Connection:
    """Create the FTS5 table at ``path`` and load ``docs``."""
    path.unlink(missing_ok=True)
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    con.execute(
        "CREATE VIRTUAL TABLE op USING fts5(id UNINDEXED, case_name, court UNINDEXED, "
        "year UNINDEXED, text, cites, "
        "tokenize = 'porter unicode61 remove_diacritics 2')"
    )
    rows: list[tuple[str, str, str, int, str, str]] = []
    for d in docs:
        rows.append((d.id, d.case_name, d.court, d.year, d.text, " ; ".join(d.cites)))
        if len(rows) >= batch:
            con.executemany("INSERT INTO op VALUES (?,?,?,?,?,?)", rows)
            rows.clear()
    if rows:
        con.executemany("INSERT INTO op VALUES (?,?,?,?,?,?)", rows)
    con.commit()
    con.execute("INSERT INTO op(op) VALUES ('optimize')")
    con.commit()
    return con


def search(
    con: sqlite3.Connection,
    match: str,
    *,
    court: str | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
    limit: int = 20,
) -> tuple[int, list[tuple[str, float, str]]]:
    """Total hits and the top ``limit`` (id, bm25, snippet), like casedesk's search page."""
    where = ["op MATCH ?"]
    args: list[object] = [match]
    if court:
        where.append("court = ?")
        args.append(court)
    if year_from is not None:
        where.append("CAST(year AS INTEGER) >= ?")
        args.append(year_from)
    if year_to is not None:
        where.append("CAST(year AS INTEGER) <= ?")
        args.append(year_to)
    clause = " AND ".join(where)
    total = con.execute(f"SELECT count(*) FROM op WHERE {clause}", args).fetchone()[0]
    hits = con.execute(
        f"SELECT id, bm25(op), snippet(op, 4, '<mark>', '</mark>', '…', 24) FROM op "
        f"WHERE {clause} ORDER BY bm25(op) LIMIT ?",
        [*args, limit],
    ).fetchall()
    return int(total), hits
