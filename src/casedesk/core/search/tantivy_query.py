"""Compile a :class:`~casedesk.core.search.query.ParsedQuery` into a Tantivy query.

Each word is analyzed exactly as the index analyzed the text (see
:mod:`casedesk.core.search.analysis`) and looked for in every searched field, each with its
boost; the best field counts (a disjunction, so a word found in the title and the body scores
once, with a small bonus). A word that the tokenizer splits ("e-mail", "U.S.C.") is searched
as a phrase. NOT clauses become must-not clauses; a branch that is only negations matches
"every document except", so ``NOT draft`` alone works.

Prefixes (``negligen*``). The index holds stems, not words: "negligence", "negligent" and
"negligently" are all the term "neglig", which does not begin with "negligen". So the prefix
is lower-cased and accent-folded as typed (stemming a fragment means nothing) and matched, as
a regular expression over the index's terms, against (1) terms beginning with it, (2) terms
that are the prefix cut short by one to three letters (at least four left: the stemmer cut
the word inside the typed prefix, "negligen*" -> "neglig", "reasonab*" -> "reason"), (3) the
stem of the prefix read as a word ("negligence*" -> "neglig"), and (4) for a prefix ending in
"y", terms beginning with it but ending in "i" ("happy*" -> "happi", the stem of "happy").
This finds every word that begins with the prefix, and occasionally a word one to three
letters shorter than it ("reasonab*" also finds "reason" and "reasons").

Proximity. ``a w/N b`` becomes two sloppy phrase queries, "a b" and "b a", each with slop
N - 1. Tantivy's slop, like Lucene's, is an edit distance on positions: the phrase "a b"
with slop s matches when ``|pos(b) - pos(a) - 1| <= s``. For two words the union of both
orders is therefore exactly ``1 <= |pos(b) - pos(a)| <= N`` (at most N - 1 words between
them). ``a pre/N b`` is the single phrase "a b" with slop N - 1: b at most N positions after
a, but (a limit of the slop model) also b at most N - 2 positions before a. When a side is a
phrase, its own words take part in the same slop, so they may drift apart by the slop the
gap did not use: phrase sides are approximate. A prefix inside a proximity becomes a regex
phrase query (the other words are then exact stems).

Fields. An index with fields passes ``field_specs`` (name -> :class:`FieldSpec`): ``text``
(analyzed like the body), ``keyword`` (one raw lower-case term: ``court:nm``), ``year-range``
(a date field: ``date_filed:2005``, ``date_filed:[2000 TO 2010]``, ISO dates as well, years
cover January 1 to December 31) and ``citation`` (a raw term holding a normalised citation:
the value goes through ``normalize_citation`` first, so ``cites:"410 U. S. 113"`` finds
"410 U.S. 113"). Parse with :meth:`QueryCompiler.parse`, which tells the parser the names.

The compiler knows nothing of filters (matters, dates, tags): the index adds those.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final, Literal, TypeAlias

import tantivy

from casedesk.core.search.analysis import AnalyzedToken, analyze, terms
from casedesk.core.search.query import (
    And,
    Field,
    Near,
    Node,
    Not,
    Or,
    ParsedQuery,
    Phrase,
    QuerySyntaxError,
    Range,
    Term,
    parse_query,
)

_TIE_BREAKER = 0.1
MAX_PREFIX_EXPANSION: Final = 500
_SHORTER_STEM_CHARS: Final = 3
_MIN_SHORTER_STEM: Final = 4

FieldKind: TypeAlias = Literal["text", "keyword", "year-range", "citation"]
CitationNormalizer: TypeAlias = Callable[[str], "str | None"]

# Lower-case and accent-fold, no stemming: how a typed prefix is compared with the terms.
_FOLDER: Final = (
    tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
    .filter(tantivy.Filter.lowercase())
    .filter(tantivy.Filter.ascii_fold())
    .build()
)
_YEAR: Final = re.compile(r"\d{4}")


@dataclass(frozen=True)
class FieldSpec:
    """A field users may name in a query: its kind and the Tantivy field it searches."""

    kind: FieldKind
    target: str


def fold(word: str) -> list[str]:
    """``word`` split like the index splits text, lower-cased and accent-folded, not stemmed."""
    return _FOLDER.analyze(word)


def _escape(term: str) -> str:
    """A term as a literal in Tantivy's (Rust) regex syntax."""
    return "".join(char if char.isalnum() else "\\" + char for char in term)


