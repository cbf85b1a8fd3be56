"""Other authorities: treatises, dictionaries, Restatements, law reviews, legislative
materials and web sources, with the short names a brief defines for them.

A secondary source has no reporter to anchor it, so it is read backwards from its closing
parenthetical (edition and year: "(4th ed. 1951)", "(June 5, 2015)") or from its URL to the
start of the citation clause (a sentence start, a semicolon, a signal, the end of the
previous citation). What is found there must look like one: an author and a title in title
case ("Joseph Story, Commentaries on Equity Jurisprudence"), or a title with a word that
marks a secondary source ("Dictionary", "Report"), with the pin cite left out of the entry.

A short name defined right after the citation ("(Webster's)", "(First Restatement)") and the
author's surname ("Verkuil 741 n.34") then count as citations of it wherever they are
followed by a pin cite.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache

from casedesk.core.citations.sentences import sentence_ends
from casedesk.core.toa import data
from casedesk.core.toa.mentions import FULL, SHORT, Mention, clean_entry, collapse, fold, key_text
from casedesk.core.toa.model import OTHER

_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_PIN = (
    r"(?:,?\s+(?:(?:[Aa]rt\.\s*[IVXLC\d]+,\s*)?(?:§§?|¶¶?)\s*[\w.()\-–]+(?:\s*[-–,]\s*[\w.()]+)*"
    r"(?:,\s*at\s+\d[\d\-–]*)?"
    r"|\d[\d\-–,]*\d?(?:\s*\[\*\d+\])?|at\s+\*?\d[\d\-–]*|[IVX]+[,:]\s*\d[\d\-–]*)"
    r"(?:\s*(?:&|,)?\s*nn?\.\s*\d+)?(?:,\s*\d[\d\-–]*)*)?"
)
# A year right after these words belongs to the title ("Contracting for FY 2023 (June 2024)").
_YEAR_WORDS = re.compile(r"\b(?:FY|CY|Fiscal\s+Year|Term|Session)\s+\d{4}$")
_PAREN_TAIL = re.compile(r"\((?P<paren>[^()]{0,60}" + _YEAR + r"[^()]{0,12})\)$")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"”]+")
_URL_CONTINUES = re.compile(r"[/\-_=?&#%]$")
_URL_PIECE = re.compile(r"\n([\w\-./?=&#%~+:]+)")
_SMALL = {
    "of",
    "the",
    "and",
    "on",
    "in",
    "for",
    "to",
    "a",
    "an",
    "at",
    "by",
    "with",
    "&",
    "or",
    "from",
    "under",
    "as",
    "its",
    "into",
    "upon",
    "de",
    "la",
    "et",
    "al.",
}


_CLAUSE_BREAKS = (
    re.compile(r";"),
    re.compile(r"—"),
    re.compile(r"\(\s*(?:quoting|citing|cited in|defining|discussing|describing|explaining)\s"),
    re.compile(r"[”\"]\s"),
    re.compile(r"\)\s+\("),
    re.compile(
        r"(?:^|[,;(]\s*|\s)(?:[Ss]ee(?:,?\s+e\.g\.,|\s+also|\s+generally)?|[Cc]f\.|[Aa]ccord|"
        r"[Cc]ompare|[Bb]ut\s+see|e\.g\.,)\s+(?=[A-Z0-9])"
    ),
)


@cache
def _title_words() -> frozenset[str]:
    words: list[str] = data.others()["title_words"]
    return frozenset(word.lower() for word in words)


@cache
def _not_aliases() -> frozenset[str]:
    words: list[str] = data.others()["aliases"]["not_aliases"]
    return frozenset(words)


def _title_case(text: str) -> bool:
    """Whether most significant words of ``text`` are capitalised (a title, not a sentence)."""
    words = [w for w in re.split(r"[\s:—–\-]+", text) if w and w not in _SMALL]
    words = [w.strip("“”\"‘’'(),.") for w in words]
    words = [w for w in words if w and not w[0].isdigit()]
    if not words:
        return False
    capital = sum(1 for w in words if w[0].isupper())
    return capital / len(words) >= 0.75


_NAME_WORD = r"(?:[A-Z][\w’'\-]*\.?|[A-Z]\.(?:\s?[A-Z]\.)*|de|van|von|der|Jr\.|Sr\.|III|II)"
_AUTHORS = re.compile(
    rf"^(?:{_NAME_WORD}\s+){{0,4}}{_NAME_WORD}(?:,\s*(?:Jr\.|Sr\.|III))?"
    rf"(?:(?:,\s*|\s+)(?:&|and)\s+(?:{_NAME_WORD}\s+){{0,4}}{_NAME_WORD})*(?:,?\s+et\s+al\.)?$"
)


# Orders and papers of this case ("C.A. Order (Feb. 17, 2022)", "23-1157 C.A. Orders").
_RECORD_LIKE = re.compile(r"^(?:No\.\s*)?[\d\-–]*\s*(?:C\.\s?A\.|D\.\s?Ct\.|Dkt\.|ECF|Doc\.)\s")


@dataclass(frozen=True)
class _Parsed:
    text: str
    key: str
    volume: str
    author: str
    surname: str
    head: str = ""


def _parse(candidate: str) -> _Parsed | None:
    """A secondary-source citation clause read as volume, author, title, pin and parenthetical."""
    candidate = collapse(candidate)
    tail = _PAREN_TAIL.search(candidate)
    if tail is None:
        return None
    paren = collapse(tail.group("paren"))
    head = candidate[: tail.start()].rstrip()
    pin = re.search(_PIN + r"$", head)
    if pin is not None and pin.group(0) and not _YEAR_WORDS.search(head):
        head = head[: pin.start()].rstrip(" ,")
    volume = ""
    vol = re.match(r"^(\d{1,3})\s+(?=[A-Z])", head)
    if vol is not None:
        volume, head = vol.group(1), head[vol.end() :]
    head = head.strip(" ,")
    # A pin cite inside the citation ("False Pretenses, § II(7), in 12 ...") is not its title.
    head = re.sub(r",?\s*§§?\s*[\w.()\-–]+(?:,\s*at\s+\d[\d\-–]*)?(?=,)", "", head)
    if _RECORD_LIKE.match(head):
        return None
    if len(head) < 6 or len(head) > 260 or " v. " in head or head.endswith(" v."):
        return None
    if re.search(
        r"\b(?:U\.S\.C\.|C\.F\.R\.|Stat\.|Fed\.\s?Reg\.|F\.\d|S\.\s?Ct\.|U\.S\.\s\d)", head
    ):
        return None
    author, title = "", head
    if ", " in head:
        first, rest = head.split(", ", 1)
        suffix = re.match(r"(Jr\.|Sr\.|III|II),\s+", rest)
        if suffix:
            first, rest = f"{first}, {suffix.group(1)}", rest[suffix.end() :]
        if _AUTHORS.match(first) and len(first.split()) <= 9 and _title_case(rest):
            author, title = first, rest
    if not author:
        if not _title_case(title):
            return None
        words = {w.strip("’'s.,:").lower() for w in re.split(r"[\s,]+", title)}
        significant = [w for w in re.split(r"[\s,:]+", title) if w and w.lower() not in _SMALL]
        if not words & _title_words() and not volume and len(significant) < 5:
            return None
    if not title or title[0].islower():
        return None
    # A treatise named "Webster et al., A Dictionary" keeps its author.
    surname = ""
    if author:
        first_author = re.split(r",?\s+(?:&|and|et al\.)\s*", author)[0]
        surname = first_author.split()[-1].strip(",")
        if surname in ("Jr.", "Sr.", "III") and len(first_author.split()) > 1:
            surname = first_author.split()[-2].strip(",")
    text = f"{head} ({paren})"
    if volume:
        text = f"{volume} {text}"
    key = "other " + key_text(f"{head} ({paren})") + (f" #v{volume}" if volume else "")
    return _Parsed(text, key, volume, author, surname, head)


@cache
def _legislative_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    reports = data.others()["legislative"]["reports"]
    report = re.compile(
        r"(?P<kind>" + reports + r")\s+No\.\s+(?P<num>\d[\d\-–]*)"
        r"(?:,\s*(?P<part>pt\.\s*\d+))?"
        r"(?:,?\s*(?P<cong>\d+(?:st|nd|rd|th|d)\s+Cong\.)"
        r"(?:,?\s*(?P<sess>\d+(?:st|nd|rd|th|d)\s+Sess\.))?)?"
        r"(?P<pin>(?:\s*(?:at\s+)?\d[\d\-–,]*(?:\s*n\.\s*\d+)?)*)"
        r"(?:\s*\((?P<year>[^()]{0,20}" + _YEAR + r")\))?"
    )
    record = re.compile(
        r"(?P<vol>\d{1,3})\s+Cong\.\s?Rec\.\s+(?P<at>at\s+)?(?P<page>[HSE]?\d[\d,]*)"
        r"(?:\s*[-–]\s*[HSE]?\d[\d,]*)?(?:,\s*[HSE]?\d[\d,\-–]*)*"
        r"(?:\s*\((?P<date>[^()]{0,30}" + _YEAR + r")\))?"
    )
    return report, record


@cache
def _restatement_pattern() -> re.Pattern[str]:
    editions = "|".join(data.others()["restatement"]["editions"])
    return re.compile(
        r"Restatement\s+(?:\((?P<ed>" + editions + r")\)\s+)?of\s+(?:the\s+)?"
        r"(?P<subject>(?:[A-Z][\w’']*(?:,?\s+(?:and|&|of|the)\s+|\s+)?){1,6}?)"
        r"(?P<pin>\s*§§?\s*[\d.\-–]+(?:\s*(?:cmt\.|comment)\s*[a-z]+(?:\s*\(\d+\))?"
        r"|\s*illus\.\s*\d+)?(?:,\s*[\d.\-–]+)*)?\s*(?:\((?P<year>[^()]{0,20}" + _YEAR + r")\))?"
    )


class OtherFinder:
    """Finds secondary sources in a text, outside the spans already taken by other finders."""

    def __init__(
        self,
        text: str,
        taken: list[tuple[int, int]],
        journals: list[tuple[int, int, str]],
    ) -> None:
        self.text = text
        self.flat = text.replace("\n", " ")
        self.taken = sorted(taken)
        self.ends = sentence_ends(self.flat)
        self.journals = journals
        self.found: list[Mention] = []
        self.aliases: dict[str, tuple[str, str, int]] = {}  # alias -> (key, text, defined at)
        self.surnames: dict[str, tuple[str, str, int]] = {}
        self.heads: dict[str, str] = {}  # a source's key -> its author and title

    # --- spans ------------------------------------------------------------------------------

    def _free(self, start: int, end: int) -> bool:
        index = bisect.bisect_left(self.taken, (end, end))
        nearby = self.taken[max(0, index - 8) : index + 1]
        return all(not (start < b and end > a) for a, b in nearby)

    def _take(self, start: int, end: int) -> None:
        bisect.insort(self.taken, (start, end))

    def _boundary(self, position: int, floor: int = 0) -> int:
        """Where the citation clause ending at ``position`` starts."""
        limit = max(floor, position - 420)
        start = limit
        index = bisect.bisect_right(self.ends, position - 1) - 1
        if index >= 0:
            start = max(start, self.ends[index])
        window = self.flat[start:position]
        base = start
        for pattern in _CLAUSE_BREAKS:
            for match in pattern.finditer(window):
                start = max(start, base + match.end())
        index = bisect.bisect_left(self.taken, (position, position))
        for _a, b in self.taken[max(0, index - 12) : index]:
            if b <= position:
                start = max(start, b)
        return start

    def _clause(self, start: int, end: int) -> tuple[int, str]:
        """The clause text with leading signals stripped, and where it starts."""
        raw = self.flat[start:end]
        stripped = raw.lstrip(" ,.;:)(")
        offset = len(raw) - len(stripped)
        signal = data.signal_pattern().match(stripped)
        if signal is not None:
            offset += signal.end()
            stripped = stripped[signal.end() :]
        lead = re.match(r"^(?:(?:and|or|accord|also|e\.g\.,?)\s+)+", stripped)
        if lead is not None:
            offset += lead.end()
            stripped = stripped[lead.end() :]
        return start + offset, stripped

    # --- finders ---------------------------------------------------------------------------

    def mentions(self) -> list[Mention]:
        self._legislative()
        self._restatements()
        self._journals()
        self._urls()
        self._books()
        self._aliases_used()
        return self.found

    def _add(self, mention: Mention, alias_from: int | None = None) -> None:
        self.found.append(mention)
        self._take(mention.start, mention.end)
        if alias_from is not None:
            self._alias_after(alias_from, mention)

    def _alias_after(self, end: int, mention: Mention) -> int:
        """A defined short name right after a citation: "(Webster's)", "(First Restatement)"."""
        match = re.match(r"\s*\((?P<alias>[A-Z0-9][^()]{1,40})\)", self.flat[end:])
        if match is None:
            return end
        alias = collapse(match.group("alias"))
        first = fold(alias).split(" ")[0].strip(".,")
        if first in _not_aliases() or not re.match(r"^(?:\d{4}\s+)?[A-Z]", alias):
            return end
        if re.search(r"\d", alias.split(" ", 1)[-1]) and not re.match(r"^\d{4}\s", alias):
            return end
        self.aliases.setdefault(alias, (mention.key, mention.text, end))
        self._take(end, end + match.end())
        return end + match.end()

    def _legislative(self) -> None:
        pattern, record = _legislative_patterns()
        for match in pattern.finditer(self.flat):
            if not self._free(match.start(), match.end()):
                continue
            kind = collapse(match.group("kind"))
            parts = [f"{kind} No. {match.group('num')}"]
            for name in ("part", "cong", "sess"):
                if match.group(name):
                    parts.append(collapse(match.group(name)))
            text = ", ".join(parts)
            if match.group("year"):
                text += f" ({collapse(match.group('year'))})"
            key = "leg " + key_text(f"{kind} {match.group('num')} {match.group('cong') or ''}")
            mention = Mention(
                match.start(),
                match.end(),
                FULL,
                category=OTHER,
                key=key,
                text=clean_entry(text),
                sort_key=fold(text),
                rank=3,
                names=(key_text(text),),
            )
            self._add(mention, match.end())
        for match in record.finditer(self.flat):
            if not self._free(match.start(), match.end()):
                continue
            page = match.group("page").replace(",", "")
            text = f"{match.group('vol')} Cong. Rec. {match.group('page')}"
            if match.group("date"):
                text += f" ({collapse(match.group('date'))})"
            self._add(
                Mention(
                    match.start(),
                    match.end(),
                    SHORT if match.group("at") else FULL,
                    category=OTHER,
                    key="" if match.group("at") else f"cong rec {match.group('vol')} {page}",
                    text=text,
                    sort_key=fold(text),
                    rank=2,
                    family=f"{match.group('vol')} Cong. Rec.",
                    pin=page.lstrip("HSE"),
                    volume=match.group("vol"),
                )
            )

    def _restatements(self) -> None:
        pattern = _restatement_pattern()
        for match in pattern.finditer(self.flat):
            if not self._free(match.start(), match.end()):
                continue
            subject = collapse(match.group("subject"))
            edition = match.group("ed") or ""
            base = f"Restatement {'(' + edition + ') ' if edition else ''}of {subject}"
            text = base + (f" ({collapse(match.group('year'))})" if match.group("year") else "")
            key = "other " + key_text(f"restatement {edition or 'first'} {subject}")
            names = (key_text(base),)
            mention = Mention(
                match.start(),
                match.end(),
                FULL,
                category=OTHER,
                key=key,
                text=clean_entry(text),
                sort_key=fold(text),
                rank=3 if match.group("year") else 1,
                names=names,
            )
            self._add(mention, match.end())

    def _journals(self) -> None:
        for start, end, journal_key in self.journals:
            if not self._free(start, end):
                continue
            tail = re.match(
                r"(?:,?\s*(?:at\s+)?\d[\d\-–,]*(?:\s*n\.\s*\d+)?)*\s*\((?P<year>[^()]{0,20}"
                + _YEAR
                + r")\)",
                self.flat[end:],
            )
            stop = end + (tail.end() if tail else 0)
            clause_start, clause = self._clause(self._boundary(start), start)
            clause = clause.rstrip(" ,")
            author, title = "", clause
            if ", " in clause:
                first, rest = clause.split(", ", 1)
                if _AUTHORS.match(first):
                    author, title = first, rest
            journal = collapse(self.flat[start:end])
            text = ", ".join(part for part in (author, title, journal) if part)
            if tail is not None:
                text += f" ({collapse(tail.group('year'))})"
            surname = author.split(",")[0].split()[-1] if author else ""
            key = "journal " + key_text(journal_key)
            mention = Mention(
                clause_start if clause else start,
                stop,
                FULL,
                category=OTHER,
                key=key,
                text=clean_entry(text),
                sort_key=fold(text),
                rank=3 if clause else 1,
                names=tuple(n for n in (fold(surname),) if n),
                name=surname,
            )
            self._add(mention, stop)
            if surname:
                self.surnames.setdefault(surname, (key, mention.text, stop))

    def _urls(self) -> None:
        for match in _URL.finditer(self.text):
            start, end = match.start(), match.end()
            url = match.group(0)
            # A URL broken over lines continues on the next line.
            while _URL_CONTINUES.search(url) or re.match(
                r"\n[\w\-]*[/.][\w\-./?=&#%~+]*(?:\s|$)", self.text[end:]
            ):
                piece = _URL_PIECE.match(self.text, end)
                if piece is None:
                    break
                url += piece.group(1)
                end = piece.end()
                if not _URL_CONTINUES.search(url) and not re.match(
                    r"\n[\w\-]*[/.]", self.text[end:]
                ):
                    break
            url = url.rstrip('.,;:)”"’')
            end = start + len(self.text[start:end].rstrip('.,;:)”"’'))
            if not self._free(start, end):
                continue
            clause_start, clause = self._clause(self._boundary(start), start)
            clause = clause.rstrip(" ,")
            words = clause.split()
            if clause and (not _title_case(clause) or len(words) > 40 or len(clause) < 4):
                clause, clause_start = "", start
            text = f"{clause}, {url}" if clause else url
            key = "url " + _url_key(url)
            self._add(
                Mention(
                    clause_start,
                    end,
                    FULL,
                    category=OTHER,
                    key=key,
                    text=clean_entry(text),
                    sort_key=fold(text),
                    rank=3 if clause else 1,
                )
            )

    def _books(self) -> None:
        for match in re.finditer(r"\([^()]{0,60}" + _YEAR + r"[^()]{0,12}\)", self.flat):
            end = match.end()
            if not self._free(match.start(), end):
                continue
            start = self._boundary(match.start())
            clause_start, clause = self._clause(start, end)
            parsed = self._alias_edition(clause) or _parse(clause)
            # Prose before the citation ("loss, 2 John Norton Pomeroy, ..."): try from each
            # comma on.
            offset = 0
            while parsed is None:
                comma = clause.find(", ", offset)
                if comma < 0 or comma > len(clause) - 10:
                    break
                offset = comma + 2
                if clause[offset : offset + 1].isupper() or clause[offset : offset + 1].isdigit():
                    parsed = _parse(clause[offset:])
                    if parsed is not None:
                        clause_start += offset
            if parsed is None:
                continue
            mention = Mention(
                clause_start,
                end,
                FULL,
                category=OTHER,
                key=parsed.key,
                text=clean_entry(parsed.text),
                sort_key=fold(re.sub(r"^\d+\s+", "", parsed.text)),
                rank=3,
                names=tuple(n for n in (fold(parsed.surname),) if n),
                name=parsed.surname,
                volume=parsed.volume,
            )
            self._add(mention, end)
            self.heads.setdefault(mention.key, parsed.head)
            if parsed.surname and len(parsed.surname) >= 4:
                self.surnames.setdefault(parsed.surname, (parsed.key, mention.text, end))

    def _alias_edition(self, clause: str) -> _Parsed | None:
        """A defined short name with its own volume and edition: "16 Wright & Miller § 3944
        (3d ed. 2012)" after "7 Charles Alan Wright et al., Federal Practice and Procedure
        (4th ed. 2019) (Wright & Miller)"."""
        for alias, (key, _text, _defined) in self.aliases.items():
            match = re.match(
                r"^(?:(?P<vol>\d{1,3})\s+)?" + re.escape(alias) + r"(?![\w’'])", clause
            )
            head = self.heads.get(key)
            if match is None or head is None:
                continue
            parsed = _parse(clause)
            if parsed is None:
                continue
            paren = parsed.text[parsed.text.rindex("(") :]
            volume = match.group("vol") or ""
            text = f"{volume + ' ' if volume else ''}{head} {paren}"
            new_key = "other " + key_text(f"{head} {paren}") + (f" #v{volume}" if volume else "")
            return _Parsed(text, new_key, volume, "", "", head)
        return None

    def _aliases_used(self) -> None:
        uses: list[tuple[str, tuple[str, str, int], bool]] = [
            (alias, target, True) for alias, target in self.aliases.items()
        ] + [(name, target, False) for name, target in self.surnames.items()]
        for alias, (key, text, defined), _ in uses:
            pin = (
                r"(?=\s*(?:§|¶|\d|at\s+\d|cmt\.|n\.\s*\d))"
                if not alias[:1].isdigit()
                else r"(?=\s*(?:§|¶|\d|at\s+\d|cmt\.))"
            )
            pattern = re.compile(
                r"(?<![\w’'])(?:(?P<vol>\d{1,3})\s+)?"
                + re.escape(alias).replace(r"\ ", r"\s+")
                + r"(?![\w’'])"
                + pin
            )
            for match in pattern.finditer(self.flat, defined):
                if not self._free(match.start(), match.end()):
                    continue
                if re.match(r"\s*v\.", self.flat[match.end() :]) or self.flat[
                    max(0, match.start() - 3) : match.start()
                ].endswith("v. "):
                    continue
                volume = match.group("vol") or ""
                use_key, use_text = key, text
                if volume:
                    base_key = re.sub(r" #v\d+$", "", key)
                    base_text = re.sub(r"^\d+\s+", "", text)
                    use_key, use_text = f"{base_key} #v{volume}", f"{volume} {base_text}"
                self._add(
                    Mention(
                        match.start(),
                        match.end(),
                        SHORT,
                        category=OTHER,
                        key=use_key,
                        text=use_text,
                        sort_key=fold(re.sub(r"^\d+\s+", "", use_text)),
                        rank=1,
                    )
                )


def _url_key(url: str) -> str:
    url = re.sub(r"^(?:https?://)?(?:www\.)?", "", url.strip().lower())
    return re.sub(r"\s+", "", url).rstrip("/")
