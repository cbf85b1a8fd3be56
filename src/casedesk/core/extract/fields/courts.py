"""Court names in a caption or a letter, mapped to courts-db ids.

Candidates: a caption line (or column) that starts like a court ("UNITED STATES DISTRICT
COURT", "SUPERIOR COURT OF ...", "IN THE DISTRICT COURT OF") joined with the lines that
continue it ("NORTHERN DISTRICT OF CALIFORNIA", "FOR THE COUNTY OF LOS ANGELES", "DALLAS
COUNTY, TEXAS", "134TH JUDICIAL DISTRICT"); and a few forms found anywhere in running text
("in the 157th District Court of Harris County, Texas", "Orange County Superior Court",
"(Los Angeles County Super. Ct. No. ...)").

Mapping: California superior courts, New York supreme and civil courts go to their courts-db
parent ("calsuperct", "nysupct", "nycivct") and then to the county's own court where
courts-db has one ("calsuppctla", "nysupctkings"); everything else goes through courts-db's
``find_court`` (full-string match). Texas district and county courts at law have no courts-db
id: their value is a normalised name, "134th Judicial District Court, Dallas County, Texas".

courts-db builds its data and compiles about 6,000 regular expressions on first use (about
1.2 s); ``courts_db_data`` loads it once per process and lookups are cached by string.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from casedesk.core.extract.fields.layout import lines, segments, squash

_START = re.compile(
    r"(?:appeal\s+from\s+(?:the\s+)?)?(?:in\s+the\s+)?(?:u\.\s?s\.\s|(?:united\s+states|superior|supreme|district|circuit|county"
    r"|civil|family|criminal|probate|surrogate|bankruptcy|justice|court\s+of"
    r"|(?:northern|southern|eastern|western|central|middle)\s+district\s+of"
    r"|\d{1,3}(?:st|nd|rd|th)\s+(?:judicial\s+)?district)\b)",
    re.IGNORECASE,
)
_NAMED = re.compile(r"\bcourts?\b|\bdistrict\s+of\b|\bjudicial\s+district\b", re.IGNORECASE)
_CONTINUES = re.compile(
    r"(?:for|of|in\s+and\s+for|held|county\b|city\b|[\w.'-]+(?:\s[\w.'-]+)?\s+county\b"
    r"|(?:northern|southern|eastern|western|central|middle)\s+district|district\s+of"
    r"|\d{1,3}(?:st|nd|rd|th)\s+judicial|\w+\s+appellate\s+district|division\s+\w+$|precinct\b"
    r"|[\w ]+\s+division$|at\s+law|the\s+\w+\s+circuit)",
    re.IGNORECASE,
)
_NOT_NAME = r"(?!(?:of|the|for|in|and|said|this|county|at|district|judicial|court|law)\b)"
_COUNTY_NAME = (
    r"\b" + _NOT_NAME + r"(?:St\.\s)?[A-Z][A-Za-z'-]+(?:\s" + _NOT_NAME + r"[A-Z][A-Za-z'-]+)?"
)
_INLINE = re.compile(
    r"\b\d{1,3}(?:st|nd|rd|th)\s+(?:Judicial\s+)?District\s+Court\s+(?:of|in)\s+"
    + _COUNTY_NAME
    + r"\s+County,?\s+Texas\b"
    r"|\bSuperior\s+Court\s+of\s+(?:the\s+State\s+of\s+)?California,?\s+(?:(?:in\s+and\s+)?for\s+"
    r"the\s+)?(?:City\s+and\s+)?County\s+of\s+"
    + _COUNTY_NAME
    + r"|\b"
    + _COUNTY_NAME
    + r"\s+County\s+"
    r"Super(?:ior|\.)\s+(?:Court|Ct\.)"
    r"|\bSupreme\s+Court\s+of\s+the\s+State\s+of\s+New\s+York,?\s+(?:(?:held\s+)?(?:in\s+and\s+)?for"
    r"\s+the\s+)?County\s+of\s+" + _COUNTY_NAME
)
# Practitioners' abbreviations for the big California superior courts ("LASC Case No. ...").
_ABBREVIATED = re.compile(r"\b(?P<abbr>LASC|SFSC|OCSC|SDSC)\b(?=\s+(?:Case|No\.))")
_ABBREVIATIONS = {
    "LASC": "Los Angeles",
    "SFSC": "San Francisco",
    "OCSC": "Orange",
    "SDSC": "San Diego",
}
_DIVISION = re.compile(r"[\s,]*(?:\bdivision\s+\w+|:?\s*housing\s+part)\s*$", re.IGNORECASE)
_DIVISION_LINE = re.compile(r"(?:\w+\s+){1,2}division$", re.IGNORECASE)
_APPELLATE = re.compile(
    r"[\s,]*\b(?:first|second|third|fourth|fifth|sixth)\s+appellate\s+district\b", re.I
)
_TX_COUNTY = re.compile(r"(" + _COUNTY_NAME + r")\s+COUNTY,?\s+TEXAS", re.IGNORECASE)
_TX_DISTRICT = re.compile(r"(\d{1,3})(?:st|nd|rd|th)\s+(?:judicial\s+)?district", re.IGNORECASE)
_COUNTY_OF = re.compile(r"\bcounty\s+of\s+(" + _COUNTY_NAME + ")", re.IGNORECASE)
_X_COUNTY = re.compile(r"\b(" + _COUNTY_NAME + r")\s+county\b", re.IGNORECASE)
_STATES = ("California", "New York", "Texas")
_COURT_WORDS = frozenset(
    [
        "court",
        "courts",
        "superior",
        "supreme",
        "county",
        "of",
        "the",
        "special",
        "term",
        "general",
        "civil",
        "city",
    ]
)
_ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth"]


@dataclass(frozen=True)
class CourtMatch:
    """A court: ``value`` is a courts-db id or a normalised name; ``name`` as printed."""

    start: int
    end: int
    value: str
    name: str


@dataclass(frozen=True)
class _CourtsDb:
    by_id: dict[str, dict[str, Any]]
    children: dict[str, list[tuple[str, str]]]


@functools.cache
def courts_db_data() -> _CourtsDb:
    """Load courts-db once per process (its JSON and its ~6,000 regexes)."""
    import courts_db

    courts: list[dict[str, Any]] = list(courts_db.courts)
    _ = courts_db.regexes
    children: dict[str, list[tuple[str, str]]] = {}
    for court in courts:
        if court.get("parent"):
            children.setdefault(str(court["parent"]), []).append((court["id"], court["name"]))
    return _CourtsDb({str(c["id"]): c for c in courts}, children)


@functools.lru_cache(maxsize=4096)
def _find_court(name: str, bankruptcy: bool | None, location: str | None) -> tuple[str, ...]:
    from courts_db import find_court

    courts_db_data()
    found: list[str] = find_court(name, bankruptcy=bankruptcy, location=location)
    return tuple(sorted(i for i in found if i != "usdistct"))


def clear_lookup_cache() -> None:
    """Forget cached name lookups (the courts-db data stays loaded); for benchmarks."""
    _find_court.cache_clear()


def find_courts(text: str) -> list[CourtMatch]:
    """Courts named in ``text``, sorted by position."""
    out: list[CourtMatch] = []
    california = re.search(r"\bCalifornia\b|,\s*CA\s+\d{5}", text) is not None
    for start, end, name in _candidates(text):
        value = resolve_court(name, california=california)
        if value is not None:
            out.append(CourtMatch(start, end, value, name))
    for m in _INLINE.finditer(text):
        value = resolve_court(m.group(), california=california)
        if value is not None:
            out.append(CourtMatch(m.start(), m.end(), value, squash(m.group())))
    for m in _ABBREVIATED.finditer(text):
        county = _ABBREVIATIONS[m["abbr"]]
        out.append(CourtMatch(m.start(), m.end(), _refine("calsuperct", county), m["abbr"]))
    return sorted(out, key=lambda c: c.start)


def _candidates(text: str) -> Iterator[tuple[int, int, str]]:
    rows = lines(text)
    used: set[int] = set()
    for i, (ls, le) in enumerate(rows):
        for s, e in segments(text, ls, le):
            piece = text[s:e]
            if s in used or e - s > 110 or not _START.match(piece):
                continue
            parts, last = [piece], e
            col = (s - ls, e - ls)
            misses = 0
            for ns, ne in rows[i + 1 : i + 10]:
                nxt = [
                    (a, b) for a, b in segments(text, ns, ne) if a - ns < col[1] and b - ns > col[0]
                ]
                if not nxt:
                    misses += 1
                    if misses > 3:
                        break
                    continue
                a, b = nxt[0]
                if not _CONTINUES.match(text[a:b]) or len(parts) >= 4:
                    break
                used.add(a)
                if not _DIVISION_LINE.match(text[a:b].strip()):
                    parts.append(text[a:b])
                last, misses = b, 0
            name = squash(" ".join(parts))
            if _NAMED.search(name):
                yield s, last, name


def resolve_court(printed: str, *, california: bool = True) -> str | None:
    """The courts-db id (or normalised name) for a printed court name, or None."""
    name = squash(printed).strip(" ,.;:()")
    name = re.sub(r"^(?:appeal\s+from\s+(?:the\s+)?)?(?:in\s+the\s+)?", "", name, flags=re.I)
    name = _DIVISION.sub("", name).strip(" ,.;:")
    upper = name.upper()
    if "TEXAS" in upper and "UNITED STATES" not in upper:
        texas = _texas(name)
        if texas is not None:
            return texas
    county = _county(name)
    if re.search(r"\bSUPER(?:IOR\b|\.)", upper) and ("CALIFORNIA" in upper or california):
        return _refine("calsuperct", county) if county else "calsuperct"
    if (
        re.search(r"SUPREME COURT OF (?:THE STATE OF )?NEW YORK", upper)
        and "APPELLATE" not in upper
    ):
        return _refine("nysupct", county) if county else "nysupct"
    if "CIVIL COURT OF THE CITY OF NEW YORK" in upper:
        return _refine("nycivct", county) if county else "nycivct"
    return _federal_or_other(name)


def _texas(name: str) -> str | None:
    county = _TX_COUNTY.search(name)
    if county is None:
        return None
    where = f"{county.group(1).title()} County, Texas"
    if "JUSTICE COURT" in name.upper():
        precinct = re.search(r"\bPRECINCT\s+(?:NO\.?\s*)?(\d+)", name, re.IGNORECASE)
        return f"Justice Court Precinct {precinct.group(1)}, {where}" if precinct else None
    if "COUNTY COURT" in name.upper():
        number = re.search(r"\bNO\.?\s*(\d+)", name, re.IGNORECASE)
        return f"County Court at Law No. {number.group(1)}, {where}" if number else None
    district = _TX_DISTRICT.search(name)
    if district is not None:
        n = int(district.group(1))
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix} Judicial District Court, {where}"
    if re.search(r"\bDISTRICT COURT\b", name, re.IGNORECASE):
        return f"District Court, {where}"
    return None


def _county(name: str) -> str | None:
    m = _COUNTY_OF.search(name) or _X_COUNTY.search(name)
    return m.group(1) if m else None


def _refine(parent: str, county: str) -> str:
    """The county's own court under ``parent`` where courts-db has one."""
    db = courts_db_data()
    parent_name = str(db.by_id[parent]["name"]).lower()
    want = _words(county)
    for court_id, court_name in db.children.get(parent, []):
        rest = court_name.lower().replace(parent_name, " ")
        if _words(rest) - _COURT_WORDS == want:
            return court_id
    return parent


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", text.lower())) - {"county", "of", "the"}


