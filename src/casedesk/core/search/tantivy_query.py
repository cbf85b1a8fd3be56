"""Compile a :class:`~casedesk.core.search.query.ParsedQuery` into a Tantivy query.

Each word is analyzed exactly as the index analyzed the text (see
:mod:`casedesk.core.search.analysis`) and looked for in every searched field, each with its
boost; the best field counts (a disjunction, so a word found in the title and the body scores
once, with a small bonus). A word that the tokenizer splits ("e-mail", "U.S.C.") is searched
as a phrase. NOT clauses become must-not clauses; a branch that is only negations matches
"every document except", so ``NOT draft`` alone works.

The compiler knows nothing of filters (matters, dates, tags): the index adds those.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import tantivy

from casedesk.core.search.analysis import AnalyzedToken, analyze
from casedesk.core.search.query import And, Node, Not, Or, ParsedQuery, Phrase, Term

_TIE_BREAKER = 0.1


@dataclass(frozen=True)
class QueryCompiler:
    """Turns a parsed query into a Tantivy query over ``fields`` (name -> boost)."""

    schema: tantivy.Schema
    fields: Mapping[str, float]

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
            return self._words(analyze(node.word))
        if isinstance(node, Phrase):
            return self._words(analyze(" ".join(node.words)))
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

    def _words(self, analyzed: Sequence[AnalyzedToken]) -> tantivy.Query:
        """One term, or a phrase of several, in every field."""
        if not analyzed:
            # Only tokens the index drops (longer than 40 bytes): nothing can match.
            return tantivy.Query.empty_query()
        per_field: list[tantivy.Query] = []
        for field, boost in self.fields.items():
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
        if len(per_field) == 1:
            return per_field[0]
        return tantivy.Query.disjunction_max_query(per_field, tie_breaker=_TIE_BREAKER)


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
