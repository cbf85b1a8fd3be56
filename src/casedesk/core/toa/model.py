"""What the table-of-authorities engine hands out: entries, the result, and its one error."""

from __future__ import annotations

from dataclasses import dataclass, field

CASES = "cases"
CONSTITUTIONAL = "constitutional provisions"
STATUTES = "statutes"
REGULATIONS = "regulations"
RULES = "rules"
OTHER = "other authorities"
CATEGORIES = (CASES, CONSTITUTIONAL, STATUTES, REGULATIONS, RULES, OTHER)
"""The category names of the JSON output, in the conventional order (see data/categories.toml)."""

PRINTED = "printed"
PDF = "pdf"
PARAGRAPH = "paragraph"
PAGE_SYSTEMS = (PRINTED, PDF, PARAGRAPH)


class ToaInputError(ValueError):
    """A brief the engine cannot read; ``str(exc)`` is one sentence naming the file."""


@dataclass(frozen=True)
class ToaEntry:
    """One line of the table: an authority, where it is cited, and how it sorts.

    ``pages`` are printed page labels in order with ranges compressed ("11-13") and footnotes
    as "5 n.3" (or paragraph numbers in paragraph mode). ``passim`` replaces the page list when
    the authority is cited on more distinct pages than the threshold. ``key`` is the canonical
    identity (a case's "volume reporter page", a statute's title, code and section, otherwise
    the normalised text); ``sort_key`` orders entries within a category.
    """

    category: str
    authority: str
    pages: tuple[str, ...]
    passim: bool
    key: str
    sort_key: str


@dataclass(frozen=True)
class ToaResult:
    """The table of authorities of one brief, with what the reader should know about it."""

    entries: tuple[ToaEntry, ...]
    warnings: tuple[str, ...] = ()
    page_system: str = PRINTED
    pages_scanned: int = 0
    category_order: tuple[str, ...] = field(default=CATEGORIES)
    passim_threshold: int = 5

    def in_category(self, category: str) -> tuple[ToaEntry, ...]:
        """The entries of one category, in table order."""
        return tuple(entry for entry in self.entries if entry.category == category)
