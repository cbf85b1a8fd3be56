"""Cases: full citations, parallel citations, subsequent history, short forms, Id. and supra.

eyecite (through :mod:`casedesk.core.citations`) finds the citations and normalises the
reporter; this module turns them into mentions with the entry text a table of authorities
prints: the case name as written, the first (and parallel) citations without pin cites, the
court-and-year parenthetical, and subsequent history given at the citation
(", cert. denied, 547 U.S. 1020 (2006)").
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from eyecite.models import (
    CitationBase,
    FullCaseCitation,
    FullJournalCitation,
    IdCitation,
    ShortCaseCitation,
    SupraCitation,
)

from casedesk.core.citations.normalize import case_key, is_case_reporter, normal_reporter
from casedesk.core.citations.sentences import abbreviations
from casedesk.core.toa import data
from casedesk.core.toa.mentions import (
    FULL,
    ID,
    SHORT,
    SUPRA,
    Mention,
    clean_entry,
    collapse,
    fold,
)
from casedesk.core.toa.model import CASES, OTHER

# What may follow a citation before its own parenthetical: a pin cite ("668, 687",
# ", at *3", "386, 395 n.3", "193 & n.5").
_PIN = (
    r"(?:,?\s*(?:at\s+)?(?:¶+\s*)?\*?\d[\d\-–,&*]*"
    r"(?:\s*(?:&\s*)?nn?\.\s*\d+(?:\s*[-–]\s*\d+)?)?)*"
)
_PIN_GAP = re.compile(_PIN + r"[\s,]*")
_PAREN = re.compile(r"\(([^()]*(?:\([^()]*\)[^()]*)*)\)")
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
_BRACKET_YEAR = re.compile(r"\[([^\[\]]{0,30}\b(?:1[5-9]\d\d|20\d\d))\]")
_THOUSANDS = re.compile(r",\d{3}(?!\d)")
_DOCKET = re.compile(
    r",?\s*(Nos?\.\s*[\w.:\-–]+(?:,?\s*(?:and|&)?\s*[\w.:\-–]*\d[\w.:\-–]*)*)\s*,?\s*$"
)
_INTERNAL_SUPRA = re.compile(
    r"^(?:pp?\.|n\.|nn\.|note|notes|part|parts|section|sections|§+|[\divxlc\-–,. ]+)$", re.I
)


@cache
def _history_pattern() -> re.Pattern[str]:
    words = "|".join(re.escape(phrase) for phrase in data.history_phrases())
    return re.compile(
        r"(?:\s*\([^()]*(?:\([^()]*\)[^()]*)*\))*\s*,\s*(?P<phrase>(?:"
        + words
        + r")(?!\w)[^;()]{0,40}?),\s*$",
        re.I,
    )


def _page_fix(text: str, citation: CitationBase, reporter: str) -> tuple[str, int]:
    """The citation's page with comma thousands put back ("34 FCC Rcd 11,950"), and its end.

    Only agency reporters print pages that way; in a court reporter "794,796" is a pin cite.
    """
    groups: dict[str, Any] = citation.groups
    page = str(groups.get("page") or "")
    end: int = citation.span()[1]  # type: ignore[no-untyped-call]
    match = _THOUSANDS.match(text, end)
    if reporter in data.other_reporters() and page.isdigit() and len(page) <= 3 and match:
        return page + match.group(0)[1:], match.end()
    return page, end


class CaseFinder:
    """Turns eyecite's citations into case (and agency-reporter) mentions."""

    def __init__(self, text: str, citations: list[CitationBase]) -> None:
        self.text = text
        self.citations = citations
        self.history = _history_pattern()
        self.other_reporters = data.other_reporters()

    def mentions(self) -> list[Mention]:
        found: list[Mention] = []
        group: _Group | None = None
        for citation in self.citations:
            if isinstance(citation, FullCaseCitation):
                group = self._full(citation, group, found)
            elif isinstance(citation, ShortCaseCitation):
                short = self._short(citation)
                if short is not None:
                    found.append(short)
            elif isinstance(citation, IdCitation):
                start, end = citation.span()  # type: ignore[no-untyped-call]
                found.append(Mention(start, end, ID))
            elif isinstance(citation, SupraCitation):
                supra = self._supra(citation)
                if supra is not None:
                    found.append(supra)
        if group is not None:
            found.append(group.mention())
        return found

    # --- full citations -------------------------------------------------------------------

    def _full(
        self, citation: FullCaseCitation, group: _Group | None, found: list[Mention]
    ) -> _Group | None:
        reporter = normal_reporter(citation)
        if not is_case_reporter(reporter):
            return group
        start: int = citation.span()[0]  # type: ignore[no-untyped-call]
        page, end = _page_fix(self.text, citation, reporter)
        groups: dict[str, Any] = citation.groups
        volume = collapse(str(groups.get("volume") or ""))
        key = case_key(citation)
        if (
            page
            and key.endswith(" " + str(groups.get("page") or ""))
            and page != groups.get("page")
        ):
            key = f"{volume} {reporter} {page}"
        if not key:
            return group
        cite_text = collapse(citation.matched_text())  # type: ignore[no-untyped-call]
        if page != str(groups.get("page") or ""):
            cite_text = cite_text + page[len(str(groups.get("page") or "")) :]
        if group is not None:
            between = self.text[group.end : start]
            if group.paren_end is None and _PIN_GAP.fullmatch(between) and "," in between:
                group.add_parallel(cite_text, end, self._paren_after(end))
                return group
            anchor = group.paren_end
            if anchor is None:
                gap = _PIN_GAP.match(self.text, group.end)
                anchor = gap.end() if gap else group.end
            history_match = self.history.match(self.text, anchor, start)
            if group.history and re.fullmatch(r"\s*,?\s*(?:and\s+)?", between):
                history_match = None
                group.add_history("", cite_text, key, end, self._paren_after(end))
                return group
            if history_match is not None:
                history = collapse(history_match.group("phrase")).strip(" ,")
                paren = self._paren_after(end)
                group.add_history(history, cite_text, key, end, paren)
                return group
            found.append(group.mention())
        category = OTHER if reporter in self.other_reporters else CASES
        name, name_start = self._name(citation, start)
        paren = self._paren_after(end)
        style_year = _STYLE_YEAR.search(self.text[max(0, start - 12) : start].rstrip(" ,"))
        return _Group(
            start=name_start,
            cite_start=start,
            key=key,
            category=category,
            name=name,
            cites=[cite_text],
            end=end,
            paren=paren,
            volume=volume,
            reporter=reporter,
            page=page,
            style_year=style_year.group(0).strip(" ()") if style_year else "",
        )

    def _paren_after(self, end: int) -> tuple[str, int] | None:
        """The court-and-year parenthetical right after a citation (past its pin cite)."""
        gap = _PIN_GAP.match(self.text, end)
        position = gap.end() if gap else end
        bracket = _BRACKET_YEAR.match(self.text, position)
        if bracket is not None:  # New York official style: "10 NY3d 123, 125 [2008]"
            return f"[{collapse(bracket.group(1))}]", bracket.end()
        match = _PAREN.match(self.text, position)
        if match is None:
            return None
        inner = collapse(match.group(1))
        court = re.search(r"(?:Cir|Ct|App|Dist|Cl)\.\)?$", inner + ")")
        if (_YEAR.search(inner) or court) and len(inner) <= 60:
            return inner, match.end()
        return None

    def _name(self, citation: FullCaseCitation, start: int) -> tuple[str, int]:
        """The case name as printed before the citation, and where it starts."""
        name, name_start = case_name_before(self.text, start)
        if not name:
            metadata = citation.metadata
            plaintiff = strip_signals(collapse(str(getattr(metadata, "plaintiff", None) or "")))
            defendant = collapse(str(getattr(metadata, "defendant", None) or ""))
            defendant = _DOCKET.sub("", defendant).strip(" ,")
            if plaintiff and defendant:
                name = clean_case_name(f"{plaintiff} v. {defendant}")
        return name, name_start

    # --- short forms and supra -----------------------------------------------------------

    def _short(self, citation: ShortCaseCitation) -> Mention | None:
        reporter = normal_reporter(citation)
        if not is_case_reporter(reporter):
            return None
        start, end = citation.span()  # type: ignore[no-untyped-call]
        groups: dict[str, Any] = citation.groups
        volume = collapse(str(groups.get("volume") or ""))
        pin = collapse(str(groups.get("page") or "")).replace(",", "")
        guess = collapse(str(getattr(citation.metadata, "antecedent_guess", None) or ""))
        return Mention(
            start,
            end,
            SHORT,
            category=OTHER if reporter in self.other_reporters else CASES,
            family=f"{volume} {reporter}",
            pin=pin,
            name=strip_signals(guess),
            volume=volume,
        )

    def _supra(self, citation: SupraCitation) -> Mention | None:
        start, end = citation.span()  # type: ignore[no-untyped-call]
        guess = strip_signals(
            collapse(str(getattr(citation.metadata, "antecedent_guess", None) or ""))
        )
        if not guess or _INTERNAL_SUPRA.match(guess):
            return None
        name, name_start = case_name_before(self.text, start)
        if name and " v. " in name:
            return Mention(name_start, end, SUPRA, name=name)
        full_start: int = citation.full_span()[0]
        return Mention(min(start, full_start), end, SUPRA, name=guess)


