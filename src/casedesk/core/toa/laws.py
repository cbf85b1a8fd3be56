"""Statutes, regulations, rules and constitutional provisions in a brief's text.

The ways each is cited are data (``data/laws.toml``); this module holds the grammar they
share: a section ("921(a)(3)(A)", "1320a-7b(b)", "54.701-54.717", "501 et seq.", "2343
note"), lists of sections ("5845(b), (c), and (d)" is three), an edition in parentheses
("(2006)", "(2018 & Supp. IV 2022)"), and the act a section belongs to ("§ 901(a)(1), 82
Stat. 225" is a section of the act printed at 82 Stat. 225).

Each section gets a key (code, title and section, folded) so that "18 U.S.C. § 1343" and
"18 U.S.C. 1343" are one authority, and the text of the entry keeps the brief's own form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache

from casedesk.core.toa import data
from casedesk.core.toa.mentions import FULL, SHORT, TARGET, Mention, clean_entry, collapse, key_text
from casedesk.core.toa.model import CONSTITUTIONAL, REGULATIONS, RULES, STATUTES

# --- the section grammar ---------------------------------------------------------------------

_CORE = r"\d[\dA-Za-z]*(?:[.:\-–‑]\d[\dA-Za-z]*)*"
# A subsection: "(a)", "(f )" (kerning), New York's "[a]" and "(a) (7)" (a space before it,
# but never before a year: "(2018)" is an edition).
_SUB = (
    r"(?:\(\s?[A-Za-z0-9]{1,6}\s?\)|\s?\[\s?[A-Za-z0-9]{1,6}\s?\]"
    r"|\s(?=\((?:[A-Za-z]{1,4}|\d{1,2})\))\((?:[A-Za-z]{1,4}|\d{1,2})\))"
)
_SUBS = f"(?:{_SUB})*"
_ITEM = re.compile(
    rf"(?P<sec>{_CORE}{_SUBS}(?:\s?[-–]\s?(?:{_CORE}{_SUBS}|{_SUB}{_SUBS}))?)"
    r"(?P<seq>\s+et\s+seq\.?)?(?P<note>\s+note\b)?"
)
_SUB_ONLY = re.compile(rf"(?P<sub>{_SUB}{_SUBS}(?:\s?[-–]\s?{_SUB}{_SUBS})?)")
_SEPARATOR = re.compile(r"\s*(?:,\s*(?:(?:and|or|&)\s+)?|\s+(?:and|or|&)\s+)(?:§§?\s*)?")
# A list item must not be the title number of the next citation ("42 U.S.C. 1983, 42 U.S.C.").
_NEXT_CITATION = re.compile(r"\s*(?:[A-Z][A-Za-z’'.&]*\s*){1,6}(?:§|\d)|\s+(?:Stat|Fed|U\.)")
_SUBDIVISION = re.compile(
    r",\s*subds?\.\s*(?P<subs>(?:\(\s?[A-Za-z0-9]{1,6}\s?\))+(?:\s*(?:,|and|&)\s*(?:\(\s?[A-Za-z0-9]{1,6}\s?\))+)*)"
)
_EDITION = re.compile(
    r"\s?\((?P<ed>(?:\d{4}(?:\s*&\s*Supp\.?[^()]{0,20})?|Supp\.[^()]{0,20}|"
    r"(?:West|McKinney|Vernon|Deering|LexisNexis|Lexis)[^()]{0,30}))\)"
)
_BARE_YEAR = re.compile(r"^\d{4}$")
_PAREN_YEAR = re.compile(r"\b((?:19|20)\d\d)\)")
CURRENT_EDITION_YEARS = 12
"""How many years before the newest date in a brief a code edition still counts as current
(the U.S. Code is re-issued every six years; Bluebook R. 12.3.2 cites the current one)."""
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


def roman_to_int(text: str) -> int | None:
    total, text = 0, text.lower()
    if not text or any(ch not in _ROMAN for ch in text):
        return None
    for index, ch in enumerate(text):
        value = _ROMAN[ch]
        following = _ROMAN[text[index + 1]] if index + 1 < len(text) else 0
        total += -value if value < following else value
    return total


def norm_section(section: str) -> str:
    """A section for a key: no spaces, dashes folded, "§" dropped, "[a]" read as "(a)"."""
    section = section.replace("§", "").replace("–", "-").replace("‑", "-")
    section = re.sub(r"\[\s*([A-Za-z0-9]{1,6})\s*\]", r"(\1)", section)
    section = re.sub(r",?\s*subds?\.\s*", "", section)
    return re.sub(r"\s+", "", section).lower().rstrip(".,")


def _sub_kind(sub: str) -> str:
    inner = sub.strip("() ").strip()
    if inner.isdigit():
        return "digit"
    if inner.isupper():
        return "upper"
    if roman_to_int(inner) is not None and len(inner) > 1:
        return "roman"
    return "lower"


def _replace_sub(base: str, sub: str) -> str:
    """``base`` with its last subsection of the same kind as ``sub`` replaced by ``sub``:
    "921(a)(3)" + "(4)" -> "921(a)(4)"; "5845(b)" + "(c)" -> "5845(c)"."""
    parts = re.findall(_SUB, base)
    head = base[: base.index(parts[0])] if parts else base
    kind = _sub_kind(re.findall(_SUB, sub)[0] if re.findall(_SUB, sub) else sub)
    for index in range(len(parts) - 1, -1, -1):
        if _sub_kind(parts[index]) == kind:
            return head + "".join(parts[:index]) + sub
    return base + sub


@dataclass
class SectionList:
    """The sections of one citation, in order, and where the citation ends."""

    items: list[tuple[str, int, int]] = field(default_factory=list)  # (section, start, end)
    end: int = 0
    edition: str = ""


def parse_sections(text: str, position: int, *, item: re.Pattern[str] = _ITEM) -> SectionList:
    """The section list starting at ``position`` ("921(a)(3), (4), and 923(i) (2018)")."""
    result = SectionList(end=position)
    match = item.match(text, position)
    if match is None:
        return result
    last = collapse(match.group(0))
    result.items.append((last, match.start(), match.end()))
    result.end = match.end()
    while True:
        separator = _SEPARATOR.match(text, result.end)
        if separator is None or separator.end() == result.end:
            break
        following = item.match(text, separator.end())
        if following is not None and following.group(0)[0].isdigit():
            if _NEXT_CITATION.match(text, following.end()):
                break
            last = collapse(following.group(0))
            result.items.append((last, following.start(), following.end()))
            result.end = following.end()
            continue
        sub = _SUB_ONLY.match(text, separator.end())
        if sub is not None and result.items:
            base = re.sub(r"\s+et\s+seq\.?$|\s+note$", "", result.items[-1][0])
            base = re.split(r"\s?[-–]\s?(?=\()", base)[0]
            result.items.append(
                (_replace_sub(base, collapse(sub.group(0))), sub.start(), sub.end())
            )
            result.end = sub.end()
            continue
        break
    subdivision = _SUBDIVISION.match(text, result.end)
    if subdivision is not None and result.items:  # "§ 437c, subd. (c)" (California style)
        parts = re.findall(_SUB, subdivision.group("subs"))
        section, item_start, _ = result.items[-1]
        result.items[-1:] = [
            (f"{section}, subd. {part.strip()}", item_start, subdivision.end()) for part in parts
        ]
        result.end = subdivision.end()
    edition = _EDITION.match(text, result.end)
    if edition is not None:
        result.edition = collapse(edition.group("ed"))
        result.end = edition.end()
    return result


# --- patterns from the data file -----------------------------------------------------------


@dataclass(frozen=True)
class Code:
    """A code as laws.toml describes it."""

    id: str
    display: str
    category: str
    keep_text: bool
    marker: bool
    section: str = ""  # its own section form ("5/2-619" in the ILCS), else the common one


@dataclass(frozen=True)
class Alternatives:
    """Several citation forms in one regular expression: the group that matched names the code."""

    pattern: re.Pattern[str]
    codes: dict[str, Code]
    hint: re.Pattern[str] | None = None  # a word every form contains (to skip the rest)

    def finditer(self, text: str) -> list[tuple[re.Match[str], str, Code]]:
        """(match, the code as written, the code) for each citation of any of the forms.

        With a hint, the full expression runs only around the places where a hint word occurs:
        fifty forms tried at every position of a long brief cost more than the rest together.
        """
        found: list[tuple[re.Match[str], str, Code]] = []
        if self.hint is None:
            windows = [(0, len(text))]
        else:
            windows = []
            for hit in self.hint.finditer(text):
                low, high = max(0, hit.start() - 80), min(len(text), hit.end() + 40)
                if windows and low <= windows[-1][1]:
                    windows[-1] = (windows[-1][0], high)
                else:
                    windows.append((low, high))
        seen: set[int] = set()
        for low, high in windows:
            for match in self.pattern.finditer(text, low, high):
                if match.start() in seen:
                    continue
                seen.add(match.start())
                name = next(n for n in self.codes if match.group(n) is not None)
                found.append((match, match.group(name), self.codes[name]))
        return found


# Words too common in briefs to be worth a look ("this Court"); every form has another word.
_COMMON_WORDS = frozenset({"Court", "Law", "Rule", "Rules", "ule", "roc", "inal", "Cal", "Tex"})


def _alternatives(
    head: str, forms: list[tuple[str, Code, str]], tail: str, *, hinted: bool = False
) -> Alternatives:
    """One expression for several forms; with ``hinted``, a hint expression of their words."""
    codes: dict[str, Code] = {}
    parts: list[str] = []
    hints: set[str] = set()
    for index, (form, code, hint) in enumerate(forms):
        name = f"c{index}"
        codes[name] = code
        parts.append(form.replace("{name}", name))
        if hint:
            hints.add(hint)
        # Every plain word of three letters or more ("Code", "Penal", "Civ"): a citation in any
        # of the form's alternatives holds one of them.
        plain = re.sub(r"\(\?(?:P<[^>]*>|<?[!=]|:)|\\[a-zA-Z]|\[[^\]]*\]|\{[^}]*\}", " ", form)
        hints.update(
            re.escape(word)
            for word in re.findall(r"[A-Za-z]{3,}", plain)
            if word not in _COMMON_WORDS
        )
    hint_pattern = re.compile("|".join(sorted(hints))) if hinted and hints else None
    return Alternatives(re.compile(head + "|".join(parts) + tail), codes, hint_pattern)


@dataclass(frozen=True)
class Patterns:
    titled: Alternatives
    named: Alternatives
    generic: re.Pattern[str]
    rules: Alternatives
    constitution: re.Pattern[str]
    text_article: re.Pattern[str]
    text_amendment: re.Pattern[str]
    stat: re.Pattern[str]
    act_name: re.Pattern[str]
    fed_reg: re.Pattern[str]
    exec_order: re.Pattern[str]
    regnal: re.Pattern[str]


# A word of a name: capitalised ("Control", "Ass’n") or a short acronym ("TCPA"), not a
# running head in capitals ("REPLY BRIEF FOR THE PETITIONERS").
_TITLE_WORD = r"[A-Z](?:[a-z’'][\w’'.&\-]*|[A-Z.&]{0,4}(?![\w’']))"

_ORDINALS = [
    "First",
    "Second",
    "Third",
    "Fourth",
    "Fifth",
    "Sixth",
    "Seventh",
    "Eighth",
    "Ninth",
    "Tenth",
    "Eleventh",
    "Twelfth",
    "Thirteenth",
    "Fourteenth",
    "Fifteenth",
    "Sixteenth",
    "Seventeenth",
    "Eighteenth",
    "Nineteenth",
    "Twentieth",
]
_ORDINALS += [f"Twenty-{word}" for word in _ORDINALS[:7]]


def _code(entry: dict[str, object], category: str | None = None) -> Code:
    return Code(
        id=str(entry.get("id", entry.get("display"))),
        display=str(entry["display"]),
        category=str(category or entry.get("category", STATUTES)),
        keep_text=bool(entry.get("keep_text", False)),
        marker=bool(entry.get("marker", True)),
        section=str(entry.get("section", "")),
    )


@cache
def patterns() -> Patterns:
    laws = data.laws()
    titled_codes = [(entry["pattern"], _code(entry)) for entry in laws["titled"]]
    titled = _alternatives(
        r"(?<![\w.,])(?P<title>\d{1,3})\s+(?:",
        [(f"(?P<{{name}}>{pattern})", code, "") for pattern, code in titled_codes],
        r"),?\s*(?:§§?\s*|(?P<part>Pts?\.|Parts?)\s*)?(?=\d)",
    )
    named_codes = [
        (pattern, _code(entry), str(entry.get("hint", "")))
        for entry in laws["named"]
        for pattern in entry["patterns"]
    ]
    named_codes += [
        (entry["pattern"], _code(entry), str(entry.get("hint", "")))
        for entry in laws["titled_short"]
    ]
    named = _alternatives(
        "",
        [
            (r"(?<![\w.])(?P<{name}>" + pattern + r"),?\s*(?:§§?\s*|art\.\s*)?(?=\d)", code, hint)
            for pattern, code, hint in named_codes
        ],
        "",
        hinted=True,
    )
    generic = laws["generic_state"]
    states = "|".join(re.escape(state).replace(r"\ ", r"\s?") for state in generic["states"])
    generic_pattern = re.compile(
        r"(?<![\w.])(?P<code>(?:" + states + r")\s+" + generic["words"] + generic["kinds"] + r")"
        r"\s*(?:§§?|art\.)\s*(?=\d)"
    )
    rules = _alternatives(
        "",
        [
            (
                r"(?<![\w.])(?P<{name}>" + entry["pattern"] + r")\s*(?:Rule\s+)?(?=\d)",
                _code({**entry, "id": entry["display"]}, RULES),
                str(entry.get("hint", "")),
            )
            for entry in laws["rule"]
        ],
        "",
        hinted=True,
    )
    constitution = laws["constitution"]
    jurisdictions = "|".join(constitution["jurisdictions"])
    constitution_pattern = re.compile(
        r"(?P<jur>" + jurisdictions + r")\s+Const\.,?\s*"
        r"(?:(?P<part>[Aa]rt(?:icle)?\.?|[Aa]mend(?:ment)?\.?)\s*(?P<num>[IVXLC]+|\d+)\b"
        r"|(?P<pmbl>[Pp]mbl\.|[Pp]reamble))"
        r"(?P<rest>(?:,?\s*(?:§§?\s*\d+[a-z]?|[Cc]l\.\s*\d+|[Ss]ec(?:tion)?\.?\s*\d+))*)"
    )
    text_article = re.compile(
        r"(?<![\w.])Articles?\s+(?P<num>I{1,3}|IV|V|VI|VII)\b"
        r"(?:,?\s+(?:and|or|&)\s+(?P<num2>I{1,3}|IV|V|VI|VII)\b)?"
        r"(?!\s+of\s+(?:the\s+)?(?!United\s+States|U\.S\.)(?:[A-Z][\w.]*\s+){1,3}"
        r"(?:Constitution|Convention|Treaty|Code|Charter|Agreement))"
    )
    text_amendment = re.compile(
        r"(?<![\w.])(?P<ord>" + "|".join(_ORDINALS) + r")\s+Amendment\b(?:’s|'s)?"
    )
    stat = re.compile(
        r"(?P<vol>\d{1,3})\s+Stat\.\s+(?P<page>\d[\d,]*\d|\d)(?:\s?[-–]\s?(?P<page2>\d[\d,]*))?"
        r"(?:,\s*(?P<more>\d[\d,]*(?:\s?[-–]\s?\d[\d,]*)?)(?![\d,]*\s+(?:U\.|Stat|Fed)))?"
    )
    ends = "|".join(re.escape(word) for word in laws["acts"]["name_ends"])
    act_name = re.compile(
        r"(?<![\w’'.\-])(?P<name>(?:(?:"
        + _TITLE_WORD
        + r"|\d{4}|of|and|for|the|on|to|in|&)\s+){0,14}?"
        r"(?:" + ends + r")(?:\s+of\s+\d{4}|,\s+\d{4}(?=,)|\s+of\s+[A-Z][a-z]{2,4}\.?\s+\d{1,2},"
        r"\s+\d{4})?)"
        r"(?:\s*\((?P<alias>[^()]{1,60})\))?,?\s*(?P<tail>(?:(?:(?:ch\.|Ch\.|Pub\.\s?L\.|Tit\.|"
        r"Div\.|Subtit\.|§§?|[Ss]ec\.)[^,;]{0,30}|\d[\w().\-–]{0,15}),\s*)*)$"
    )
    fed_reg = re.compile(
        r"(?<![\w.])(?P<vol>\d{1,3})\s+Fed\.\s?Reg\.\s+(?P<at>at\s+)?(?P<page>\d{1,3},\d{3}|\d{1,6})"
        r"(?:\s?[-–]\s?\d{1,3}(?:,\d{3})?)?"
    )
    exec_order = re.compile(
        r"(?:Exec(?:utive|\.)\s+Or-?\s?der|EO|E\.O\.)\s+(?:No\.\s+)?(?P<num>\d{1,2},?\d{3})"
    )
    reigns = "|".join(re.escape(r).replace(r"\ ", r"\s") for r in laws["regnal"]["reigns"])
    regnal = re.compile(
        r"(?P<act>\d{1,2}(?:\s*(?:&|and)\s*\d{1,2})?\s+(?:" + reigns + r")\s*(?:[IVX]{1,4}\b)?,?"
        r"\s+c(?:h)?\.\s*\d+(?:,\s*§\s*\d+)?)(?:\s*\((?:1[2-9]\d\d)\))?"
        r"(?:,\s*reprinted\s+in\s+[^;()]{3,120}?\((?:1[5-9]\d\d)\))?"
    )
    return Patterns(
        titled,
        named,
        generic_pattern,
        rules,
        constitution_pattern,
        text_article,
        text_amendment,
        stat,
        act_name,
        fed_reg,
        exec_order,
        regnal,
    )


# --- finding -----------------------------------------------------------------------------


def _statute_sort(code: str, title: str, section: str) -> str:
    """Statutes by code, title and section numerically ("18 U.S.C. 2" before "18 U.S.C. 10")."""
    parts = re.split(r"(\d+)", f"{code} {title:>0} {section}".lower())
    return "".join(part.zfill(8) if part.isdigit() else part for part in parts)


def order_sort_key(number: str, section: str = "") -> str:
    """Executive orders by number, then section."""
    return _statute_sort("3 Exec. Order", "", f"{number} {section}".strip())


def _with_marker(section: str, marked: bool, article: bool = False) -> str:
    if article:
        return f"art. {section}"
    return f"§ {section}" if marked else section


@dataclass
class _Act:
    key: str
    name: str
    volume: int
    page: int
    start: int
    end: int
    names: tuple[str, ...] = ()


_EO_TAIL = re.compile(
    r"(?:,\s*(?:§§?\s*(?P<secs>[\w().]+(?:\s*,\s*(?:and\s+)?[\w().]+)*?)\s*,\s*)?"
    r"(?P<vol>\d{1,3})\s+Fed\.\s?Reg\.\s+(?P<at>at\s+)?"
    r"(?P<page>\d{1,3},\d{3}(?!\d)|\d{1,6})(?:,\s*\d[\d,]*)?(?:\s?[-–]\s?\d[\d,]*)?"
    r"(?:\s*\((?P<date>[^()]{3,30})\))?)?"
)
_FR_SECTION = re.compile(r"(?:^|[\s(;,])§§?\s*([\w().]+(?:\s*,\s*(?:and\s+)?[\w().]+)*?)\s*,\s*$")
_ACT_TAIL = re.compile(
    r"\s*\((?:\d{4}\)\s*\()?[^()]{0,80}(?:U\.\s?S\.\s?C\.|Stat\.)[^()]{0,80}\)|\s*\(\d{4}\)"
)


class LawFinder:
    """Finds the statutory, regulatory, rule and constitutional citations of a text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.p = patterns()
        self.found: list[Mention] = []
        self.taken: list[tuple[int, int]] = []
        self.acts: list[_Act] = []
        self.orders: dict[str, str] = {}  # Federal Register "vol page" of an executive order -> key
        # A code year this recent is the edition cited ("42 U.S.C. § 1983 (2018)"), an older
        # one a former version of the section, which is its own entry.
        years = [int(y) for y in _PAREN_YEAR.findall(text)]
        self.current_edition = (max(years) if years else 0) - CURRENT_EDITION_YEARS

    def mentions(self) -> list[Mention]:
        self._regnal()
        self._constitutions()
        self._acts()
        self._executive_orders()
        self._codes()
        self._federal_register()
        self._text_constitution()
        self.found.sort(key=lambda m: (m.start, m.end))
        return self.found

    # helpers

    def _free(self, start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in self.taken)

    def _add(self, mention: Mention, span: tuple[int, int] | None = None) -> None:
        self.found.append(mention)
        self.taken.append(span or (mention.start, mention.end))

    # English statutes cited by regnal year: "30 Geo. II, c. 24 (1757)"

    def _regnal(self) -> None:
        for match in self.p.regnal.finditer(self.text):
            written = collapse(match.group("act"))
            key = "regnal " + key_text(written.replace(".", ""))
            self._add(
                Mention(
                    match.start(),
                    match.end(),
                    FULL,
                    category=STATUTES,
                    key=key,
                    # without the pin cite into the reprint ("... at Large 114 (1766)")
                    text=clean_entry(
                        re.sub(r"\s+\d[\d\-–,]*\s*(?=\(\d{4}\)$)", " ", match.group(0))
                    ),
                    sort_key=_statute_sort("5 " + written, "", ""),
                    rank=2,
                )
            )

    # constitutions

    def _constitutions(self) -> None:
        for match in self.p.constitution.finditer(self.text):
            jurisdiction = collapse(match.group("jur"))
            if match.group("pmbl"):
                part_key, part_text = "pmbl", collapse(match.group("pmbl"))
            else:
                word = match.group("part")
                number = match.group("num")
                value = roman_to_int(number) if not number.isdigit() else int(number)
                is_art = word.lower().startswith("art")
                part_key = f"{'art' if is_art else 'amend'} {value}"
                written = "Art." if word[0] == "A" else "art."
                if not is_art:
                    written = "Amend." if word[0] == "A" else "amend."
                part_text = f"{written} {number}"
            rest = collapse(match.group("rest"))
            rest_key = (
                " ".join(
                    f"{kind} {num}"
                    for kind, num in re.findall(r"(§|[Cc]l\.|[Ss]ec)\w*\.?\s*(\d+[a-z]?)", rest)
                )
                .replace("Cl.", "cl")
                .replace("cl.", "cl")
                .replace("Sec", "§")
                .replace("sec", "§")
            )
            comma = "," if "," in match.group(0)[: match.start("part") - match.start()] else ""
            text = f"{jurisdiction} Const.{comma} {part_text}"
            if rest:
                text += ", " + ", ".join(piece.strip() for piece in rest.strip(", ").split(","))
            key = key_text(f"const {jurisdiction} {part_key} {rest_key}")
            self._add(
                Mention(
                    match.start(),
                    match.end(),
                    FULL,
                    category=CONSTITUTIONAL,
                    key=key,
                    text=clean_entry(text),
                    sort_key=_statute_sort(f"0 {jurisdiction}", "", f"{part_key} {rest_key}"),
                    rank=3,
                    family=key_text(f"const {jurisdiction}"),
                )
            )

    def _text_constitution(self) -> None:
        settings = data.laws()["constitution"]
        found: list[tuple[int, int, str, str]] = []
        if settings.get("text_articles", True):
            for match in self.p.text_article.finditer(self.text):
                for group in ("num", "num2"):
                    number = match.group(group)
                    if number:
                        part = f"art {roman_to_int(number)}"
                        found.append((match.start(group), match.end(group), part, f"Art. {number}"))
        if settings.get("text_amendments", True):
            for match in self.p.text_amendment.finditer(self.text):
                value = _ORDINALS.index(match.group("ord")) + 1
                found.append(
                    (match.start(), match.end(), f"amend {value}", f"Amend. {_roman(value)}")
                )
        for start, end, part_key, part_text in found:
            if not self._free(start, end):
                continue
            self._add(
                Mention(
                    start,
                    end,
                    FULL,
                    category=CONSTITUTIONAL,
                    key=key_text(f"const U.S. {part_key}"),
                    text=f"U.S. Const. {part_text}",
                    sort_key=_statute_sort("0 U.S.", "", part_key),
                    rank=1,
                    family=key_text("const U.S."),
                    anchor=False,
                )
            )

    # acts (Statutes at Large)

    def _acts(self) -> None:
        for match in self.p.stat.finditer(self.text):
            if not self._free(match.start(), match.end()):
                continue
            volume = int(match.group("vol"))
            page = int(match.group("page").replace(",", ""))
            before = _one_line(self.text[max(0, match.start() - 320) : match.start()])
            end = match.end()
            # "(18 U.S.C. 921 et seq.)" or "(1950)" after the act: part of the act's citation.
            tail = _ACT_TAIL.match(self.text, end)
            if tail is not None:
                end = tail.end()
            named = self.p.act_name.search(before)
            name = _act_name(named.group("name")) if named is not None else ""
            if named is not None and name:
                offset = named.start("name") + named.group("name").rfind(name)
                start = match.start() - (len(before) - offset)
                tail_text = named.group("tail") or ""
                marks = list(re.finditer(r"§§?\s*", tail_text))
                sections = [tail_text[marks[-1].end() :].strip().rstrip(",")] if marks else []
                if not sections:
                    sections = [m.strip() for m in re.findall(r"[Ss]ec\.\s*([^,;]+)", tail_text)]
                alias = named.group("alias") or ""
                owner = self._act_named(name, volume, page)
                if owner is None:
                    owner = _Act(
                        "act " + key_text(name),
                        name,
                        volume,
                        page,
                        start,
                        end,
                        _act_names(name, alias),
                    )
                    self.acts.append(owner)
                entry = self.text[start:end]
                if alias:
                    entry = re.sub(r"\s*\(" + re.escape(alias) + r"\)", "", entry, count=1)
                items = _section_items(sections[-1]) if sections else [""]
                stat_at = match.start() - start
                mark_at = entry.rfind("§", 0, stat_at)
                if mark_at > 0 and entry[mark_at - 1] == "§":
                    mark_at -= 1
                for section in items:
                    text = entry
                    if len(items) > 1 and mark_at >= 0:  # "§ 901(a)(2) and (4)": one each
                        text = f"{entry[:mark_at]}§ {section}, {entry[stat_at:]}"
                    self._add(
                        Mention(
                            start,
                            end,
                            FULL,
                            category=STATUTES,
                            key=self._act_key(owner, volume, page, section),
                            text=clean_entry(text),
                            sort_key=_statute_sort("1 " + owner.name, "", norm_section(section)),
                            rank=4,
                            name=owner.name,
                            names=owner.names,
                        ),
                        (start, end),
                    )
                continue
            # An unnamed reference: "§ 901(a)(1), 82 Stat. 225" or "38 Stat. 219-220".
            sec_match = re.search(
                r"(?:§§?|[Ss]ec\.)\s*([\w().\-–]+(?:\s+and\s+\([\w]+\))?),\s*$", before
            )
            start = match.start()
            section = ""
            if sec_match is not None:
                section = sec_match.group(1)
                start = match.start() - (len(before) - sec_match.start())
            owner = self._act_at(volume, page)
            rest = self.text[match.start() : end]
            for item in _section_items(section) if section else [""]:
                written = f"§ {item}, {rest}" if item else rest
                if owner is not None:
                    key = self._act_key(owner, volume, page, item)
                    text = f"{owner.name}, {written}"
                    sort_key = _statute_sort("1 " + owner.name, "", norm_section(item))
                else:
                    key = key_text(f"stat {volume} {page}")
                    key += f" § {norm_section(item)}" if item else ""
                    text = written
                    sort_key = _statute_sort("1", str(volume), str(page))
                self._add(
                    Mention(
                        start,
                        end,
                        FULL,
                        category=STATUTES,
                        key=key,
                        text=clean_entry(text),
                        sort_key=sort_key,
                        rank=2,
                    )
                )

    @staticmethod
    def _act_key(owner: _Act, volume: int, page: int, section: str) -> str:
        if section:
            return f"{owner.key} § {norm_section(section)}"
        if volume == owner.volume and page == owner.page:
            return owner.key
        return f"{owner.key} at {volume} stat {page}"

    def _act_named(self, name: str, volume: int, page: int) -> _Act | None:
        """An act cited before under this name or one of its short names."""
        folded = key_text(name)
        for act in reversed(self.acts):
            if folded in act.names:
                return act
        return None

    def _act_at(self, volume: int, page: int) -> _Act | None:
        """The act printed at or just before ``volume`` Stat. ``page`` (or the only act of
        that volume the brief cites, when it was first cited by a later section's page)."""
        best: _Act | None = None
        for act in self.acts:
            near = act.volume == volume and act.page <= page <= act.page + 4000
            if near and (best is None or act.page > best.page):
                best = act
        if best is None:
            same = [act for act in self.acts if act.volume == volume]
            if len(same) == 1:
                best = same[0]
        return best

    # codes

    def _codes(self) -> None:
        for match, written, code in self.p.titled.finditer(self.text):
            self._code_match(match, written, code, match.group("title"))
        for match, written, code in self.p.named.finditer(self.text):
            self._code_match(match, written, code, "")
        for match in self.p.generic.finditer(self.text):
            written = collapse(match.group("code"))
            code = Code(key_text(written.replace(".", "")), written, STATUTES, True, True)
            self._code_match(match, match.group("code"), code, "")
        for match, written, code in self.p.rules.finditer(self.text):
            self._code_match(match, written, code, "")

    def _code_match(self, match: re.Match[str], code_text: str, code: Code, title: str) -> None:
        start = match.start()
        if not self._free(start, match.end()):
            return
        item = _item_pattern(code.section) if code.section else _ITEM
        sections = parse_sections(self.text, match.end(), item=item)
        if not sections.items:
            return
        written = collapse(code_text)
        display = written if code.keep_text else code.display
        marked = "§" in match.group(0)
        edition = sections.edition
        family = key_text(f"{code.id} {title}")
        name_start, name = self._statute_name(start)
        for index, (section, item_start, item_end) in enumerate(sections.items):
            key = f"{family} {norm_section(section)}"
            if edition and _BARE_YEAR.match(edition) and int(edition) < self.current_edition:
                key += f" @{edition}"  # a former version ("31 U.S.C. 3729(c) (2006)")
            prefix = f"{title} {display}" if title else display
            if not title and match.group(0)[len(code_text) :].lstrip().startswith(","):
                prefix += ","  # "Code Civ. Proc., § 437c" (California style keeps the comma)
            if code.id == "cal-regs":
                prefix = display + code_text[len("Cal. Code Regs.") :].rstrip(",")
                prefix = collapse(prefix) + ","
            article = bool(re.search(r"\bart\.\s*$", match.group(0)))
            part = match.groupdict().get("part")
            if part:  # "49 C.F.R. Pt. 26": a whole part
                key = f"{family} pt{norm_section(section)}"
                text = f"{prefix} {part} {section}"
            else:
                text = f"{prefix} {_with_marker(section, marked, article)}"
            if edition:
                text += f" ({edition})"
            rank = 2
            mention_start = start if index == 0 else item_start
            if index == 0 and name:
                text = f"{name}, {text}"
                rank = 3
                mention_start = name_start
            self._add(
                Mention(
                    mention_start,
                    sections.end if index == len(sections.items) - 1 else item_end,
                    FULL,
                    category=code.category,
                    key=key,
                    text=clean_entry(text),
                    sort_key=_statute_sort(f"2 {display}", title.zfill(4), norm_section(section)),
                    rank=rank,
                    family=family,
                ),
                (start, sections.end),
            )

    def _statute_name(self, start: int) -> tuple[int, str]:
        """An act named right before a code citation ("the Clean Air Act, 42 U.S.C. 7401")."""
        before = self.text[max(0, start - 200) : start]
        flat = _one_line(before)
        match = re.search(
            r"(?P<name>(?:[A-Z][\w’'.&\-]*\s+(?:(?:of|and|for|the|on|to|in|&)\s+)*){1,10}"
            r"(?:Act|Code)(?:\s+of\s+\d{4})?)(?:\s*\([^()]{1,40}\))?,\s*$",
            flat,
        )
        if match is None:
            return start, ""
        name = _act_name(match.group("name"))
        if not name:
            return start, ""
        offset = match.start("name") + match.group("name").rfind(name)
        return max(0, start - (len(flat) - offset)), name

    # Federal Register and executive orders

    def _executive_orders(self) -> None:
        for match in self.p.exec_order.finditer(self.text):
            number = match.group("num").replace(",", "")
            key = f"eo {number}"
            written = "Exec. Order No. " + match.group("num")
            after = _EO_TAIL.match(self.text, match.end())
            end = match.end()
            sections: list[str] = []
            register = ""
            family, pin = "eo", ""
            if after is not None:
                if after.group("secs"):
                    sections = [item[0] for item in parse_sections(after.group("secs"), 0).items]
                if after.group("page"):
                    page = after.group("page").replace(",", "")
                    if not after.group("at"):
                        self.orders[f"{after.group('vol')} {page}"] = key
                        register = f"{after.group('vol')} Fed. Reg. {after.group('page')}"
                        if after.group("date"):
                            register += f" ({after.group('date')})"
                        family, pin = f"{after.group('vol')} Fed. Reg.", page
                    end = after.end()
                elif sections:
                    end = after.end("secs")
            full = bool(register)
            text = f"{written}, {register}" if register else written
            if not sections:
                self._add(
                    Mention(
                        match.start(),
                        end,
                        FULL if full else SHORT,
                        category=REGULATIONS,
                        key=key,
                        text=clean_entry(text),
                        sort_key=order_sort_key(number),
                        rank=3 if full else 1,
                        family=family,
                        pin=pin,
                        name=f"eo {number}",
                    )
                )
            elif full:  # the order's Federal Register page, for later "86 Fed. Reg. at ..."
                self.found.append(
                    Mention(
                        match.start(),
                        end,
                        TARGET,
                        category=REGULATIONS,
                        key=key,
                        text=clean_entry(text),
                        sort_key=order_sort_key(number),
                        rank=0,
                        family=family,
                        pin=pin,
                        name=f"eo {number}",
                    )
                )
            self.taken.append((match.start(), end))
            for section in sections:
                self.found.append(
                    Mention(
                        match.start(),
                        end,
                        FULL,
                        category=REGULATIONS,
                        key=f"{key} § {norm_section(section)}",
                        text=clean_entry(
                            f"{written}, § {section}" + (f", {register}" if register else "")
                        ),
                        sort_key=order_sort_key(number, section),
                        rank=2 if register else 1,
                    )
                )

    def _federal_register(self) -> None:
        for match in self.p.fed_reg.finditer(self.text):
            if not self._free(match.start(), match.end()):
                continue
            volume = match.group("vol")
            page = match.group("page").replace(",", "")
            if match.group("at"):
                before = _one_line(self.text[max(0, match.start() - 60) : match.start()])
                section = _FR_SECTION.search(before)
                sections = (
                    [item[0] for item in parse_sections(section.group(1), 0).items]
                    if section
                    else []
                )
                for name in sections or [""]:
                    self._add(
                        Mention(
                            match.start(),
                            match.end(),
                            SHORT,
                            category=REGULATIONS,
                            family=f"{volume} Fed. Reg.",
                            pin=page,
                            volume=volume,
                            name=f"§ {name}" if name else "",
                        )
                    )
                continue
            order = self.orders.get(f"{volume} {page}")
            date = re.match(
                r"(?:,\s*\d[\d,\-–]*)?\s*\((?P<date>[^()]{3,30}\d{4})\)", self.text[match.end() :]
            )
            end = match.end() + (date.end() if date else 0)
            text = f"{volume} Fed. Reg. {match.group('page')}"
            if date is not None:
                text += f" ({date.group('date')})"
            self._add(
                Mention(
                    match.start(),
                    end,
                    FULL if order is None else SHORT,
                    category=REGULATIONS,
                    key=order or f"fr {volume} {page}",
                    text=clean_entry(text),
                    sort_key=_statute_sort("4 Fed. Reg.", volume.zfill(4), page),
                    rank=2 if date else 1,
                    family=f"{volume} Fed. Reg.",
                    pin=page,
                    volume=volume,
                )
            )


