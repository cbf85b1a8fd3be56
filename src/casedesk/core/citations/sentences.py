"""The sentence a citation sits in, for showing it in context.

Legal text is full of periods that end no sentence ("v.", "U.S.", "F. Supp.", "Ass'n",
"Id."), so a period ends a sentence only when the next word starts with a capital letter or a digit and
the word before it is not an abbreviation: not a single letter, not dotted inside ("U.S."),
not a reporter word from reporters-db, not a Bluebook T6 or common legal abbreviation. A
blank line always ends one. A citation's sentence never splits the citation itself.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cache

import reporters_db

from casedesk.core.citations import names

MAX_SENTENCE = 600

_CANDIDATE = re.compile(r"[.?!][\"'”’)\]]*(?=\s+[\"“‘'(\[]*[A-Z0-9])|\n[ \t\r\f\v]*\n")
_COMMON = (
    "v. vs. No. Nos. Id. id. Ibid. ibid. See Cf. cf. e.g. i.e. Mr. Mrs. Ms. Dr. Jr. Sr. St. "
    "Art. art. Amend. amend. Const. Stat. Supp. Cir. Ct. App. cl. Cl. ch. Ch. pp. p. n. nn. "
    "ed. eds. Ed. Rev. rev. repr. trans. cmt. Jan. Feb. Mar. Apr. Jun. Jul. Aug. Sep. Sept. Oct. Nov. Dec. al. "
    "Inc. Co. Corp. Ltd. Bros. Dist. Div. Civ. Crim. Evid. Proc. Fed. Reg. Pet. Resp. Br. "
    "Gov. Rep. Sen. Vol. vol. Sec. sec. Pt. pt. Para. para. tit. Tit. ¶. Cong. Sess. Doc. Ann. Gen. Op. Admin. Mass. Cal. Tex. Fla."
)


@cache
def abbreviations() -> frozenset[str]:
    """Words ending in a period that do not end a sentence."""
    words = set(_COMMON.split())
    reporter_names: list[str] = list(reporters_db.EDITIONS) + list(reporters_db.VARIATIONS_ONLY)
    for name in reporter_names:
        words.update(part for part in name.split() if part.endswith("."))
    words.update(abbreviation for abbreviation in reporters_db.CASE_NAME_ABBREVIATIONS)
    words.update(names.t6_abbreviations())
    return frozenset(words)


def _ends_sentence(text: str, dot: int) -> bool:
    """Whether the punctuation at ``dot`` ends a sentence."""
    if text[dot] != ".":
        return True
    start = dot
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    word = text[start : dot + 1].lstrip("(\"'“‘[")
    bare = word[:-1]
    if len(bare) == 1 and bare.isalpha():
        return False  # an initial, "v.", "F."
    if "." in bare:
        return False  # "U.S.", "e.g.", "N.M."
    return word not in abbreviations()


def sentence_ends(text: str) -> list[int]:
    """Offsets just after each sentence end, ascending."""
    ends = []
    for match in _CANDIDATE.finditer(text):
        if match.group(0).startswith("\n") or _ends_sentence(text, match.start()):
            ends.append(match.end())
    return ends


def sentence_around(text: str, ends: list[int], start: int, end: int) -> str:
    """The whitespace-collapsed sentence holding ``text[start:end]`` (at most 600 chars)."""
    before = bisect_right(ends, start) - 1
    sentence_start = ends[before] if before >= 0 else 0
    after = bisect_left(ends, end)
    sentence_end = ends[after] if after < len(ends) else len(text)
    sentence = " ".join(text[sentence_start:sentence_end].split())
    if len(sentence) <= MAX_SENTENCE:
        return sentence
    # Too long (a run-on page header, a table): a window around the citation.
    half = max(0, (MAX_SENTENCE - (end - start)) // 2 - 2)
    window_start = max(sentence_start, start - half)
    window_end = min(sentence_end, end + half)
    window = " ".join(text[window_start:window_end].split())
    prefix = "…" if window_start > sentence_start else ""
    suffix = "…" if window_end < sentence_end else ""
    return (prefix + window + suffix)[:MAX_SENTENCE]