class _Group:
    """A full case citation with its parallel citations and subsequent history."""

    def __init__(
        self,
        *,
        start: int,
        cite_start: int,
        key: str,
        category: str,
        name: str,
        cites: list[str],
        end: int,
        paren: tuple[str, int] | None,
        volume: str,
        reporter: str,
        page: str,
        style_year: str = "",
    ) -> None:
        self.start = start
        self.style_year = style_year
        self.cite_start = cite_start
        self.key = key
        self.category = category
        self.name = name
        self.cites = cites
        self.end = end
        self.paren = paren[0] if paren else ""
        self.paren_end = paren[1] if paren else None
        self.history: list[str] = []
        self.other_keys: list[str] = []
        self.volume = volume
        self.reporter = reporter
        self.page = page

    def add_parallel(self, cite: str, end: int, paren: tuple[str, int] | None) -> None:
        self.cites.append(cite)
        self.end = end
        if paren is not None:
            self.paren, self.paren_end = paren
            self.end = paren[1]

    def add_history(
        self, phrase: str, cite: str, key: str, end: int, paren: tuple[str, int] | None
    ) -> None:
        part = f"{phrase}, {cite}" if phrase else cite
        if paren is not None:
            part += f" ({paren[0]})"
            self.paren_end = paren[1]
        if not phrase and self.history:
            self.history[-1] = f"{self.history[-1]}, and {part}"
        else:
            self.history.append(part)
        self.other_keys.append(key)
        self.end = max(self.end, paren[1] if paren else end)

    def mention(self) -> Mention:
        if self.style_year:  # California style: "People v. Smith (2020) 10 Cal.5th 123"
            text = f"{self.name} ({self.style_year}) {', '.join(self.cites)}".strip()
        else:
            text = ", ".join(part for part in (self.name, ", ".join(self.cites)) if part)
        if self.paren:
            text += f" ({self.paren})" if not self.paren.startswith("[") else f" {self.paren}"
        for part in self.history:
            text += f", {part}"
        year = _YEAR.findall(self.paren) or ([self.style_year] if self.style_year else [])
        rank = 2 + len(self.history) + (1 if self.name else 0) + (1 if self.paren else 0)
        return Mention(
            self.start,
            self.end,
            FULL,
            category=self.category,
            key=self.key,
            text=clean_entry(text),
            sort_key=case_sort_key(self.name, year[-1] if year else "", self.key),
            rank=rank,
            name=self.name,
            names=case_names(self.name),
            family=f"{self.volume} {self.reporter}",
            pin=self.page,
            volume=self.volume,
        )


