"""Case, cause, index and docket numbers, kept as printed.

Recognised without a prefix: federal ("2:24-cv-01234-ABC", "1:23-cr-00456", "6:26-bk-10482"),
California ("24STCV12345", "25CECG02291", "BC123456", "CGC-24-612345",
"30-2024-01234567-CU-BC-CJC"), Texas ("2024-CI-01234", "DC-24-01234", "D-1-GN-25-004417").
With a prefix ("Case No.", "Civil Action No.", "Docket No.", "Cause No.", "Index No.",
"D.C. No."): any number-like token ("654321/2024", "LT-304117-25/BX", "B338104"). A bare
"No." counts only at the start of a line or column and for a token with a hyphen, colon or
letters ("No. 23-1234"). Bar, file, claim, policy, motion-sequence and docket-entry numbers
are never case numbers, nor is a docket number inside a citation ("No. 20-cv-5641, 2021 WL").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from casedesk.core.extract.fields.layout import line_bounds, segments

_SHAPES: tuple[tuple[str, str], ...] = (
    (
        "federal",
        r"(?i:(?:\d{1,2}:)?\d{2}-(?:cv|cr|bk|mc|md|mj|ap|po|adv)-\d{3,6})(?:-[A-Z]{2,5}){0,3}",
    ),
    ("california", r"\d{2}[A-Z]{2,6}\d{5,8}"),
    ("california", r"(?:BC|BS|BP|LC|SC|EC|NC|PC|VC|KC|GC|YC|MC)\d{6}"),
    ("california", r"(?:CGC|CPF|CUD|CCH|FDI|FPT|PES|PTR|CNC|SCV)-\d{2}-\d{5,6}"),
    ("california", r"\d{2}-\d{4}-\d{8}-[A-Z]{2}-[A-Z]{2}-[A-Z]{3}"),
    ("texas", r"\d{4}-CI-\d{4,6}"),
    ("texas", r"(?:DC|CC|JP|DF)-\d{2}-\d{4,6}(?:-[A-Z])?"),
    ("texas", r"[CDJ]-\d-[A-Z]{2}-\d{2}-\d{4,6}"),
)
# One scan for every shape: the first character is cheap to test, the lookbehind comes after.
_STANDALONE = re.compile(
    r"(?=[0-9A-Z])(?<![\w/:.-])(?:"
    + "|".join(f"(?P<s{i}>{pattern})" for i, (_, pattern) in enumerate(_SHAPES))
    + r")(?![\w/-])"
)

_LABELS = {
    "case": "other", "civil action": "federal", "civil": "other", "criminal": "other",
    "docket": "other", "cause": "texas", "index": "new_york", "l&t index": "new_york",
    "d.c.": "federal", "d. c.": "federal", "appeal": "other", "adversary": "federal",
    "bankruptcy case": "federal", "court of appeal case": "california", "misc.": "other",
}  # fmt: skip
_PREFIXED = re.compile(
    r"(?P<no>\bno\.?|\bnumber|#)\s*[:.]?[ \t]*\n?[ \t]*(?P<num>[A-Z0-9](?:[A-Z0-9:/.&-]*[A-Z0-9])?)",
    re.IGNORECASE,
)
_LABEL = re.compile(
    r"\b(?P<label>court\s+of\s+appeal\s+case|bankruptcy\s+case|l&t\s+index|civil\s+action|case"
    r"|civil|criminal|docket|cause|index|appeal|adversary|misc\.|d\.\s?c\.)\s*$",
    re.IGNORECASE,
)
_BOX_LABEL = re.compile(r"\bcase\s+number\s*:\s*$", re.IGNORECASE)
_BOX_NUMBER = re.compile(r"[A-Z0-9](?:[A-Z0-9:/.-]*[A-Z0-9])?")
_CITATION_AFTER = re.compile(
    r"\s*(?:\([A-Z]{2,4}\))?\s*,\s*(?:\d{4}\s+(?:WL|U\.S\.\s*Dist\.|LEXIS)|slip\s+op|\d+\s+F\.)"
)


@dataclass(frozen=True)
class CaseNumberMatch:
    """A case number: ``value`` as printed, ``system`` the court system its shape suggests."""

    start: int
    end: int
    value: str
    system: str
    label: str


def find_case_numbers(text: str) -> list[CaseNumberMatch]:
    """Every case number in ``text``, sorted by position, overlapping matches removed."""
    found: list[CaseNumberMatch] = []
    for m in _STANDALONE.finditer(text):
        system = _SHAPES[int((m.lastgroup or "s0")[1:])][0]
        found.append(CaseNumberMatch(m.start(), m.end(), m.group(), system, ""))
    for m in _PREFIXED.finditer(text):
        match = _prefixed(text, m)
        if match is not None:
            found.append(match)
    found.extend(_form_boxes(text))
    found.sort(key=lambda c: (c.start, -(c.end - c.start)))
    out: list[CaseNumberMatch] = []
    for c in found:
        if _CITATION_AFTER.match(text, c.end):
            continue
        if out and c.start < out[-1].end:
            if c.label and not out[-1].label and c.start == out[-1].start:
                out[-1] = CaseNumberMatch(c.start, c.end, c.value, out[-1].system, c.label)
            continue
        out.append(c)
    return out


def _prefixed(text: str, m: re.Match[str]) -> CaseNumberMatch | None:
    num = m["num"].rstrip(".")
    if not any(ch.isdigit() for ch in num) or len(num) < 4:
        return None
    before = _LABEL.search(text, max(0, m.start() - 30), m.start())
    label = " ".join(before["label"].lower().split()) if before else ""
    if not label:
        if m["no"].lower().startswith("num") or not _bare_no_allowed(text, m.start("no")):
            return None
        if not re.search(r"[-:]|[A-Z]\d|\d[A-Z]", num, re.IGNORECASE):
            return None
    elif label in ("civil", "criminal", "appeal", "misc.") and not re.search(r"[-:/]", num):
        return None
    if re.fullmatch(r"\d{1,3}(?:\.\d+)*", num):
        return None
    start = m.start("num")
    system = _LABELS.get(label, "other")
    if system == "other" and re.fullmatch(r"\d{2}-\d{3,5}", num):
        system = "federal_appellate"
    return CaseNumberMatch(start, start + len(num), num, system, label or "no.")


def _bare_no_allowed(text: str, pos: int) -> bool:
    """A bare "No." starts a line or a column, follows "(", or follows "Super. Ct."."""
    line_start = text.rfind("\n", 0, pos) + 1
    before = text[line_start:pos]
    if not before.strip() or before.endswith(("(", "  ", "\t")):
        return True
    return re.search(r"\bS(?:uper|up)\.?\s+Ct\.\s*$", before) is not None


def _form_boxes(text: str) -> list[CaseNumberMatch]:
    """A form's "CASE NUMBER:" box with the number on the next line, in the same column."""
    out: list[CaseNumberMatch] = []
    for m in re.finditer(r"case\s+number\s*:", text, re.IGNORECASE):
        ls, le = line_bounds(text, m.start())
        if not _BOX_LABEL.search(text, ls, min(le, m.end() + 2)) or text[m.end() : le].strip():
            continue
        column = (m.start() - ls, m.end() - ls)
        pos = le
        for _ in range(2):
            if pos >= len(text):
                break
            ns, ne = line_bounds(text, pos + 1)
            pos = ne
            cells = [(a, b) for a, b in segments(text, ns, ne) if b - ns > column[0]]
            if not cells:
                continue
            a, b = cells[-1]
            token = text[a:b]
            if _BOX_NUMBER.fullmatch(token) and re.search(r"\d", token) and len(token) >= 5:
                out.append(CaseNumberMatch(a, b, token, "other", "case number"))
                break
    return out
