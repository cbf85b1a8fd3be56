"""Scoring casedesk's tables of authorities against the OSG briefs' own tables.

Run as a script for per-brief figures and every miss::

    .venv/bin/python -m tests.core.toa.osg_eval [BRIEF-ID-PREFIX ...] [-q]

Matching (trial-prep.md §1.6; the briefs folder's README): cases by their first reporter
citation ("410 U.S. 113"), or by name when they have none; other authorities by key (title,
code and section for statutes, read from the expected text with the engine's own finders),
else by normalised text (case, punctuation, "§" and whitespace folded) with a fuzzy ratio of
at least 0.9. A "Parent | child" expectation is matched on the child, completed by its
parent where the child alone is not a citation ("27 C.F.R. | Section 478.11" is
"27 C.F.R. 478.11"). Pages are compared on matched authorities ("5 n.3" counts as 5).
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from casedesk.core.citations import normalize_citation
from casedesk.core.toa import CASES, ToaResult, generate_toa
from casedesk.core.toa.engine import expand_pages, find_mentions
from casedesk.core.toa.mentions import FULL, fold

OSG = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "briefs" / "osg"

# Corrections to the automatically parsed expectations, each checked against toa_raw.txt.
# (brief id, authority as parsed) -> replacement authority (None: drop the entry).
EXPECTATION_FIXES: dict[tuple[str, str], str | None] = {
    # Three-level nesting lost its top level (README "Known parser errors"): U.S. Const. Art. III.
    ("1388236_Alabama_v__California", "§ 2 | Cl. 1"): "U.S. Const. Art. III, § 2, Cl. 1",
    ("1388236_Alabama_v__California", "§ 2 | Cl. 2"): "U.S. Const. Art. III, § 2, Cl. 2",
    # Same loss in Bradford: "U.S. Const.: Art. I: § 1" and "Art. II: § 1, Cl. 1" (toa_raw.txt).
    ("1388626_Bradford_v__Department_of_Labo", "U.S. Const. | § 1"): "U.S. Const. Art. I, § 1",
    ("1388626_Bradford_v__Department_of_Labo", "U.S. Const. | § 1, Cl. 1"): (
        "U.S. Const. Art. II, § 1, Cl. 1"
    ),
    # The brief's own TOA misprints the page: its body (p. 33) cites "State v. Palmer, 32 P. 29
    # (Kan. 1893)", the page where the case is reported.
    ("1391521_Kousisis_v__United_States", "State v. Palmer, 32 P. 89 (Kan. 1893)"): (
        "State v. Palmer, 32 P. 29 (Kan. 1893)"
    ),
}

COARSE = {"case": "case", "other": "other"}


def coarse_expected(category: str) -> str:
    if category.lower().startswith("case"):
        return "case"
    if category.lower().startswith("misc") or "other" in category.lower():
        return "other"
    return "statutory"


def coarse_ours(category: str) -> str:
    if category == CASES:
        return "case"
    if category == "other authorities":
        return "other"
    return "statutory"


def norm_text(text: str) -> str:
    text = fold(text).replace("§", " ")
    text = re.sub(r"[^0-9a-z]+", " ", text)
    return " ".join(text.split())


def page_set(pages: list[str] | tuple[str, ...]) -> set[str]:
    return {page.split(" ")[0] for page in expand_pages(list(pages))}


_CHILD_NEEDS_PARENT = re.compile(
    r"^(?:Section|Sections|Sec\.|§|Pt\.|Part|Art\.|Amend|Cl\.|Vol\.|Supp|\(|Tit\.)", re.I
)


_URL_BREAK = re.compile(r"((?:https?://|www\.)\S*?[./\-_])\s+(?=\S)")
_URL_PIECE = re.compile(r"((?:https?://|www\.)\S+)\s+(?=[\w\-]*[/.][\w\-./?=&#%~]*(?:\s|$))")
_URLS = re.compile(r",?\s*(?:https?://|www\.)\S+")
_ORDER = re.compile(r"^(Exec\. Order No\. [\d,]+)(,.*)$")
_AUTHOR = re.compile(r"^(?:[A-Z][\w’'.\-]*\s+){1,4}[A-Z][\w’'\-]+$")


def _join_urls(text: str) -> str:
    """URLs as printed in a TOA are broken over lines ("https://docs. fcc.gov/..."): rejoin."""
    for _ in range(4):
        joined = _URL_PIECE.sub(r"\1", _URL_BREAK.sub(r"\1", text))
        if joined == text:
            break
        text = joined
    return text


def citation_text(authority: str) -> str:
    """The text an expectation is matched by: the child, completed by its parent if needed."""
    authority = _join_urls(authority)
    parts = [part.strip() for part in authority.split(" | ")]
    child = parts[-1]
    if len(parts) == 1:
        return child
    parent = parts[-2]
    order = _ORDER.match(parent)
    if order and child.startswith("§"):
        return f"{order.group(1)}, {child}{order.group(2)}"
    if _AUTHOR.match(parent):  # "Joel Prentiss Bishop | Bishop on Criminal Law, vol. 2 (9th ed.)"
        vol = re.search(r",\s*vol\.\s*(\d+)", child)
        if vol:
            child = child[: vol.start()] + child[vol.end() :]
            return f"{vol.group(1)} {parent}, {child}"
        return f"{parent}, {child}"
    vol = re.match(r"^Vol\.\s*(\d+)\s*(.*)$", child)
    if vol:
        return f"{vol.group(1)} {parent} {vol.group(2)}".strip()
    section = re.match(r"^(?:Section|Sections)\s+(.*)$", child)
    if section:
        return f"{parent} {section.group(1)}"
    if re.search(r"\bStat\.", child) and not re.search(r"U\.S\.C\.|C\.F\.R\.", child):
        return f"{parent}, {child}"  # "38 Stat. 219-220" under the act it is part of
    if _CHILD_NEEDS_PARENT.match(child) or not re.search(r"\d", child):
        joiner = ", " if re.search(r"Stat\.|Act|Order", parent) else " "
        return f"{parent}{joiner}{child}"
    if not re.search(r"\d", parent) and not child[:1].isdigit():  # "GAO | Telecommunications: ..."
        return f"{parent}, {child}"
    return child


def expected_key(authority: str, coarse: str) -> str:
    text = citation_text(authority)
    mentions = [m for m in find_mentions(text) if m.kind == FULL and m.key]
    if coarse == "case":
        cases = [m for m in mentions if m.family]
        key = cases[0].key if cases else normalize_citation(text)
        return key or "name " + norm_text(text.split(",")[0])
    return mentions[-1].key if mentions else ""


@dataclass
class Expected:
    authority: str
    coarse: str
    pages: set[str]
    key: str
    text: str
    bare: str  # the text without its URLs: a brief's TOA may add a URL its text does not give


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    page_tp: int = 0
    page_fp: int = 0
    page_fn: int = 0
    category_agree: int = 0

    def add(self, other: Counts) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @staticmethod
    def f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def authority(self) -> tuple[float, float, float]:
        return self.f1(self.tp, self.fp, self.fn)

    def pages(self) -> tuple[float, float, float]:
        return self.f1(self.page_tp, self.page_fp, self.page_fn)


@dataclass
class BriefScore:
    brief: str
    counts: Counts
    by_category: dict[str, Counts]
    misses: list[str] = field(default_factory=list)


def load_expected(brief: Path) -> list[Expected]:
    data = json.loads((brief / "toa_expected.json").read_text(encoding="utf-8"))
    out: list[Expected] = []
    for entry in data["entries"]:
        authority = entry["authority"]
        fix_key = (brief.name, authority)
        if fix_key in EXPECTATION_FIXES:
            replacement = EXPECTATION_FIXES[fix_key]
            if replacement is None:
                continue
            authority = replacement
        coarse = coarse_expected(entry["category"])
        out.append(
            Expected(
                authority=authority,
                coarse=coarse,
                pages=page_set(entry["pages"]),
                key=expected_key(authority, coarse),
                text=norm_text(citation_text(authority)),
                bare=norm_text(_URLS.sub("", citation_text(authority))),
            )
        )
    return out


def score(brief: Path, result: ToaResult) -> BriefScore:
    expected = load_expected(brief)
    ours = list(result.entries)
    matched: list[tuple[Expected, int]] = []
    free = set(range(len(ours)))
    by_key: dict[str, list[int]] = defaultdict(list)
    for index, entry in enumerate(ours):
        by_key[entry.key].append(index)
        if entry.category == CASES:
            by_key["name " + norm_text(entry.authority.split(",")[0])].append(index)
    unmatched: list[Expected] = []
    for item in expected:
        hit = next((i for i in by_key.get(item.key, []) if i in free), None) if item.key else None
        if hit is None:
            unmatched.append(item)
            continue
        free.discard(hit)
        matched.append((item, hit))
    # Fuzzy text matching for what keys did not match (not for cases: they match by citation).
    pairs: list[tuple[float, int, int]] = []
    for e_index, item in enumerate(unmatched):
        if item.coarse == "case":
            continue
        for o_index in free:
            if ours[o_index].category == CASES:
                continue
            theirs = item.text if _URLS.search(ours[o_index].authority) else item.bare
            ratio = fuzz.ratio(theirs, norm_text(ours[o_index].authority)) / 100
            if ratio >= 0.9:
                pairs.append((ratio, e_index, o_index))
    used_e: set[int] = set()
    for _ratio, e_index, o_index in sorted(pairs, reverse=True):
        if e_index in used_e or o_index not in free:
            continue
        used_e.add(e_index)
        free.discard(o_index)
        matched.append((unmatched[e_index], o_index))
    missing = [item for index, item in enumerate(unmatched) if index not in used_e]
    counts = Counts()
    by_category: dict[str, Counts] = defaultdict(Counts)
    misses: list[str] = []
    for item, index in matched:
        entry = ours[index]
        got = page_set(entry.pages)
        c = by_category[item.coarse]
        for target in (counts, c):
            target.tp += 1
            target.page_tp += len(got & item.pages)
            target.page_fp += len(got - item.pages)
            target.page_fn += len(item.pages - got)
            target.category_agree += coarse_ours(entry.category) == item.coarse
        if got != item.pages:
            extra = sorted(got - item.pages, key=_page_order)
            lost = sorted(item.pages - got, key=_page_order)
            misses.append(f"  PAGES {entry.authority[:70]!r}: extra {extra} missing {lost}")
    for item in missing:
        counts.fn += 1
        by_category[item.coarse].fn += 1
        misses.append(f"  MISSING [{item.coarse}] {item.authority[:110]!r} key={item.key!r}")
    for index in sorted(free):
        entry = ours[index]
        counts.fp += 1
        by_category[coarse_ours(entry.category)].fp += 1
        misses.append(
            f"  EXTRA [{entry.category}] {entry.authority[:100]!r} {entry.pages} key={entry.key!r}"
        )
    return BriefScore(brief.name, counts, dict(by_category), misses)


def _page_order(page: str) -> tuple[int, int]:
    match = re.match(r"(\d+)(a?)", page)
    return (1 if match and match.group(2) else 0, int(match.group(1)) if match else 0)


def briefs(prefixes: list[str] | None = None) -> list[Path]:
    found = sorted(path for path in OSG.iterdir() if (path / "body.pdf").exists())
    if prefixes:
        found = [path for path in found if any(path.name.startswith(p) for p in prefixes)]
    return found


def evaluate(prefixes: list[str] | None = None) -> tuple[Counts, list[BriefScore]]:
    total = Counts()
    scores: list[BriefScore] = []
    for brief in briefs(prefixes):
        result = generate_toa(brief / "body.pdf", passim=0)
        brief_score = score(brief, result)
        total.add(brief_score.counts)
        scores.append(brief_score)
    return total, scores


def report(total: Counts, scores: list[BriefScore], *, misses: bool = True) -> str:
    lines = []
    header = f"{'brief':40} {'auth P':>7} {'R':>6} {'F1':>6}   {'page P':>7} {'R':>6} {'F1':>6}"
    lines.append(header)
    categories: dict[str, Counts] = defaultdict(Counts)
    for s in scores:
        ap, ar, af = s.counts.authority()
        pp, pr, pf = s.counts.pages()
        lines.append(
            f"{s.brief[:40]:40} {ap:7.3f} {ar:6.3f} {af:6.3f}   {pp:7.3f} {pr:6.3f} {pf:6.3f}"
        )
        for name, c in s.by_category.items():
            categories[name].add(c)
    ap, ar, af = total.authority()
    pp, pr, pf = total.pages()
    lines.append(f"{'ALL':40} {ap:7.3f} {ar:6.3f} {af:6.3f}   {pp:7.3f} {pr:6.3f} {pf:6.3f}")
    for name, c in sorted(categories.items()):
        ap, ar, af = c.authority()
        pp, pr, pf = c.pages()
        lines.append(f"  {name:38} {ap:7.3f} {ar:6.3f} {af:6.3f}   {pp:7.3f} {pr:6.3f} {pf:6.3f}")
    agree = total.category_agree / total.tp if total.tp else 0.0
    lines.append(f"coarse category agreement on matched authorities: {agree:.3f}")
    if misses:
        for s in scores:
            if s.misses:
                lines.append(f"--- {s.brief}")
                lines.extend(s.misses)
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    quiet = "-q" in argv
    prefixes = [arg for arg in argv if not arg.startswith("-")]
    total, scores = evaluate(prefixes or None)
    print(report(total, scores, misses=not quiet))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