def strip_signals(name: str) -> str:
    """A case name without an introductory signal eyecite left on it ("See, e.g., ...")."""
    return data.signal_pattern().sub("", name).strip(" ,;")


_CONNECTORS = frozenset(
    [
        "of",
        "the",
        "and",
        "&",
        "for",
        "de",
        "du",
        "la",
        "le",
        "del",
        "des",
        "della",
        "di",
        "da",
        "von",
        "van",
        "der",
        "den",
        "ex",
        "rel.",
        "on",
        "to",
        "a",
        "an",
        "at",
        "by",
        "upon",
        "ex.",
        "d/b/a",
        "y",
        "el",
        "al",
        "re",
        "parte",
        "p.l.c.",
        "plc",
        "s.a.",
        "n.v.",
        "a.g.",
        "s.p.a.",
        "l.p.",
    ]
)
_SUFFIXES = frozenset(
    [
        "Inc.",
        "Inc",
        "LLC",
        "L.L.C.",
        "Ltd.",
        "Ltd",
        "Co.",
        "Corp.",
        "L.P.",
        "LP",
        "N.A.",
        "P.C.",
        "LLP",
        "L.L.P.",
        "S.A.",
        "P.A.",
        "PLLC",
        "Jr.",
        "Sr.",
        "Ltd.)",
        "Co.)",
        "et",
        "al.",
    ]
)
_ABBREVIATIONS = frozenset(
    ["rel.", "ex.", "al.", "Bros.", "Corp.", "Co.", "Inc.", "Ltd.", "Ass’n.", "Ctr.", "Dep’t."]
)
_LEADING = frozenset(
    [
        "See",
        "see",
        "Cf.",
        "cf.",
        "But",
        "but",
        "And",
        "and",
        "Also",
        "also",
        "Compare",
        "compare",
        "Accord",
        "accord",
        "E.g.,",
        "e.g.,",
        "Under",
        "under",
        "Following",
        "following",
        "Quoting",
        "quoting",
        "Citing",
        "citing",
        "Thus",
        "Then",
        "Here",
        "As",
        "as",
        "With",
        "with",
        "Contra",
        "contra",
        "In",
        "in",
        "Like",
        "like",
        "Unlike",
        "unlike",
        "After",
        "after",
        "Before",
        "before",
        "Since",
        "since",
        "Per",
        "per",
        "Generally",
        "generally",
        "Indeed",
        "In,",
        "That",
        "that",
        "Whereas",
    ]
)
_CLAUSE_END = re.compile(r";|—|–\s|:\s|\(|\)|“|”|\"")
_PERIOD = re.compile(r"(\S+)\.(?=\s)")
_HEADING_LINE = re.compile(r"(?m)^[^a-z\n]{4,}\n")
_STYLE_YEAR = re.compile(r"\s*\((?:1[6-9]|20)\d\d\)$")
_DOCKET_TAIL = re.compile(
    r",?\s*(Nos?\.\s*[\w.:\-–]+(?:,?\s*(?:and|&)?\s*[\w.:\-–]*\d[\w.:\-–]*)*"
    r"(?:,\s*Orig\.)?)\s*,?\s*$"
)
_PROCEDURAL = re.compile(
    r"(?:In\s+re|Ex\s+parte|In\s+the\s+Matter\s+of|Matter\s+of|Estate\s+of|Application\s+of|Petition\s+of)\s"
)