def prefix_pattern(prefix: str) -> str:
    """The regular expression of index terms a folded ``prefix`` matches (module docstring)."""
    alternatives = [_escape(prefix) + ".*"]
    floor = max(_MIN_SHORTER_STEM, len(prefix) - _SHORTER_STEM_CHARS)
    alternatives += [_escape(prefix[:size]) for size in range(len(prefix) - 1, floor - 1, -1)]
    stems = terms(prefix)
    if len(stems) == 1 and stems[0] != prefix:
        alternatives.append(_escape(stems[0]))
    if prefix.endswith("y"):
        alternatives.append(_escape(prefix[:-1]) + "i.*")
    return "|".join(f"({alternative})" for alternative in dict.fromkeys(alternatives))


def expand_prefixes(
    searcher: tantivy.Searcher, field: str, prefixes: Iterable[str]
) -> frozenset[str]:
    """The terms of ``field`` that the typed ``prefixes`` match (for highlighting).

    At most :data:`MAX_PREFIX_EXPANSION` terms beginning with each prefix are taken.
    """
    found: set[str] = set()
    for typed in prefixes:
        folded = fold(typed)
        if not folded:
            continue
        prefix = folded[-1]
        starts = [prefix] + ([prefix[:-1] + "i"] if prefix.endswith("y") else [])
        for start in starts:
            found.update(
                term
                for term, _ in searcher.terms_with_prefix(field, start, limit=MAX_PREFIX_EXPANSION)
            )
        floor = max(_MIN_SHORTER_STEM, len(prefix) - _SHORTER_STEM_CHARS)
        exact = [prefix[:size] for size in range(floor, len(prefix))] + terms(prefix)[:1]
        found.update(term for term in exact if searcher.doc_freq(field, term) > 0)
    return frozenset(found)


