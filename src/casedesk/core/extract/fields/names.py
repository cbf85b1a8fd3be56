"""Party names in a block of caption text: role words, descriptors, Does and "et al." removed.

Names are kept as printed, without role words ("Plaintiff" is never a party), descriptors
(", an individual", ", a Delaware corporation", ", as successor in interest to ..."), titles
and credentials ("Dr.", ", D.D.S."), text in parentheses (a name in another script), "et al.",
"and all occupants" and fictitious "DOES 1 through 50". Names are split at ";", "and" and
commas, except a comma before a company suffix ("ACME CORP., INC.").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_ROLE = (
    r"(?:plaintiffs?|defendants?|petitioners?|respondents?|appellants?|appellees?|debtors?"
    r"|claimants?|landlord|tenant|cross-complainants?|cross-defendants?|intervenors?"
    r"|plaintiff\(s\)|defendant\(s\)|real\s+part(?:y|ies)\s+in\s+interest)"
)
_JOIN = r"\s*(?:-|–|—|/|,|and)\s*"
ROLE_LINE = re.compile(r"(?:and\s+)?" + _ROLE + r"(?:" + _JOIN + _ROLE + r")*\s*[.,;:]?", re.I)
TRAILING_ROLE = re.compile(
    r",?\s*(?:and\s+)?" + _ROLE + r"(?:" + _JOIN + _ROLE + r")*\s*[.,;:]?\s*$", re.I
)
SUFFIX = (
    r"(?:Inc|LLC|L\.L\.C|L\.P|LP|LLP|L\.L\.P|Ltd|Corp|Co|PLLC|P\.L\.L\.C|P\.C|PC|N\.A|APC|A\.P\.C"
    r"|P\.A|PA|P\.S|S\.C|L\.C|PLC|N\.V|AG|S\.A|GmbH|Jr|Sr|II|III|IV|Incorporated|Corporation"
    r"|Company|Limited|Chartered)\.?"
)
_SPLIT_COMMA = re.compile(r",(?!\s*" + SUFFIX + r"(?:[\s,;]|$))\s*", re.IGNORECASE)
_DROP = (
    re.compile(r"\([^)]*\)"),
    re.compile(r"^\s*in\s+the\s+matter\s+of(?:\s+the\s+(?:application|petition)\s+of)?\s*,?", re.I),
    re.compile(
        r"[,;]?\s*(?:and\s+)?(?:DOES|ROES)\s+\d+\s*(?:through|thru|to|-|–)\s*\d+\s*,?\s*(?:inclusive)?",
        re.I,
    ),
    re.compile(r",?\s*et\s+al\.?", re.IGNORECASE),
    re.compile(r",?\s*\b(?:d/b/a|dba|a/k/a|aka|f/k/a|fka)\b\.?\s+[^,;]*", re.IGNORECASE),
    re.compile(r",?\s*individually(?:\s+and\s+(?:as|on\s+behalf\s+of)\s+[^,;]*)?", re.IGNORECASE),
    re.compile(
        r",?\s*as\s+(?:the\s+)?(?:successor|trustee|guardian|executor|executrix|administrator"
        r"|personal\s+representative|parent|next\s+friend)\b[^,;]*",
        re.IGNORECASE,
    ),
    re.compile(r"\s*(?:,\s*)?\band\s+all\s+(?:other\s+)?occupants\b", re.IGNORECASE),
    re.compile(
        r",?\s*on\s+behalf\s+of\s+(?:themselves|himself|herself|itself)[^,;]*", re.IGNORECASE
    ),
    re.compile(
        r",\s*(?:an?|the)\s+(?:[\w.'-]+\s+){0,5}?(?:individual|corporation|company|partnership"
        r"|association|entity|municipality|agency|trust|business|sole\s+proprietorship"
        r"|subdivision)\b[^;,]*",
        re.IGNORECASE,
    ),
    re.compile(r",\s*(?:D\.D\.S|M\.D|Esq|Ph\.D|D\.O|R\.N|CPA|J\.D)\.?(?=[\s,;]|$)", re.IGNORECASE),
    re.compile(  # an officer sued in an official capacity: "MERRICK B. GARLAND, ATTORNEY GENERAL,"
        r",\s*(?:in\s+(?:his|her|their|its)\s+official\s+capacity(?:\s+as\s+[^,;]*)?|(?:the\s+)?"
        r"(?:acting\s+)?(?:attorney\s+general|secretary(?:\s+of\s+[\w ]+)?|director|commissioner"
        r"|administrator|governor|mayor|sheriff|warden)(?:\s+of\s+[\w ]+)?)(?=\s*(?:[,;]|$))",
        re.IGNORECASE,
    ),
)

_AND = re.compile(r",?\s+(?:and|AND)\s+(?=[A-Z\u00C0-\uFFFF])")
CONNECTORS = frozenset(
    ["of", "the", "and", "&", "de", "del", "la", "van", "von", "y", "for", "al", "bin"]
)


@dataclass(frozen=True)
class PartyMatch:
    """A party: ``name`` as printed, ``role`` one of plaintiff, defendant, petitioner,
    respondent, appellant, appellee, other."""

    start: int
    end: int
    name: str
    role: str


def role_of(words: str) -> str:
    """The party's role from its role words ("Defendant and Appellant" -> "appellant")."""
    low = words.lower()
    for role in ("appellant", "appellee"):
        if role in low:
            return role
    for role in ("plaintiff", "defendant", "petitioner", "respondent"):
        if low.startswith(role):
            return "respondent" if "respondent" in low and role != "petitioner" else role
    return "other"