def _name_word(word: str) -> bool:
    bare = word.strip('(),;“”"')
    return bool(bare) and (
        bare[0].isupper()
        or bare[0].isdigit()
        or bare in _CONNECTORS
        or bare[:2] in (".2", ".3", ".4")
    )


def _clause_start(text: str) -> int:
    """Where the last clause of ``text`` begins: after a semicolon, a parenthesis, a quotation
    mark or a sentence end (a period after a word that is not an abbreviation)."""
    cut = 0
    for boundary in _CLAUSE_END.finditer(text):
        cut = boundary.end()
    for period in _PERIOD.finditer(text, cut):
        word = period.group(1).lstrip("(\"“‘'")
        if period.end() <= cut:
            continue
        if (len(word) <= 1 and not word.isdigit()) or "." in word:
            continue
        if word + "." in abbreviations() or word + "." in _ABBREVIATIONS:
            continue
        if word[0].isupper() and len(word) <= 6:
            continue  # "Chems.", "Mfg.", "Bros.": abbreviations inside a name
        cut = period.end() + 1
    return cut


def case_name_before(text: str, start: int) -> tuple[str, int]:
    """The case name that ends right before a citation at ``start`` and where it begins.

    Walks back from the citation over a docket number ("No. 22-976,") and the words of the
    name: capitalised words, numbers, connectors ("of", "ex rel.", "du") and corporate suffixes
    after a comma ("Services, Inc."), stopping at a clause boundary (a sentence end, a
    semicolon, "(quoting") and dropping signals in front ("See", "In", "Cf.").
    """
    window_start = max(0, start - 350)
    headings = list(_HEADING_LINE.finditer(text, window_start, start))
    if headings:  # a heading line ("STATEMENT") ends what comes before it
        window_start = headings[-1].end()
    window = text[window_start:start].replace("\n", " ").replace("\x02", "")
    trimmed = window.rstrip(" ,")
    # California style puts the year between the name and the citation: "Aguilar v. Atlantic
    # Richfield Co. (2001) 25 Cal.4th 826".
    trimmed = _STYLE_YEAR.sub("", trimmed).rstrip(" ,")
    docket = ""
    match = _DOCKET_TAIL.search(trimmed)
    if match is not None:
        docket = collapse(match.group(1))
        trimmed = trimmed[: match.start()].rstrip(" ,")
    cut = _clause_start(trimmed)
    clause = trimmed[cut:]
    words = list(re.finditer(r"\S+", clause))
    if not words:
        return (docket, start) if docket else ("", start)
    # Walk back over the name's words.
    index = len(words) - 1
    first = len(words)
    has_v = False
    while index >= 0:
        word = words[index].group(0)
        right = words[index + 1].group(0) if index + 1 < len(words) else ""
        if word in ("v.", "vs.", "v"):
            has_v = True
            first = index
            index -= 1
            continue
        if (
            word.endswith(",")
            and has_v
            and right
            and right not in _SUFFIXES
            and not re.fullmatch(r"[A-Z]\.", right)
            and not right.startswith(("Inc", "LLC", "Ltd"))
        ):
            # On the plaintiff's side a comma is part of the name only before a corporate
            # suffix ("Services, Inc. v."); the defendant's name may hold one ("Jacksonville,
            # Tampa & Key West Ry. Co.").
            break
        if not _name_word(word):
            break
        if word in _LEADING and (
            index == 0
            or not _name_word(words[index - 1].group(0))
            or words[index - 1].group(0).endswith((".", ","))
        ):
            if word in ("In", "in") and _PROCEDURAL.match(clause[words[index].start() :]):
                first = index
            break
        first = index
        index -= 1
    # Connectors cannot open a name; signals in front are dropped.
    while first < len(words) and (
        words[first].group(0) in _CONNECTORS or words[first].group(0) in _LEADING
    ):
        if words[first].group(0) in ("In",) and _PROCEDURAL.match(clause[words[first].start() :]):
            break
        first += 1
    if first >= len(words):
        return (docket, start) if docket else ("", start)
    name = clean_case_name(clause[words[first].start() :])
    if not has_v and not _PROCEDURAL.match(name) and len(name.split()) > 6:
        return (docket, start) if docket else ("", start)
    offset = window_start + cut + words[first].start()
    if docket:
        name = f"{name}, {docket}"
    return name, offset


