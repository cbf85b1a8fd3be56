"""Provisions reproduced in the brief's appendix ("3. 47 U.S.C. 155 provides in pertinent
part: ...").

A table of authorities refers a provision the brief relies on to the appendix page where its
text is reproduced (Office of the Solicitor General practice: "47 U.S.C. 155(c)(4) ... 3, 10,
7a"). The reproduced text of a section carries its subsections' markers, so a cited subsection
("155(c)(4)") is found by walking them in order ("(c)", then "(4)").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from casedesk.core.toa.mentions import SHORT, Mention

# "3. 47 U.S.C. 155 provides in pertinent part:" (a numbered item may run over three lines),
# or an unnumbered heading on one line.
_HEADING = re.compile(
    r"(?m)^[ \t]*(?:\d{1,3}\.[ \t]+(?P<cite>[^\n:]{3,160}(?:\n[^\n:]{1,120}){0,2}?)"
    r"|(?P<line>[^\n:]{3,160}))"
    r"\s+provides(?:,?\s+in\s+(?:pertinent|relevant)\s+part)?,?\s*:"
)
# A subsection is referred to the page where its own marker is printed (its deepest level).
_DEPTH = 99
_CHAIN = re.compile(r"^(?:\([a-z0-9]{1,6}\))+$", re.IGNORECASE)


@cache
def _marker_pattern(inner: str) -> re.Pattern[str]:
    return re.compile(
        r"(?:^|\n|\))[ \t]*(?:\([a-zA-Z0-9]{1,6}\)[ \t]*)*?\(" + re.escape(inner) + r"\)"
    )


def _marker(text: str, inner: str, start: int, end: int) -> re.Match[str] | None:
    return _marker_pattern(inner).search(text, start, end)


def _cite_start(heading: re.Match[str]) -> int:
    return heading.start("cite") if heading.group("cite") else heading.start("line")


def reproduced(
    text: str,
    mentions: list[Mention],
    in_appendix: Callable[[int], bool],
) -> list[Mention]:
    """A reference on the appendix page where each cited subsection's text is reproduced."""
    headings = [m for m in _HEADING.finditer(text) if in_appendix(_cite_start(m))]
    if not headings:
        return []
    # Each cited key with its subsections as printed ("(b)(2)(A)": the case tells levels apart).
    body_keys: dict[str, str] = {}
    for m in mentions:
        if m.key and not in_appendix(m.start):
            body_keys.setdefault(m.key, m.text)
    found: list[Mention] = []
    for index, heading in enumerate(headings):
        region_end = headings[index + 1].start() if index + 1 < len(headings) else len(text)
        cited = [m for m in mentions if _cite_start(heading) <= m.start < heading.end() and m.key]
        for head in cited:
            for key, printed in sorted(body_keys.items()):
                if not key.startswith(head.key) or key == head.key:
                    continue
                chain = key[len(head.key) :].split(" @")[0]
                if not _CHAIN.match(chain):
                    continue
                written = re.search(re.escape(chain), printed.replace(" ", ""), re.IGNORECASE)
                if written is not None:
                    chain = written.group(0)
                position = heading.end()
                hit: re.Match[str] | None = None
                place: re.Match[str] | None = None
                for depth, inner in enumerate(re.findall(r"\(([A-Za-z0-9]{1,6})\)", chain)):
                    hit = _marker(text, inner, position, region_end)
                    if hit is None:
                        break
                    position = hit.end()
                    if depth < _DEPTH:
                        place = hit
                if hit is not None and place is not None:
                    found.append(
                        Mention(place.end() - 1, place.end(), SHORT, key=key, anchor=False)
                    )
    return found