def _roman(value: int) -> str:
    numerals = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for number, letters in numerals:
        while value >= number:
            out += letters
            value -= number
    return out


@cache
def _item_pattern(section: str) -> re.Pattern[str]:
    return re.compile(rf"(?P<sec>{section})(?P<seq>\s+et\s+seq\.?)?(?P<note>\s+note\b)?")


def _section_items(written: str) -> list[str]:
    """The sections of "901(a)(2) and (4)" ("901(a)(2)", "901(a)(4)"); the text as is when it
    is not a section list."""
    parsed = parse_sections(written.strip(), 0)
    if not parsed.items or parsed.end < len(written.strip().rstrip(",")):
        return [written.strip()]
    return [item for item, _, _ in parsed.items]


def _one_line(text: str) -> str:
    return text.replace("\n", " ").replace("\x02", "")


_NAME_LEAD = re.compile(
    r"^(?:(?:the|The|under|Under|and|And|of|in|In|See|see|also|Also|to|by|Then|Thus|Here|"
    r"There|But|Because|Since|When|While|Although|Section|Title|Compare|Cf\.|E\.g\.,?)\s+)+"
)


def _act_name(name: str) -> str:
    """An act's name without a leading article or preposition; "" when none is left."""
    name = collapse(name)
    dated = re.search(r"\bAct of [A-Z][a-z]{2,4}\.? \d", name)
    if dated:  # "Act of Oct. 22, 1913" is the whole name
        return name[dated.start() :]
    name = _NAME_LEAD.sub("", name)
    # Keep only the capitalised run that ends in the name ("Congress enacted the X Act").
    words = name.split(" ")
    start = 0
    for index, word in enumerate(words):
        if word[:1].islower() and word not in ("of", "and", "for", "the", "on", "to", "in", "&"):
            start = index + 1
    name = " ".join(words[start:])
    name = _NAME_LEAD.sub("", name)
    if len(name.split()) < 2 and not re.match(r"Act of", name):
        return ""
    return name