def split_names(block: str) -> list[str]:
    """Party names in a caption block: descriptors, Does and "et al." removed."""
    cleaned = " ".join(block.split())
    cleaned = TRAILING_ROLE.sub("", cleaned)
    for pattern in _DROP:
        cleaned = pattern.sub("", cleaned)
    names: list[str] = []
    for piece in cleaned.split(";"):
        for part in _split_and(piece.strip()):
            names.extend(_SPLIT_COMMA.split(part))
    return [n for n in (tidy(n) for n in names) if plausible(n)]


def _split_and(piece: str) -> list[str]:
    """Split at "and" between two names of two words or more: "JOHN SMITH and JANE SMITH",
    but not "FOOD AND DRUG ADMINISTRATION" or "SMITH AND SONS, INC."."""
    parts: list[str] = []
    start = 0
    for m in _AND.finditer(piece):
        left = _SPLIT_COMMA.split(piece[start : m.start()])[-1].split()
        right = piece[m.end() :].split(",", 1)[0]
        right_words = _AND.split(right, maxsplit=1)[0].split()
        if len(left) >= 2 and len(right_words) >= 2:
            parts.append(piece[start : m.start()])
            start = m.end()
    parts.append(piece[start:])
    return parts


def tidy(name: str) -> str:
    name = name.strip(" \t,;:")
    name = re.sub(r"^(?:and|&)\s+", "", name, flags=re.IGNORECASE)
    name = re.sub(r"^(?:Dr|Mr|Mrs|Ms|Miss|Hon)\.?\s+(?=\S)", "", name, flags=re.IGNORECASE)
    if name.endswith(".") and not re.search(r"(?:\b\w{1,4}|\.\w+)\.$", name):
        name = name[:-1]
    return name.strip()


def plausible(name: str) -> bool:
    if not 2 <= len(name) <= 120 or not any(ch.isalpha() for ch in name):
        return False
    if ROLE_LINE.fullmatch(name) or re.fullmatch(
        r"(?:inclusive|individually|et al\.?)", name, re.I
    ):
        return False
    words = [w for w in re.findall(r"[^\W\d_][\w'’.-]*", name)]
    if not words or len(name.split()) > 12 or name[0].islower():
        return False
    lower = [w for w in words if w[0].islower() and w.lower() not in CONNECTORS]
    return len(lower) <= 1 and any(w[0].isupper() or not w[0].isascii() for w in words)


def locate(text: str, lo: int, hi: int, name: str, role: str) -> PartyMatch | None:
    words = name.split()
    start = text.find(words[0], lo, hi)
    if start < 0:
        return None
    end = start + len(words[0])
    for word in words[1:]:
        at = text.find(word, end, hi)
        if at < 0:
            break
        end = at + len(word)
    return PartyMatch(start, end, name, role)


def parties_in(text: str, lo: int, hi: int, block: str, role: str) -> Iterator[PartyMatch]:
    for name in split_names(block):
        match = locate(text, lo, hi, name, role)
        if match is not None:
            yield match