@dataclass(frozen=True)
class QueryCompiler:
    """Turns a parsed query into a Tantivy query over ``fields`` (name -> boost)."""

    schema: tantivy.Schema
    fields: Mapping[str, float]
    field_specs: Mapping[str, FieldSpec] | None = None
    normalize_citation: CitationNormalizer | None = None

    def parse(self, text: str) -> ParsedQuery:
        """Parse ``text``, with field syntax when this compiler has fields."""
        names = None if self.field_specs is None else tuple(self.field_specs)
        return parse_query(text, fields=names)

    def compile(self, parsed: ParsedQuery) -> tantivy.Query:
        """The Tantivy query that finds what ``parsed`` asks for."""
        return self._standalone(parsed.root)

    def highlight_query(self, parsed: ParsedQuery, field: str) -> tantivy.Query | None:
        """A query of every positive term on one field, for the snippet generator (or None)."""
        stems = positive_terms(parsed)
        if not stems:
            return None
        return tantivy.Query.boolean_query(
            [
                (tantivy.Occur.Should, tantivy.Query.term_query(self.schema, field, stem))
                for stem in sorted(stems)
            ]
        )

    def _standalone(self, node: Node) -> tantivy.Query:
        """A query that can stand on its own (a bare NOT is "everything except")."""
        if isinstance(node, Not):
            return _everything_except([self._positive(node.item)])
        return self._positive(node)

    def _positive(self, node: Node) -> tantivy.Query:
        if isinstance(node, Term):
            if node.prefix:
                return self._prefix(node.word, self.fields)
            return self._words(analyze(node.word))
        if isinstance(node, Phrase):
            return self._words(analyze(" ".join(node.words)))
        if isinstance(node, Near):
            return self._near(node)
        if isinstance(node, Field):
            return self._field(node)
        if isinstance(node, Or):
            return tantivy.Query.boolean_query(
                [(tantivy.Occur.Should, self._standalone(item)) for item in node.items]
            )
        if isinstance(node, And):
            required = [self._positive(item) for item in node.items if not isinstance(item, Not)]
            excluded = [self._positive(item.item) for item in node.items if isinstance(item, Not)]
            if not required:
                return _everything_except(excluded)
            return tantivy.Query.boolean_query(
                [(tantivy.Occur.Must, query) for query in required]
                + [(tantivy.Occur.MustNot, query) for query in excluded]
            )
        # A Not reached here is a Not inside a Not: NOT (NOT x) is x.
        assert isinstance(node, Not)
        return _everything_except([self._positive(node.item)])

    def _words(
        self, analyzed: Sequence[AnalyzedToken], fields: Mapping[str, float] | None = None
    ) -> tantivy.Query:
        """One term, or a phrase of several, in every field."""
        if not analyzed:
            # Only tokens the index drops (longer than 40 bytes): nothing can match.
            return tantivy.Query.empty_query()
        per_field: list[tantivy.Query] = []
        for field, boost in (self.fields if fields is None else fields).items():
            if len(analyzed) == 1:
                query = tantivy.Query.term_query(self.schema, field, analyzed[0].term)
            else:
                first = analyzed[0].position
                query = tantivy.Query.phrase_query(
                    self.schema,
                    field,
                    [(token.position - first, token.term) for token in analyzed],
                )
            per_field.append(query if boost == 1.0 else tantivy.Query.boost_query(query, boost))
        return _best_of(per_field)

    # --- prefixes and proximity ----------------------------------------------------------

    def _prefix(self, word: str, fields: Mapping[str, float]) -> tantivy.Query:
        """Terms beginning with ``word`` (see the module docstring) in every field."""
        items = _prefix_items(word)
        if not items:
            return tantivy.Query.empty_query()
        return self._regex_phrase(items, 0, fields)

    def _regex_phrase(
        self, items: Sequence[tuple[int, str]], slop: int, fields: Mapping[str, float]
    ) -> tantivy.Query:
        per_field: list[tantivy.Query] = []
        for field, boost in fields.items():
            if len(items) == 1:
                query = tantivy.Query.regex_query(self.schema, field, items[0][1])
            else:
                query = tantivy.Query.regex_phrase_query(self.schema, field, list(items), slop)
            per_field.append(query if boost == 1.0 else tantivy.Query.boost_query(query, boost))
        return _best_of(per_field)

    def _near(self, node: Near) -> tantivy.Query:
        lefts = _alternatives(node.left)
        rights = _alternatives(node.right)
        slop = node.distance - 1
        queries: list[tantivy.Query] = []
        for left in lefts:
            for right in rights:
                orders = [(left, right)] if node.ordered else [(left, right), (right, left)]
                for first, second in orders:
                    queries.append(self._sequence(_items(first), _items(second), slop))
        if len(queries) == 1:
            return queries[0]
        return tantivy.Query.boolean_query([(tantivy.Occur.Should, query) for query in queries])

    def _sequence(
        self, first: list[tuple[int, str, bool]], second: list[tuple[int, str, bool]], slop: int
    ) -> tantivy.Query:
        """``first`` then ``second`` as one sloppy phrase (regex items: a regex phrase)."""
        if not first or not second:
            return tantivy.Query.empty_query()
        gap = first[-1][0] + 1
        items = first + [(offset + gap, term, regex) for offset, term, regex in second]
        if any(regex for _, _, regex in items):
            patterns = [(offset, term if regex else _escape(term)) for offset, term, regex in items]
            return self._regex_phrase(patterns, slop, self.fields)
        per_field: list[tantivy.Query] = []
        for field, boost in self.fields.items():
            query = tantivy.Query.phrase_query(
                self.schema, field, [(offset, term) for offset, term, _ in items], slop
            )
            per_field.append(query if boost == 1.0 else tantivy.Query.boost_query(query, boost))
        return _best_of(per_field)

    # --- fields --------------------------------------------------------------------------

    def _field(self, node: Field) -> tantivy.Query:
        specs = self.field_specs or {}
        spec = specs.get(node.name)
        if spec is None:
            known = ", ".join(f"{name}:" for name in sorted(specs)) or "none"
            raise QuerySyntaxError(f"There is no field {node.name}: here. The fields are: {known}.")
        value = node.value
        if isinstance(value, Range) and spec.kind != "year-range":
            raise QuerySyntaxError(f"{node.name}: takes words, not a range; ranges are for dates.")
        if isinstance(value, Term) and value.prefix and spec.kind in ("year-range", "citation"):
            raise QuerySyntaxError(f"{node.name}: cannot end in *: type the whole value.")
        if spec.kind == "text":
            assert not isinstance(value, Range)
            if isinstance(value, Term) and value.prefix:
                return self._prefix(value.word, {spec.target: 1.0})
            text = value.word if isinstance(value, Term) else " ".join(value.words)
            return self._words(analyze(text), {spec.target: 1.0})
        if spec.kind == "keyword":
            assert not isinstance(value, Range)
            if isinstance(value, Term) and value.prefix:
                pattern = _escape(value.word.strip().lower()) + ".*"
                return tantivy.Query.regex_query(self.schema, spec.target, pattern)
            text = value.word if isinstance(value, Term) else " ".join(value.words)
            return tantivy.Query.term_query(self.schema, spec.target, text.strip().lower())
        if spec.kind == "year-range":
            return self._date_range(node.name, spec.target, value)
        return self._citation(node.name, spec.target, value)

    def _date_range(self, name: str, target: str, value: Term | Phrase | Range) -> tantivy.Query:
        if isinstance(value, Range):
            low = _day(name, value.low, last=False) if value.low is not None else None
            high = _day(name, value.high, last=True) if value.high is not None else None
        else:
            text = value.word if isinstance(value, Term) else " ".join(value.words)
            low, high = _day(name, text, last=False), _day(name, text, last=True)
        if low is not None and high is not None and low > high:
            raise QuerySyntaxError(
                f"The {name}: range starts after it ends: put the earlier date first."
            )
        return tantivy.Query.range_query(
            self.schema,
            target,
            tantivy.FieldType.Date,
            _midnight(low) if low is not None else None,
            _midnight(high) if high is not None else None,
        )

    def _citation(self, name: str, target: str, value: Term | Phrase | Range) -> tantivy.Query:
        assert not isinstance(value, Range)
        text = value.word if isinstance(value, Term) else " ".join(value.words)
        text = " ".join(text.split())
        normalized = self.normalize_citation(text) if self.normalize_citation else text
        if not normalized:
            raise QuerySyntaxError(
                f'{name}:"{text}" is not a case citation: write it like {name}:"410 U.S. 113".'
            )
        return tantivy.Query.term_query(self.schema, target, normalized)


