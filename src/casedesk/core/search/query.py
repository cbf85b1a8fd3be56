"""The search box's query language: text in, a small syntax tree out.

What a user may type (the same for every index; the tree is compiled to Tantivy in
:mod:`casedesk.core.search.tantivy_query`):

=====================  ==================================================================
``lease breach``       both words (words next to each other mean AND)
``"breach of lease"``  the exact phrase (typographic quotes “…” work too)
``lease AND breach``   both (the same as without AND)
``lease OR tenancy``   either
``lease NOT draft``    lease, but not draft; ``-draft`` is the same as ``NOT draft``
``(lease OR tenancy) AND "notice to quit"``   parentheses group
=====================  ==================================================================

Operators are the upper-case words AND, OR and NOT; lower-case "and", "or", "not" are ordinary
words. Precedence follows the legal research services (Westlaw, Lexis): NOT binds tightest,
then OR, then AND, so ``contract breach OR violation`` means contract AND (breach OR
violation). A query that is only a negation (``NOT draft``) means "every document without
draft". Punctuation-only "words" (``&``, ``-``, ``§``) are ignored, as the tokenizer would
drop them anyway. Words are kept as typed: case folding, accents and stemming are the
index's business.

The tree is deliberately small so that the case-law library can grow it (proximity ``w/5``,
prefixes ``negligen*``, fields ``case_name:``, date ranges): add a node type here, teach
:func:`parse_query` its syntax, teach the compiler what it means. ``Term.prefix`` is already
in the tree for that; this parser never sets it (a ``*`` is punctuation for now).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final, Literal, TypeAlias

MAX_QUERY_CHARS: Final = 2_000
MAX_NESTING: Final = 16

_OPEN_QUOTES: Final = frozenset('"“„')
_CLOSE_QUOTES: Final = frozenset('"”“')


class QuerySyntaxError(ValueError):
    """The search text cannot be understood; ``str(exc)`` is a sentence to show the user."""


@dataclass(frozen=True)
class Term:
    """One word as typed (the index tokenizes it; "e-mail" becomes the phrase "e mail")."""

    word: str
    prefix: bool = False


@dataclass(frozen=True)
class Phrase:
    """Words that must appear next to each other, in this order."""

    words: tuple[str, ...]


@dataclass(frozen=True)
class And:
    """Every item must match (at least two items)."""

    items: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    """At least one item must match (at least two items)."""

    items: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    """The item must not match."""

    item: Node


Node: TypeAlias = Term | Phrase | And | Or | Not


@dataclass(frozen=True)
class ParsedQuery:
    """A parsed search: ``root`` is the syntax tree, ``text`` what the user typed."""

    root: Node
    text: str

    def positive_words(self) -> tuple[str, ...]:
        """Words the matching documents contain (not under an odd number of NOTs), in order.

        These are the words to highlight; a phrase contributes each of its words.
        """
        found: list[str] = []
        _collect_positive(self.root, negated=False, out=found)
        return tuple(dict.fromkeys(found))


def _collect_positive(node: Node, *, negated: bool, out: list[str]) -> None:
    match node:
        case Term(word=word):
            if not negated:
                out.append(word)
        case Phrase(words=words):
            if not negated:
                out.extend(words)
        case And(items=items) | Or(items=items):
            for item in items:
                _collect_positive(item, negated=negated, out=out)
        case Not(item=item):
            _collect_positive(item, negated=not negated, out=out)


# --- lexer -------------------------------------------------------------------------------

_Kind = Literal["word", "phrase", "and", "or", "not", "(", ")"]
_OPERATORS: Final[dict[str, _Kind]] = {"AND": "and", "OR": "or", "NOT": "not"}


@dataclass(frozen=True)
class _Token:
    kind: _Kind
    words: tuple[str, ...] = ()


def _is_word(text: str) -> bool:
    """True when the text has a letter or digit (the tokenizer drops everything else)."""
    return any(char.isalnum() for char in text)


def _tokens(text: str) -> Iterator[_Token]:
    position = 0
    length = len(text)
    while position < length:
        char = text[position]
        if char.isspace():
            position += 1
        elif char in "()":
            yield _Token("(" if char == "(" else ")")
            position += 1
        elif char in _OPEN_QUOTES:
            end = position + 1
            while end < length and text[end] not in _CLOSE_QUOTES:
                end += 1
            if end >= length:
                raise QuerySyntaxError('Unbalanced quotation mark: close the phrase with ".')
            words = tuple(word for word in text[position + 1 : end].split() if _is_word(word))
            if not words:
                raise QuerySyntaxError(
                    "The quotation marks contain no words: put the phrase between them, "
                    'e.g. "breach of contract".'
                )
            yield _Token("phrase", words)
            position = end + 1
        elif char in _CLOSE_QUOTES:
            raise QuerySyntaxError('Unbalanced quotation mark: open the phrase with " as well.')
        elif char == "-" and position + 1 < length and _starts_operand(text[position + 1]):
            yield _Token("not")
            position += 1
        else:
            end = position
            while end < length and not _ends_word(text[end]):
                end += 1
            word = text[position:end]
            position = end
            if word in _OPERATORS:
                yield _Token(_OPERATORS[word])
            elif _is_word(word):
                yield _Token("word", (word,))


def _starts_operand(char: str) -> bool:
    return char in "(" or char in _OPEN_QUOTES or (not char.isspace() and char not in ")-")


def _ends_word(char: str) -> bool:
    return char.isspace() or char in "()" or char in _OPEN_QUOTES or char in _CLOSE_QUOTES


# --- parser ------------------------------------------------------------------------------

_NEEDS_BOTH_SIDES: Final = {
    "and": "AND needs a word or phrase on both sides, e.g. contract AND breach.",
    "or": "OR needs a word or phrase on both sides, e.g. lease OR tenancy.",
}
_NOT_NEEDS_OPERAND: Final = "NOT needs a word or phrase after it, e.g. contract NOT lease."


class _Parser:
    """Recursive descent over the token list.

    query   := and_expr
    and_expr := or_expr ( ["AND"] or_expr )*
    or_expr  := unary ( "OR" unary )*
    unary    := ( "NOT" | "-" )* primary
    primary  := WORD | PHRASE | "(" and_expr ")"
    """

    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.index = 0

    def peek(self) -> _Kind | None:
        return self.tokens[self.index].kind if self.index < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def and_expr(self, depth: int) -> Node | None:
        items: list[Node] = []
        while (kind := self.peek()) not in (None, ")"):
            if kind == "and":
                self.take()
                if not items or self.peek() in (None, ")", "and", "or"):
                    raise QuerySyntaxError(_NEEDS_BOTH_SIDES["and"])
                continue
            if kind == "or":
                raise QuerySyntaxError(_NEEDS_BOTH_SIDES["or"])
            items.append(self.or_expr(depth))
        return _combine(And, items)

    def or_expr(self, depth: int) -> Node:
        items = [self.unary(depth)]
        while self.peek() == "or":
            self.take()
            if self.peek() in (None, ")", "and", "or"):
                raise QuerySyntaxError(_NEEDS_BOTH_SIDES["or"])
            items.append(self.unary(depth))
        node = _combine(Or, items)
        assert node is not None
        return node

    def unary(self, depth: int) -> Node:
        negations = 0
        while self.peek() == "not":
            self.take()
            negations += 1
        if negations and self.peek() in (None, ")", "and", "or"):
            raise QuerySyntaxError(_NOT_NEEDS_OPERAND)
        node = self.primary(depth)
        return Not(node) if negations % 2 else node

    def primary(self, depth: int) -> Node:
        token = self.take()
        if token.kind == "word":
            return Term(token.words[0])
        if token.kind == "phrase":
            return Phrase(token.words)
        # and_expr/or_expr/unary only call primary on a word, a phrase or "(".
        assert token.kind == "("
        if depth >= MAX_NESTING:
            raise QuerySyntaxError(
                f"Too many nested parentheses: use at most {MAX_NESTING} levels."
            )
        inner = self.and_expr(depth + 1)
        if self.peek() != ")":
            raise QuerySyntaxError("Unbalanced parenthesis: close each ( with ).")
        self.take()
        if inner is None:
            raise QuerySyntaxError("Empty parentheses: put words between ( and ).")
        return inner


def _combine(kind: type[And] | type[Or], items: list[Node]) -> Node | None:
    """One node for the items: flattened (a AND (b AND c) is a AND b AND c), duplicates dropped."""
    flat: list[Node] = []
    for item in items:
        flat.extend(item.items if isinstance(item, kind) else (item,))
    unique = tuple(dict.fromkeys(flat))
    if not unique:
        return None
    return unique[0] if len(unique) == 1 else kind(unique)


def parse_query(text: str) -> ParsedQuery:
    """Parse what the user typed; raise :class:`QuerySyntaxError` with a plain sentence if wrong."""
    if len(text) > MAX_QUERY_CHARS:
        raise QuerySyntaxError(
            f"The search is too long: shorten it to {MAX_QUERY_CHARS:,} characters or fewer."
        )
    parser = _Parser(list(_tokens(text)))
    root = parser.and_expr(0)
    if parser.peek() == ")":
        raise QuerySyntaxError("Unbalanced parenthesis: there is a ) without a matching (.")
    if root is None:
        raise QuerySyntaxError("Type one or more words to search for.")
    return ParsedQuery(root=root, text=text)