def _act_names(name: str, alias: str | None) -> tuple[str, ...]:
    names = [key_text(name)]
    if alias:
        for part in re.split(r"\s+or\s+|,\s*", alias):
            part = key_text(part)
            if part and part not in ("act", "the act"):
                names.append(part)
    return tuple(names)


_TEXT_SECTION = re.compile(
    r"(?<![\w.])(?:(?P<word>Sections?|Secs?\.|Rules?)\s+|(?P<mark>§§?)\s*)(?=\d)"
)
_OF_TITLE = re.compile(r"\s+of\s+Title\s+(?P<title>\d{1,3})\b")


def section_references(
    text: str, mentions: list[Mention], taken: list[tuple[int, int]]
) -> list[Mention]:
    """Sections named in the text ("Section 121(a)", "§ 1346", "Section 703 of Title 5") that
    the brief cites in full elsewhere: each counts as a citation of that section.

    A bare section matches the statute cited with exactly that section, the latest one before
    it (else the first after); without an exact match, a cited subsection of it makes it the
    section of the same code ("Section 1254" after "28 U.S.C. 1254(1)").
    """
    by_section: dict[str, list[Mention]] = {}
    families: dict[str, list[Mention]] = {}
    for mention in mentions:
        if mention.kind != FULL or not mention.family:
            continue
        if mention.category not in (STATUTES, REGULATIONS, RULES):
            continue
        if not mention.key.startswith(mention.family + " "):
            continue
        section = mention.key[len(mention.family) + 1 :].split(" @")[0]
        by_section.setdefault(section, []).append(mention)
        head = re.split(r"\(", section)[0]
        families.setdefault(head, []).append(mention)
    spans = sorted(taken)
    found: list[Mention] = []
    for match in _TEXT_SECTION.finditer(text):
        if any(a <= match.start() < b for a, b in spans):
            continue
        is_rule = (match.group("word") or "").startswith("Rule")
        sections = parse_sections(text, match.end())
        if not sections.items:
            continue
        after = text[sections.end : sections.end + 40]
        if re.match(r",?\s*(?:\d{1,3}\s+Stat\.|\d{1,3}\s+Fed\.\s?Reg\.|of\s+the\s+[A-Z])", after):
            continue
        title = _OF_TITLE.match(text, sections.end)
        for section, start, end in sections.items:
            key = norm_section(section)
            target = None
            if title is not None:
                family = f"usc {title.group('title')}"
                target = Mention(
                    start,
                    end,
                    SHORT,
                    category=STATUTES,
                    key=f"{family} {key}",
                    text=f"{title.group('title')} U.S.C. {section}",
                    family=family,
                    sort_key=_statute_sort("2 U.S.C.", title.group("title").zfill(4), key),
                )
            else:
                candidates = [
                    m for m in by_section.get(key, []) if (m.category == RULES) == is_rule
                ]
                if candidates:
                    target = _nearest(candidates, match.start())
                elif key in families and not is_rule:
                    base = _nearest(families[key], match.start())
                    prefix = re.sub(
                        r"\s*§*\s*[\w.:\-–()]+(?:\s+\([^()]*\))?$", "", base.text.split(", ")[-1]
                    )
                    target = replace(
                        base,
                        key=f"{base.family} {key}",
                        text=f"{prefix} {'§ ' if '§' in base.text else ''}{section}",
                        rank=1,
                    )
            if target is None:
                continue
            found.append(
                replace(
                    target,
                    start=match.start() if start == sections.items[0][1] else start,
                    end=end,
                    kind=SHORT,
                    rank=min(target.rank, 1),
                    anchor=False,
                )
            )
    return found


def _nearest(candidates: list[Mention], position: int) -> Mention:
    before = [m for m in candidates if m.start < position]
    return before[-1] if before else candidates[0]