def _best_of(queries: Sequence[tantivy.Query]) -> tantivy.Query:
    if len(queries) == 1:
        return queries[0]
    return tantivy.Query.disjunction_max_query(list(queries), tie_breaker=_TIE_BREAKER)


def _prefix_items(word: str) -> list[tuple[int, str]]:
    """Regex items of a typed prefix: split words before the last exact, the last a prefix."""
    folded = fold(word)
    if not folded:
        return []
    items = [
        (index, _escape(stem)) for index, part in enumerate(folded[:-1]) for stem in terms(part)[:1]
    ]
    items.append((len(folded) - 1, prefix_pattern(folded[-1])))
    return items


def _alternatives(node: Node) -> tuple[Term | Phrase, ...]:
    if isinstance(node, Term | Phrase):
        return (node,)
    assert isinstance(node, Or)  # the parser allows only these beside w/N
    return tuple(item for item in node.items if isinstance(item, Term | Phrase))


def _items(node: Term | Phrase) -> list[tuple[int, str, bool]]:
    """(offset, term or regex, is_regex) of one side of a proximity, offsets from 0."""
    if isinstance(node, Term) and node.prefix:
        return [(offset, pattern, True) for offset, pattern in _prefix_items(node.word)]
    text = node.word if isinstance(node, Term) else " ".join(node.words)
    analyzed = analyze(text)
    if not analyzed:
        return []
    first = analyzed[0].position
    return [(token.position - first, token.term, False) for token in analyzed]


def _day(name: str, text: str, *, last: bool) -> datetime.date:
    """A year (its first or last day) or an ISO date; QuerySyntaxError otherwise."""
    try:
        if _YEAR.fullmatch(text):
            year = int(text)
            return datetime.date(year, 12, 31) if last else datetime.date(year, 1, 1)
        return datetime.date.fromisoformat(text)
    except ValueError:
        pass
    raise QuerySyntaxError(
        f'{name}: takes years or dates such as 2005 or 2005-06-30, not "{text}".'
    )


def _midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC)


def _everything_except(excluded: Sequence[tantivy.Query]) -> tantivy.Query:
    return tantivy.Query.boolean_query(
        [(tantivy.Occur.Must, tantivy.Query.all_query())]
        + [(tantivy.Occur.MustNot, query) for query in excluded]
    )


def positive_terms(parsed: ParsedQuery) -> frozenset[str]:
    """The index terms of the words a matching document contains (for highlighting)."""
    return frozenset(
        token.term for word in parsed.positive_words() for token in analyze(word) if token.term
    )