def guess_case_name(before: str) -> str:
    """The case name at the end of ``before`` ("Roe v. Wade" in "See Roe v. Wade")."""
    return case_name_before(before + " ", len(before) + 1)[0]


def clean_case_name(name: str) -> str:
    name = collapse(name.replace("\x02", ""))
    name = re.sub(
        r"^(?:[Ii]n|[Tt]he\s+[Cc]ourt\s+in|[Uu]nder|[Aa]nd|[Bb]ut|[Aa]s\s+in)\s+(?=[A-Z])", "", name
    )
    name = re.sub(r"^(?:quoting|citing)\s+", "", name)
    return name.strip(" ,;")


def case_names(name: str) -> tuple[str, ...]:
    """The words a supra or an antecedent guess may use for the case: each party's first
    significant word(s) ("Bruen", "New York State Rifle")."""
    if not name:
        return ()
    parties = re.split(r"\s+v\.\s+", re.sub(r",\s*Nos?\..*$", "", name))
    found: list[str] = [fold(name)]
    for party in parties:
        party = re.sub(r"^(?:In re|Ex parte|Matter of)\s+", "", party.strip(), flags=re.I)
        folded = fold(party)
        if folded and folded not in data.generic_parties():
            found.append(folded)
            first = folded.split(",")[0]
            found.append(first)
            words = first.split()
            if words:
                found.append(words[0])
                found.append(words[-1])
    return tuple(dict.fromkeys(word for word in found if word))


def case_sort_key(name: str, year: str, key: str) -> str:
    """Cases file by name as printed ("United States v. X" under U); "In re" as configured."""
    folded = fold(name)
    for prefix in data.case_name_prefixes_ignored():
        if folded.startswith(prefix + " "):
            folded = folded[len(prefix) + 1 :]
            break
    folded = re.sub(r"[^0-9a-z ]+", "", folded)
    return f"{collapse(folded)}\x00{year or '9999'}\x00{key}"


def journal_mentions(text: str, citations: list[CitationBase]) -> list[tuple[int, int, str]]:
    """(start, end, "volume journal page") of each law-review citation eyecite found."""
    found: list[tuple[int, int, str]] = []
    for citation in citations:
        if isinstance(citation, FullJournalCitation):
            start, end = citation.span()  # type: ignore[no-untyped-call]
            groups: dict[str, Any] = citation.groups
            key = " ".join(
                collapse(str(groups.get(part) or "")) for part in ("volume", "reporter", "page")
            )
            found.append((start, end, key))
    return found
