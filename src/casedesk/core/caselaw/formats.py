"""Court opinions from files: casedesk JSONL, CourtListener JSON, CAP JSON, PDF/Word/text files.

:func:`read_records` yields one :class:`OpinionRecord` per opinion and one :class:`Rejected`
per thing that could not be taken, with the reason in a sentence: nothing is dropped
silently. Every item carries ``position`` (0-based: the line of a JSONL file, the index in a
JSON array or a ``{"results": [...]}`` page, the index of a file in a folder); pass the last
position seen plus one as ``start`` to resume an interrupted import.

Formats (:func:`detect_format` guesses; ``fmt`` forces one):

``jsonl``
    casedesk's own: one JSON object per line with ``id``, ``case_name`` (null when unknown),
    ``court``, ``jurisdiction``, ``date_filed`` (ISO date or null), ``citations`` (strings)
    and ``text`` (see ``shared/data/README.md``). Read line by line: a 200 MB file is never
    held in memory.
``courtlistener``
    CourtListener REST API objects. An *opinion* (``id``, text in ``plain_text`` or, as HTML or
    XML, ``html_with_citations``/``html``/``html_lawbox``/``html_columbia``/``xml_harvard``;
    ``cluster`` as a URL or a nested cluster) gives one record, id ``cl-<opinion id>``; a
    *cluster* (``case_name``, ``date_filed``, ``citations`` [{volume, reporter, page}],
    ``sub_opinions``) gives one record per nested opinion object, its metadata shared; a
    cluster whose opinions are only links is rejected (download the opinions).
``cap``
    Caselaw Access Project cases (``id``, ``name_abbreviation``/``name``, ``decision_date``,
    ``court`` {name, slug}, ``jurisdiction`` {name, name_long}, ``citations`` [{cite, type}],
    text in ``casebody.data.opinions[].text`` (API) or ``casebody.opinions[].text`` (static
    export; ``casebody.data`` as an XML/HTML string is reduced to text). Id ``cap-<id>``; the
    opinions of one case are joined into one text, each headed by its type and author. CAP
    gives some dates as a year and month ("1887-10") or a year: these become the first day
    of the month or year.
``files``
    A PDF, Word (.docx) or text file, or a folder of them (sorted by path, recursively):
    text by :func:`casedesk.core.extract.text.extract_text`; id ``file-<first 16 hex digits of
    the SHA-256 of the bytes>``; case name from the first lines when one reads like "A v. B",
    else the file name.

The JSON formats accept one object, a JSON array of objects, a CourtListener page
``{"results": [...]}``, or JSON Lines of objects. A JSON document that is not JSON Lines is
parsed whole, so it must be under :data:`MAX_JSON_DOCUMENT_BYTES`.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from casedesk.core.extract.kinds import FileKind, sniff_path
from casedesk.core.extract.results import ExtractionError
from casedesk.core.extract.text import extract_text, html_to_text

FORMATS: Final = ("jsonl", "courtlistener", "cap", "files")
MAX_JSON_DOCUMENT_BYTES: Final = 64 * 1024 * 1024
OPINION_FILE_KINDS: Final = frozenset({FileKind.PDF, FileKind.DOCX, FileKind.TEXT})
_FILE_SUFFIXES: Final = frozenset({".pdf", ".docx", ".txt", ".text", ".md"})
_CL_TEXT_KEYS: Final = ("plain_text",)
_CL_MARKUP_KEYS: Final = (
    "html_with_citations",
    "html",
    "html_lawbox",
    "html_columbia",
    "html_anon_2020",
    "xml_harvard",
)
_CL_OPINION_KEYS: Final = frozenset(
    {*_CL_TEXT_KEYS, *_CL_MARKUP_KEYS, "author_str", "download_url", "cluster", "cluster_id"}
)
_CL_CLUSTER_KEYS: Final = frozenset({"sub_opinions", "case_name", "case_name_short", "docket"})
_PARTIAL_DATE: Final = re.compile(r"(\d{4})(?:-(\d{2}))?")
_CASE_NAME_LINE: Final = re.compile(r"^\s*(\S.{0,150}?)\s+(?:v\.|vs\.|v)\s+(\S.{0,150}?)\s*$")
_CASE_NAME_LINES: Final = 25


@dataclass(frozen=True)
class OpinionRecord:
    """One opinion read from a file; ``citations`` are its own reporter citations as given."""

    id: str
    case_name: str
    court: str
    jurisdiction: str
    date_filed: datetime.date | None
    citations: tuple[str, ...]
    text: str
    position: int = 0


@dataclass(frozen=True)
class Rejected:
    """Something that is not an opinion we can import: where ("line 17", "opinion 4567",
    "file x.pdf") and why, in a sentence."""

    where: str
    reason: str
    position: int = 0


Item = OpinionRecord | Rejected


class _Reject(Exception):
    """Raised inside the record builders; becomes a :class:`Rejected`."""

    def __init__(self, reason: str, where: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.where = where


# --- format detection --------------------------------------------------------------------


def detect_format(path: Path) -> str:
    """ "jsonl", "courtlistener", "cap" or "files" for the file or folder at ``path``.

    A folder, a PDF, a Word or a text file is "files"; JSON is told apart by the keys of its
    first object (``casebody``/``decision_date`` -> CAP; CourtListener's opinion or cluster
    keys -> CourtListener; ``text`` -> JSONL). Undecidable JSON (empty, corrupt) is "jsonl",
    whose reader reports what is wrong line by line.
    """
    path = Path(path)
    if path.is_dir() or path.suffix.lower() in _FILE_SUFFIXES:
        return "files"
    first = _first_object(path)
    return _shape_of(first) if first is not None else "jsonl"


def _peek(path: Path) -> tuple[bytes, bool]:
    """The first non-blank line of the file (stripped) and whether anything but blanks follows.

    Reads one line (however long) and then at most 64 KB: never the whole file.
    """
    with path.open("rb") as handle:
        for raw in handle:
            if line := raw.strip():
                while chunk := handle.read(64 * 1024):
                    if chunk.strip():
                        return line, True
                    # blanks: keep looking (a long run of blank lines is unusual)
                return line, False
    return b"", False


def _first_object(path: Path) -> Mapping[str, Any] | None:
    """The first JSON object of the file (first line, else the whole document if small)."""
    first_line, _ = _peek(path)
    if not first_line:
        return None
    try:
        value: Any = json.loads(first_line)
    except ValueError:
        value = None
        if path.stat().st_size <= MAX_JSON_DOCUMENT_BYTES:
            try:
                value = json.loads(path.read_bytes())
            except ValueError:
                return None
    if isinstance(value, dict) and isinstance(value.get("results"), list):
        value = value["results"]
    if isinstance(value, list):
        value = next((item for item in value if isinstance(item, dict)), None)
    return value if isinstance(value, dict) else None


def _shape_of(item: Mapping[str, Any]) -> str:
    if "casebody" in item or ("decision_date" in item and "name_abbreviation" in item):
        return "cap"
    if "text" in item and not _CL_OPINION_KEYS & item.keys():
        return "jsonl"
    if _CL_OPINION_KEYS & item.keys() or _CL_CLUSTER_KEYS & item.keys():
        return "courtlistener"
    return "jsonl"


# --- reading -----------------------------------------------------------------------------


def read_records(path: Path, fmt: str = "auto", *, start: int = 0) -> Iterator[Item]:
    """The opinions in ``path`` (records and rejections), from position ``start`` on."""
    path = Path(path)
    if fmt == "auto":
        fmt = detect_format(path)
    if fmt not in FORMATS:
        raise ValueError(f"Unknown format {fmt!r}: use auto, {', '.join(FORMATS)}.")
    if fmt == "files":
        yield from _read_files(path, start)
        return
    builder = {"jsonl": _jsonl_records, "courtlistener": _cl_records, "cap": _cap_records}[fmt]
    for position, where, value in _json_items(path, start):
        if isinstance(value, _Reject):
            yield Rejected(where, value.reason, position)
            continue
        try:
            for record in builder(value):
                yield _at(record, position)
        except _Reject as rejection:
            yield Rejected(rejection.where or where, rejection.reason, position)


def _at(record: OpinionRecord, position: int) -> OpinionRecord:
    return OpinionRecord(
        record.id,
        record.case_name,
        record.court,
        record.jurisdiction,
        record.date_filed,
        record.citations,
        record.text,
        position,
    )


def _json_items(path: Path, start: int) -> Iterator[tuple[int, str, Any]]:
    """(position, where, parsed value or _Reject) for each JSON item of the file."""
    if not path.is_file():
        yield 0, f"file {path.name}", _Reject("the file could not be found")
        return
    document = _whole_document(path)
    if isinstance(document, _Reject):
        yield 0, f"file {path.name}", document
        return
    if document is not None:
        items: Sequence[Any] = document
        if isinstance(document, dict):
            results = document.get("results")
            items = results if isinstance(results, list) else [document]
        for index in range(start, len(items)):
            yield index, f"item {index + 1}", items[index]
        return
    yield from _json_lines(path, start)


def _whole_document(path: Path) -> Any:
    """The parsed file when it is one JSON document (not JSON Lines), else None.

    An empty file or one JSON array too large to parse is a _Reject.
    """
    first_line, more = _peek(path)
    if not first_line:
        return _Reject("the file is empty")
    if first_line[:1] == b"{":
        try:
            value = json.loads(first_line)
        except ValueError:
            pass
        else:
            # One object alone (a page {"results": [...]}, a case) is a document; with more
            # lines after it, the file is JSON Lines.
            return None if more else value
    elif first_line[:1] != b"[":
        return None
    if path.stat().st_size > MAX_JSON_DOCUMENT_BYTES:
        if first_line[:1] == b"[":
            limit = MAX_JSON_DOCUMENT_BYTES // (1024 * 1024)
            return _Reject(
                f"the JSON array is larger than {limit} MB: convert it to JSON Lines "
                "(one opinion per line)"
            )
        return None
    try:
        value = json.loads(path.read_bytes())
    except ValueError:
        return None  # read it line by line: each bad line is reported
    return value if isinstance(value, list | dict) else None


def _json_lines(path: Path, start: int) -> Iterator[tuple[int, str, Any]]:
    with path.open("rb") as handle:
        for position, raw in enumerate(handle):
            if position < start or not raw.strip():
                continue
            where = f"line {position + 1}"
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                yield position, where, _Reject("the line is not UTF-8 text")
                continue
            try:
                yield position, where, json.loads(line)
            except json.JSONDecodeError as error:
                cut = " (the line is cut short)" if not raw.endswith(b"\n") else ""
                reason = f"not JSON: {error.msg} at column {error.colno}{cut}"
                yield position, where, _Reject(reason)


# --- field helpers -----------------------------------------------------------------------


def _object(value: Any) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        kind = "a list" if isinstance(value, list) else f"a {type(value).__name__}"
        raise _Reject(f"not an opinion: a JSON object is expected, found {kind}")
    return value


def _identifier(value: Any, what: str = "opinion") -> str:
    if isinstance(value, bool) or value is None:
        raise _Reject(f"the {what} has no id")
    if isinstance(value, int | str) and str(value).strip():
        return str(value).strip()
    raise _Reject(f"the {what} has no id")


def _string(item: Mapping[str, Any], key: str) -> str:
    value = item.get(key)
    if value is None:
        return ""
    if not isinstance(value, str | int):
        raise _Reject(f"{key} must be text, found {type(value).__name__}")
    return " ".join(str(value).split())


def _date(value: Any, key: str, *, partial: bool = False) -> datetime.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        text = value.strip()
        try:
            return datetime.date.fromisoformat(text[:10] if len(text) > 10 else text)
        except ValueError:
            pass
        if partial and (match := _PARTIAL_DATE.fullmatch(text)):
            try:
                return datetime.date(int(match.group(1)), int(match.group(2) or 1), 1)
            except ValueError:
                pass
    raise _Reject(f'{key} "{value}" is not a date like 2017-05-30')


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _require_text(text: str) -> str:
    if not text.strip():
        raise _Reject("the opinion has no text")
    return text


# --- casedesk JSONL ----------------------------------------------------------------------


def _jsonl_records(value: Any) -> Iterator[OpinionRecord]:
    item = _object(value)
    opinion_id = _identifier(item.get("id"))
    citations = item.get("citations") or []
    if not isinstance(citations, list) or not all(isinstance(c, str) for c in citations):
        raise _Reject("citations must be a list of strings", f"opinion {opinion_id}")
    try:
        record = OpinionRecord(
            id=opinion_id,
            case_name=_string(item, "case_name"),
            court=_string(item, "court"),
            jurisdiction=_string(item, "jurisdiction"),
            date_filed=_date(item.get("date_filed"), "date_filed"),
            citations=tuple(" ".join(c.split()) for c in citations if c.strip()),
            text=_require_text(_text(item.get("text"))),
        )
    except _Reject as rejection:
        raise _Reject(rejection.reason, f"opinion {opinion_id}") from None
    yield record


# --- CourtListener -----------------------------------------------------------------------


def _cl_opinion_text(item: Mapping[str, Any]) -> str:
    for key in _CL_TEXT_KEYS:
        if text := _text(item.get(key)):
            return text
    for key in _CL_MARKUP_KEYS:
        if (markup := _text(item.get(key))) and (text := html_to_text(markup)):
            return text
    return ""


def _cl_citations(values: Any) -> tuple[str, ...]:
    found: list[str] = []
    for value in values if isinstance(values, list) else []:
        if isinstance(value, str) and value.strip():
            found.append(" ".join(value.split()))
        elif isinstance(value, dict):
            parts = (str(value.get(key) or "").strip() for key in ("volume", "reporter", "page"))
            volume, reporter, page = parts
            if volume and reporter and page:
                found.append(f"{volume} {reporter} {page}")
    return tuple(dict.fromkeys(found))


def _last_path_part(url: str) -> str:
    parts = [part for part in url.split("/") if part]
    return parts[-1] if parts else ""


def _cl_court(item: Mapping[str, Any]) -> str:
    for key in ("court_id", "court"):
        value = item.get(key)
        if isinstance(value, str) and value.strip():
            return _last_path_part(value) if "/" in value else value.strip()
    docket = item.get("docket")
    return _cl_court(docket) if isinstance(docket, dict) else ""


def _cl_case_name(item: Mapping[str, Any]) -> str:
    for key in ("case_name", "case_name_short", "case_name_full", "caseName"):
        if name := _string(item, key):
            return name
    return ""


def _cl_records(value: Any) -> Iterator[OpinionRecord]:
    item = _object(value)
    is_opinion = bool(_CL_OPINION_KEYS & item.keys())
    if is_opinion:
        cluster = item.get("cluster")
        yield _cl_record(item, cluster if isinstance(cluster, dict) else {})
        return
    cluster_id = _identifier(item.get("id"), "cluster")
    opinions = item.get("sub_opinions") or item.get("opinions") or []
    nested = [opinion for opinion in opinions if isinstance(opinion, dict)]
    if not nested:
        raise _Reject(
            "the cluster has no opinion text (its opinions are only links): "
            "import the opinions themselves",
            f"cluster {cluster_id}",
        )
    for opinion in nested:
        yield _cl_record(opinion, item)


def _cl_record(opinion: Mapping[str, Any], cluster: Mapping[str, Any]) -> OpinionRecord:
    opinion_id = _identifier(opinion.get("id"))
    where = f"opinion {opinion_id}"
    try:
        date = _date(cluster.get("date_filed") or opinion.get("date_filed"), "date_filed")
        citations = _cl_citations(cluster.get("citations") or opinion.get("citation"))
        return OpinionRecord(
            id=f"cl-{opinion_id}",
            case_name=_cl_case_name(cluster) or _cl_case_name(opinion),
            court=_cl_court(cluster) or _cl_court(opinion),
            jurisdiction="",
            date_filed=date,
            citations=citations,
            text=_require_text(_cl_opinion_text(opinion)),
        )
    except _Reject as rejection:
        raise _Reject(rejection.reason, where) from None


# --- Caselaw Access Project --------------------------------------------------------------


def _cap_text(casebody: Any) -> str:
    if not isinstance(casebody, dict):
        return ""
    data = casebody.get("data", casebody)
    if isinstance(data, str):
        return html_to_text(data)
    if not isinstance(data, dict):
        return ""
    parts: list[str] = []
    for opinion in data.get("opinions") or []:
        if not isinstance(opinion, dict) or not (text := _text(opinion.get("text"))):
            continue
        heading = " ".join(
            part for part in (_text(opinion.get("type")), _text(opinion.get("author"))) if part
        )
        parts.append(f"{heading}\n{text}" if heading else text)
    return "\n\n".join(parts)


def _cap_records(value: Any) -> Iterator[OpinionRecord]:
    item = _object(value)
    case_id = _identifier(item.get("id"), "case")
    where = f"case {case_id}"
    try:
        court = item.get("court")
        jurisdiction = item.get("jurisdiction")
        court_name = ""
        if isinstance(court, dict):
            court_name = _string(court, "slug") or _string(court, "name_abbreviation")
            court_name = court_name or _string(court, "name")
        elif isinstance(court, str):
            court_name = court.strip()
        jurisdiction_name = ""
        if isinstance(jurisdiction, dict):
            jurisdiction_name = _string(jurisdiction, "name_long") or _string(jurisdiction, "name")
        citations = item.get("citations") or []
        cites = tuple(
            " ".join(str(c.get("cite")).split())
            for c in (citations if isinstance(citations, list) else [])
            if isinstance(c, dict) and c.get("cite")
        )
        yield OpinionRecord(
            id=f"cap-{case_id}",
            case_name=_string(item, "name_abbreviation") or _string(item, "name"),
            court=court_name,
            jurisdiction=jurisdiction_name,
            date_filed=_date(item.get("decision_date"), "decision_date", partial=True),
            citations=cites,
            text=_require_text(_cap_text(item.get("casebody"))),
        )
    except _Reject as rejection:
        raise _Reject(rejection.reason, where) from None


# --- loose files -------------------------------------------------------------------------


def _opinion_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(
            entry
            for entry in path.rglob("*")
            if entry.is_file() and not any(part.startswith(".") for part in entry.parts)
        )
    return [path]


def case_name_from_text(text: str) -> str:
    """The first of the opening lines that reads like "A v. B" (whitespace collapsed), or ""."""
    lines = [line for line in text.splitlines() if line.strip()][:_CASE_NAME_LINES]
    for line in lines:
        if match := _CASE_NAME_LINE.match(" ".join(line.split())):
            return f"{match.group(1)} v. {match.group(2)}"
    return ""


def _read_files(path: Path, start: int) -> Iterator[Item]:
    if not path.exists():
        yield Rejected(f"file {path.name}", "the file could not be found", 0)
        return
    files = _opinion_files(path)
    for position in range(start, len(files)):
        file = files[position]
        where = f"file {file.name}"
        try:
            yield _file_record(file, position)
        except _Reject as rejection:
            yield Rejected(where, rejection.reason, position)


def _file_record(file: Path, position: int) -> OpinionRecord:
    try:
        kind = sniff_path(file)
    except OSError as error:
        raise _Reject(f"the file could not be read ({error.strerror})") from None
    if kind not in OPINION_FILE_KINDS:
        raise _Reject("not a PDF, Word (.docx) or text file")
    try:
        extracted = extract_text(file, kind)
    except ExtractionError as error:
        raise _Reject(str(error).rstrip(".")) from None
    if extracted.encrypted:
        raise _Reject("the PDF is password-protected")
    if not extracted.text.strip():
        if extracted.needs_ocr:
            raise _Reject("the PDF is a scan without a text layer: OCR it first")
        raise _Reject("the opinion has no text")
    digest = hashlib.sha256(file.read_bytes()).hexdigest()[:16]
    return OpinionRecord(
        id=f"file-{digest}",
        case_name=case_name_from_text(extracted.text) or file.stem,
        court="",
        jurisdiction="",
        date_filed=None,
        citations=(),
        text=extracted.text,
        position=position,
    )
