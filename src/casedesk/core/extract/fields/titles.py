"""Parties named outside a caption: case titles, "Re:" lines, form labels, summonses and
one-line captions.

* Titles: "Re: Doe v. Acme Corp., Case No. ...", "Case Title: CHEN vs. GOLDEN GATE ...",
  "SHORT TITLE:", "Case Name:", "Subject:" (continued on indented lines).
* Form labels: "PLAINTIFF/PETITIONER: ...", "DEFENDANT/RESPONDENT: ...", "Debtor 1: ...",
  "Claimant: ...", "Insured: ...".
* A summons's "NOTICE TO DEFENDANT:" and "YOU ARE BEING SUED BY PLAINTIFF:".
* One-line captions: "JANE DOE, Plaintiff, v. ACME CORP., Defendant."
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from casedesk.core.extract.fields.layout import segments
from casedesk.core.extract.fields.names import (
    CONNECTORS,
    SUFFIX,
    PartyMatch,
    locate,
    parties_in,
    plausible,
    role_of,
    tidy,
)

_TITLE = re.compile(
    r"^[ \t]*(?:Re|Subject|Case\s+Title|Case\s+Name|Short\s+Title)[ \t]*:", re.I | re.M
)
_LABELLED = re.compile(
    r"^[ \t]*(?:Re:[ \t]*)?(?:[a-z]\.[ \t]*)?(?P<label>(?:plaintiff|defendant|petitioner|respondent)"
    r"(?:/(?:plaintiff|defendant|petitioner|respondent))?|debtor(?:[ \t]+\d)?|claimant"
    r"|(?:your[ \t]+)?insured)[ \t]*:[ \t]*(?P<name>\S[^\n]*)",
    re.IGNORECASE | re.MULTILINE,
)
_SUMMONS = re.compile(r"(?P<who>NOTICE TO DEFENDANT|YOU ARE BEING SUED BY PLAINTIFF)\s*:", re.I)
_INLINE = re.compile(
    r",\s*(?:Plaintiffs?|Petitioners?)\s*,\s*(?:v\.|vs\.?|against)\s+(?P<b>[^\s,][^\n]{1,100}?),\s*"
    r"(?:Defendants?|Respondents?)\b",
    re.IGNORECASE,
)
_STOP_B = re.compile(
    r",\s*(?:case|no\.|cause|index|civil|docket|adv|[0-9])|;|\s[-–—]\s|\(|,?\s*et\s+al\b|\n\s*\n",
    re.I,
)
_SUFFIX_END = re.compile(r"^(.*?\b" + SUFFIX + r")(?=\s+\S)", re.IGNORECASE)


def titles(text: str) -> Iterator[PartyMatch]:
    for m in _TITLE.finditer(text):
        end = m.end()
        for _ in range(3):
            nxt = text.find("\n", end + 1) if end < len(text) else -1
            line = text[end + 1 : nxt if nxt >= 0 else len(text)]
            if not line[:1].isspace() or not line.strip() or re.match(r"\s*\w[\w ]*:", line):
                break
            end = nxt if nxt >= 0 else len(text)
        block_end = text.find("\n", end)
        block_end = len(text) if block_end < 0 or end >= len(text) else block_end
        block = text[m.end() : block_end]
        yield from _titleparties_in(text, m.end(), block_end, block)


def _titleparties_in(text: str, lo: int, hi: int, block: str) -> Iterator[PartyMatch]:
    v = re.search(r"\s(?:v\.|vs\.?|versus)\s", block)
    if v is None:
        return
    before = re.sub(r",?\s*et\s+al\.?,?\s*$", "", block[: v.start()].strip())
    tokens = before.split()
    keep: list[str] = []
    for token in reversed(tokens):
        if token.endswith((":", ";")) or any(ch.isdigit() for ch in token):
            break
        if not (token[0].isupper() or not token[0].isascii() or token.lower() in CONNECTORS):
            break
        keep.insert(0, token)
    after = block[v.end() :]
    stop = _STOP_B.search(after)
    b = after[: stop.start()] if stop else after
    b = " ".join(b.split())
    suffix = _SUFFIX_END.match(b)
    if suffix is not None:
        b = suffix.group(1)
    words: list[str] = []
    for token in b.split():
        if not (token[0].isupper() or not token[0].isascii() or token.lower() in CONNECTORS):
            break
        words.append(token)
    for name in (" ".join(keep), " ".join(words)):
        name = tidy(name)
        if plausible(name):
            match = locate(text, lo, hi, name, "other")
            if match is not None:
                yield match


def labelled(text: str) -> Iterator[PartyMatch]:
    for m in _LABELLED.finditer(text):
        segs = segments(text, m.start("name"), m.end("name"))
        if not segs:
            continue
        s, e = segs[0]
        label = m["label"].lower()
        role = role_of(label.split("/")[0]) if "/" in label or label.isalpha() else "other"
        role = "other" if label.startswith(("debtor", "claimant", "your", "insured")) else role
        yield from parties_in(text, s, e, text[s:e], role)


def summonses(text: str) -> Iterator[PartyMatch]:
    for m in _SUMMONS.finditer(text):
        role = "defendant" if "DEFENDANT" in m["who"].upper() else "plaintiff"
        pos = text.find("\n", m.end())
        start = end = -1
        while 0 <= pos < len(text):
            nxt = text.find("\n", pos + 1)
            nxt = len(text) if nxt < 0 else nxt
            line = text[pos + 1 : nxt].strip()
            if line.startswith("(") and line.endswith((":", ")")):
                pos = nxt
                continue
            if not line:
                break
            start = pos + 1 if start < 0 else start
            end = nxt
            pos = nxt
        if start >= 0:
            yield from parties_in(text, start, end, text[start:end], role)


def inline(text: str) -> Iterator[PartyMatch]:
    """A one-line caption: "JANE DOE, Plaintiff, v. ACME CORP., Defendant."."""
    for m in _INLINE.finditer(text):
        lo = max(text.rfind("\n", 0, m.start()) + 1, m.start() - 100)
        # the names start after a docket number, a colon or a closing parenthesis
        cuts = list(re.finditer(r"(?:\S*\d\S*|\S*[:;)])\s+", text[lo : m.start()]))
        if cuts:
            lo += cuts[-1].end()
        yield from parties_in(text, lo, m.start(), text[lo : m.start()], "plaintiff")
        yield from parties_in(text, m.start("b"), m.end("b"), m["b"], "defendant")
