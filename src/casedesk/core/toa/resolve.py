"""Linking short forms to their authority: "527 U.S. at 22", "87 Fed. Reg. at 24,663",
"Id.", "Ibid.", "Id. § 1346", "Story, supra, § 203".

* A short form with a volume and reporter goes to the full citation of the same volume and
  reporter whose first page is the closest at or before the pin page.
* Id. goes to the authority of the citation just before it, whatever its kind; when that was
  a citation to the record ("J.A. 12", "Pet. App. 5a") the Id. is no authority's. "Id. § 5"
  after a statute is section 5 of the same code.
* Supra goes to the latest full citation before it whose name (a party, an author, a defined
  short name) is the word before "supra".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from casedesk.core.toa.laws import norm_section, order_sort_key
from casedesk.core.toa.mentions import FULL, ID, RECORD, SHORT, SUPRA, TARGET, Mention, fold
from casedesk.core.toa.model import CASES

_ID_SECTION = re.compile(r"\s*(?:at\s+)?§§?\s*(\d[\w.:\-–]*(?:\([\w ]{1,6}\))*)")
_NUMBER = re.compile(r"\d+")
_ORDER = re.compile(r"(?<=\d),\s*\d{1,3}\s+Fed\.\s?Reg\..*$")


def record_mentions(text: str, pattern: re.Pattern[str]) -> list[Mention]:
    """Citations to the record or the briefs ("J.A. 12", "Pet. App. 5a", "Br. 34")."""
    return [Mention(m.start(), m.end(), RECORD) for m in pattern.finditer(text)]


def _page_number(pin: str) -> int | None:
    match = _NUMBER.search(pin.replace(",", ""))
    return int(match.group(0)) if match else None


class Resolver:
    """Gives every mention the key of the authority it cites (or drops it).

    ``stream(offset)`` says which run of text an offset belongs to ("" for the body, a
    footnote's id otherwise): an Id. in the body refers to the last citation in the body, not
    to one in a footnote printed in between; an Id. in a footnote to the last one in that
    footnote, else to the body's.
    """

    def __init__(
        self, text: str, mentions: list[Mention], stream: Callable[[int], str] | None = None
    ) -> None:
        self.text = text
        self.stream = stream or (lambda offset: "")
        self.mentions = sorted(mentions, key=lambda m: (m.start, -m.end))
        self.fulls: dict[str, list[tuple[int, int, Mention]]] = {}
        for mention in self.mentions:
            if mention.kind in (FULL, TARGET) and mention.family and mention.pin:
                page = _page_number(mention.pin)
                if page is not None:
                    self.fulls.setdefault(mention.family, []).append((mention.start, page, mention))

    def resolved(self) -> list[Mention]:
        out: list[Mention] = []
        # The last citation of each stream (an Id. refers to it).
        last: dict[str, Mention | None] = {}
        for mention in self.mentions:
            stream = self.stream(mention.start)
            current: Mention | None = mention
            if mention.kind == SHORT and not mention.key:
                current = self._short(mention)
            elif mention.kind == ID:
                previous = last.get(stream) if stream in last else last.get("")
                current = self._id(mention, previous)
            elif mention.kind == SUPRA:
                current = self._supra(mention, out)
            if mention.kind == RECORD:
                last[stream] = mention
                continue
            if mention.kind == TARGET:
                continue
            if current is None:
                if mention.kind in (SHORT, SUPRA):
                    last[stream] = None
                continue
            out.append(current)
            if current.anchor:
                last[stream] = current
        return out

    def _short(self, mention: Mention) -> Mention | None:
        candidates = self.fulls.get(mention.family, [])
        pin = _page_number(mention.pin) if mention.pin else None
        best: Mention | None = None
        best_page = -1
        if pin is not None:
            for _, page, full in candidates:
                if page <= pin and page > best_page and pin - page < 3000:
                    best, best_page = full, page
        if best is None:
            keys = {full.key for _, _, full in candidates}
            if len(keys) == 1:
                best = candidates[0][2]
        if best is None:
            return None
        if mention.name.startswith("§") and best.key.startswith("eo "):
            section = mention.name[1:].strip()
            return replace(
                mention,
                kind=FULL,
                key=f"{best.key} § {norm_section(section)}",
                category=best.category,
                text=f"{_ORDER.sub('', best.text)}, § {section}",
                sort_key=order_sort_key(best.key[3:], section),
                rank=1,
            )
        return replace(
            mention,
            key=best.key,
            category=best.category,
            family=best.family,
            text=best.text,
            sort_key=best.sort_key,
            rank=0,
        )

    def _id(self, mention: Mention, previous: Mention | None) -> Mention | None:
        if previous is None or previous.kind == RECORD or not previous.key:
            return None
        section = _ID_SECTION.match(self.text, mention.end)
        if section is not None and previous.family and previous.category != CASES:
            family = previous.family
            number = section.group(1).rstrip(".")
            key = f"{family} {norm_section(number)}"
            prefix = re.sub(r"\s*§*\s*[\w.:\-–()]+$", "", previous.text.split(", ")[-1])
            marker = "§ " if "§" in previous.text else ""
            return replace(
                previous,
                start=mention.start,
                end=section.end(),
                kind=FULL,
                key=key,
                text=f"{prefix} {marker}{number}",
                rank=1,
            )
        return replace(previous, start=mention.start, end=mention.end, kind=ID, rank=0)

    def _supra(self, mention: Mention, earlier: list[Mention]) -> Mention | None:
        name = fold(mention.name)
        if not name:
            return None
        fulls = [c for c in reversed(earlier) if c.kind == FULL and c.names]
        for candidate in fulls:  # the whole name first ("Maryland v. Louisiana")
            if name == candidate.names[0] or name == fold(candidate.name):
                return replace(candidate, start=mention.start, end=mention.end, kind=SUPRA, rank=0)
        words = [name] if " v. " not in name else [part for part in name.split(" v. ") if part]
        for word in words:
            first = word.split(" ")[0]
            for candidate in fulls:
                if word in candidate.names or (first in candidate.names and len(first) > 3):
                    return replace(
                        candidate, start=mention.start, end=mention.end, kind=SUPRA, rank=0
                    )
        return None