def _federal_or_other(name: str) -> str | None:
    query = re.sub(r"\bU\.\s?S\.", "United States", name)
    bankruptcy = "BANKRUPTCY" in query.upper()
    location = None
    states = {s for s in _STATES if re.search(rf"\b{s}\b", query, re.IGNORECASE)}
    if len(states) == 1 and "CIRCUIT" not in query.upper():
        location = states.pop()  # courts-db skips other states' regexes: about 6x faster
    query = _APPELLATE.sub("", query)
    variants = [query, re.sub(r"\bof\s+the\s+state\s+of\b", "of", query, flags=re.I)]
    if re.match(
        r"(?:northern|southern|eastern|western|central|middle)\s+district\s+of\s", query, re.I
    ):
        variants.append("United States District Court for the " + query)
    for variant in variants:
        found = _find_court(variant, bankruptcy, location)
        if len(found) == 1:
            return _appellate_district(found[0], name)
        if len(found) > 1:
            return found[0]
    return None


def _appellate_district(court_id: str, name: str) -> str:
    m = re.search(r"\b(" + "|".join(_ORDINALS) + r")\s+appellate\s+district", name, re.IGNORECASE)
    if m is None:
        return court_id
    wanted = f"{m.group(1).lower()} appellate district"
    for child_id, child_name in courts_db_data().children.get(court_id, []):
        if wanted in child_name.lower():
            return child_id
    return court_id
