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
``negligen*``          a word beginning with "negligen" (at least 3 letters before ``*``)
``duty w/5 care``      "care" at most 5 words before or after "duty" (see below)
``duty pre/5 care``    "care" at most 5 words after "duty"
``court:nm``           a field (only where the index has fields; see below)
=====================  ==================================================================

Operators are the upper-case words AND, OR and NOT; lower-case "and", "or", "not" are ordinary
words. Precedence follows the legal research services (Westlaw, Lexis): NOT binds tightest,
then OR, then the proximity connectors ``w/N`` and ``pre/N``, then AND, so ``contract breach OR
violation`` means contract AND (breach OR violation) and ``duty OR obligation w/3 care`` means
(duty OR obligation) w/3 care. A query that is only a negation (``NOT draft``) means "every
document without draft". Punctuation-only "words" (``&``, ``-``, ``§``) are ignored, as the
tokenizer would drop them anyway. Words are kept as typed: case folding, accents and stemming
are the index's business.

Proximity: ``a w/N b`` (``W/N`` too; 1 <= N <= 100) means a word of ``b`` is at most N
positions away from a word of ``a``, in either order (``w/1`` = adjacent); ``pre/N``
requires ``a`` first. Each side is a word, a prefix, a phrase or an OR of those (``(duty OR
obligation) w/3 care``); a chain ``a w/5 b w/3 c`` means ``a w/5 b`` AND ``b w/3 c``. NOT, AND
and fields cannot stand inside a proximity. How exactly an index honours N is described in
:mod:`casedesk.core.search.tantivy_query`.

Fields exist only when the caller passes ``fields`` to :func:`parse_query` (the case-law
index does, the documents index does not): then ``name:word``, ``name:"a phrase"``,
``name:prefix*`` and ``name:[A TO B]`` (``*`` for an open end; ``TO`` in capitals or not)
restrict one field, and a name the index does not know is an error naming the fields it knows.
Square brackets are range syntax only where there are fields; elsewhere they are punctuation,
as is a colon.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from typing import Final, Literal, TypeAlias

MAX_QUERY_CHARS: Final = 2_000
MAX_NESTING: Final = 16
MAX_PROXIMITY: Final = 100
MIN_PREFIX_CHARS: Final = 3

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


@dataclass(frozen=True)
class Near:
    """``left`` and ``right`` at most ``distance`` word positions apart (``ordered``: left first).

    Each side is a :class:`Term`, a :class:`Phrase` or an :class:`Or` of those.
    """

    left: Node
    right: Node
    distance: int
    ordered: bool = False


@dataclass(frozen=True)
class Range:
    """An inclusive range as typed (``None`` is an open end); only as a :class:`Field` value."""

    low: str | None
    high: str | None


@dataclass(frozen=True)
class Field:
    """``value`` looked for in the one field ``name`` (what a value means is the index's call)."""

    name: str
    value: Term | Phrase | Range


Node: TypeAlias = Term | Phrase | And | Or | Not | Near | Field


@dataclass(frozen=True)
class ParsedQuery:
    """A parsed search: ``root`` is the syntax tree, ``text`` what the user typed."""

    root: Node
    text: str

    def positive_words(self) -> tuple[str, ...]:
        """Words the matching documents contain (not under an odd number of NOTs), in order.

        These are the words to highlight; a phrase contributes each of its words.
        Prefix terms are left out (see :meth:`positive_prefixes`), and so are field values:
        they match another field than the text.
        """
        found: list[str] = []
        _collect_positive(self.root, negated=False, out=found, prefixes=False)
        return tuple(dict.fromkeys(found))

    def positive_prefixes(self) -> tuple[str, ...]:
        """The prefixes (``negligen`` of ``negligen*``) outside fields and NOTs, as typed."""
        found: list[str] = []
        _collect_positive(self.root, negated=False, out=found, prefixes=True)
        return tuple(dict.fromkeys(found))


def _collect_positive(node: Node, *, negated: bool, out: list[str], prefixes: bool) -> None:
    match node:
        case Term(word=word, prefix=prefix):
            if not negated and prefix == prefixes:
                out.append(word)
        case Phrase(words=words):
            if not negated and not prefixes:
                out.extend(words)
        case And(items=items) | Or(items=items):
            for item in items:
                _collect_positive(item, negated=negated, out=out, prefixes=prefixes)
        case Near(left=left, right=right):
            _collect_positive(left, negated=negated, out=out, prefixes=prefixes)
            _collect_positive(right, negated=negated, out=out, prefixes=prefixes)
        case Not(item=item):
            _collect_positive(item, negated=not negated, out=out, prefixes=prefixes)
        case Field():
            pass


# --- lexer -------------------------------------------------------------------------------

_Kind = Literal["word", "phrase", "and", "or", "not", "(", ")", "near", "field", "range"]
_OPERATORS: Final[dict[str, _Kind]] = {"AND": "and", "OR": "or", "NOT": "not"}
_NEAR: Final = re.compile(r"(w|pre)/(\d+)", re.IGNORECASE)
_FIELD: Final = re.compile(r"([A-Za-z_][A-Za-z0-9_]*):(?=[^\s)])")


@dataclass(frozen=True)
class _Token:
    kind: _Kind
    words: tuple[str, ...] = ()
    number: int = 0
    ordered: bool = False
    prefix: bool = False
    low: str | None = None
    high: str | None = None


def _is_word(text: str) -> bool:
    """True when the text has a letter or digit (the tokenizer drops everything else)."""
    return any(char.isalnum() for char in text)


def _known_fields_sentence(fields: Collection[str]) -> str:
    names = [f"{name}:" for name in sorted(fields)]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"This search knows {listed}"


class _Lexer:
    def __init__(self, text: str, fields: Collection[str] | None) -> None:
        self.text = text
        self.fields = fields

    def tokens(self) -> Iterator[_Token]:
        text = self.text
        position = 0
        length = len(text)
        brackets = self.fields is not None
        while position < length:
            char = text[position]
            if char.isspace():
                position += 1
            elif char in "()":
                yield _Token("(" if char == "(" else ")")
                position += 1
            elif char in _OPEN_QUOTES:
                token, position = self._phrase(position)
                yield token
            elif char in _CLOSE_QUOTES:
                raise QuerySyntaxError('Unbalanced quotation mark: open the phrase with " as well.')
            elif brackets and char == "[":
                token, position = self._range(position)
                yield token
            elif brackets and char == "]":
                raise QuerySyntaxError("Unbalanced bracket: there is a ] without a matching [.")
            elif char == "-" and position + 1 < length and _starts_operand(text[position + 1]):
                yield _Token("not")
                position += 1
            elif self.fields is not None and (match := _FIELD.match(text, position)):
                name = match.group(1)
                if name not in self.fields:
                    raise QuerySyntaxError(
                        f"There is no field {name}: here. {_known_fields_sentence(self.fields)}."
                    )
                yield _Token("field", (name,))
                position = match.end()
            else:
                end = position
                while end < length and not self._ends_word(text[end]):
                    end += 1
                word = text[position:end]
                position = end
                if word_token := _word_token(word):
                    yield word_token

    def _ends_word(self, char: str) -> bool:
        return _ends_word(char) or (self.fields is not None and char in "[]")

    def _phrase(self, position: int) -> tuple[_Token, int]:
        text = self.text
        end = position + 1
        while end < len(text) and text[end] not in _CLOSE_QUOTES:
            end += 1
        if end >= len(text):
            raise QuerySyntaxError('Unbalanced quotation mark: close the phrase with ".')
        words = tuple(word for word in text[position + 1 : end].split() if _is_word(word))
        if not words:
            raise QuerySyntaxError(
                "The quotation marks contain no words: put the phrase between them, "
                'e.g. "breach of contract".'
            )
        return _Token("phrase", words), end + 1

    def _range(self, position: int) -> tuple[_Token, int]:
        text = self.text
        end = text.find("]", position + 1)
        if end < 0:
            raise QuerySyntaxError("Unbalanced bracket: close the range with ].")
        parts = text[position + 1 : end].split()
        if len(parts) != 3 or parts[1].upper() != "TO" or "[" in text[position + 1 : end]:
            raise QuerySyntaxError(
                "Write a range as [low TO high], e.g. date_filed:[2000 TO 2010]; "
                "use * for an open end."
            )
        low, high = (None if part == "*" else part for part in (parts[0], parts[2]))
        return _Token("range", low=low, high=high), end + 1


def _word_token(word: str) -> _Token | None:
    if word in _OPERATORS:
        return _Token(_OPERATORS[word])
    if near := _NEAR.fullmatch(word):
        distance = int(near.group(2))
        if not 1 <= distance <= MAX_PROXIMITY:
            raise QuerySyntaxError(
                f"{word} is out of range: use a distance from 1 to {MAX_PROXIMITY}, e.g. w/5."
            )
        return _Token("near", number=distance, ordered=near.group(1).lower() == "pre")
    if not _is_word(word):
        return None
    if word.endswith("*"):
        stem = word.rstrip("*")
        if "*" not in stem:
            if sum(char.isalnum() for char in stem) < MIN_PREFIX_CHARS:
                raise QuerySyntaxError(
                    f"Put at least {MIN_PREFIX_CHARS} letters before *, e.g. negligen*."
                )
            return _Token("word", (stem,), prefix=True)
    return _Token("word", (word,))


def _starts_operand(char: str) -> bool:
    return char in "(" or char in _OPEN_QUOTES or (not char.isspace() and char not in ")-")


def _ends_word(char: str) -> bool:
    return char.isspace() or char in "()" or char in _OPEN_QUOTES or char in _CLOSE_QUOTES


# --- parser ------------------------------------------------------------------------------

_NEEDS_BOTH_SIDES: Final = {
    "and": "AND needs a word or phrase on both sides, e.g. contract AND breach.",
    "or": "OR needs a word or phrase on both sides, e.g. lease OR tenancy.",
    "near": "w/N and pre/N need a word or phrase on both sides, e.g. duty w/5 care.",
}
_NOT_NEEDS_OPERAND: Final = "NOT needs a word or phrase after it, e.g. contract NOT lease."
_NEAR_OPERAND: Final = (
    "w/N and pre/N connect words, prefixes, phrases or OR-alternatives of them, "
    "e.g. (duty OR obligation) w/5 care; NOT, AND and fields cannot stand beside them."
)
_STOPS: Final = (None, ")", "and", "or", "near")


class _Parser:
    """Recursive descent over the token list.

    query     := and_expr
    and_expr  := near_expr ( ["AND"] near_expr )*
    near_expr := or_expr ( NEAR or_expr )*
    or_expr   := unary ( "OR" unary )*
    unary     := ( "NOT" | "-" )* primary
    primary   := WORD | PHRASE | FIELD ( WORD | PHRASE | RANGE ) | "(" and_expr ")"
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
                if not items or self.peek() in _STOPS:
                    raise QuerySyntaxError(_NEEDS_BOTH_SIDES["and"])
                continue
            if kind in ("or", "near"):
                raise QuerySyntaxError(_NEEDS_BOTH_SIDES[kind])
            items.append(self.near_expr(depth))
        return _combine(And, items)

    def near_expr(self, depth: int) -> Node:
        operands = [self.or_expr(depth)]
        connectors: list[_Token] = []
        while self.peek() == "near":
            connectors.append(self.take())
            if self.peek() in _STOPS:
                raise QuerySyntaxError(_NEEDS_BOTH_SIDES["near"])
            operands.append(self.or_expr(depth))
        if not connectors:
            return operands[0]
        for operand in operands:
            _check_near_operand(operand)
        pairs: list[Node] = [
            Near(operands[i], operands[i + 1], token.number, token.ordered)
            for i, token in enumerate(connectors)
        ]
        node = _combine(And, pairs)
        assert node is not None
        return node

    def or_expr(self, depth: int) -> Node:
        items = [self.unary(depth)]
        while self.peek() == "or":
            self.take()
            if self.peek() in _STOPS:
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
        if negations and self.peek() in _STOPS:
            raise QuerySyntaxError(_NOT_NEEDS_OPERAND)
        node = self.primary(depth)
        return Not(node) if negations % 2 else node

    def primary(self, depth: int) -> Node:
        token = self.take()
        if token.kind == "word":
            return Term(token.words[0], prefix=token.prefix)
        if token.kind == "phrase":
            return Phrase(token.words)
        if token.kind == "range":
            raise QuerySyntaxError(
                "A range needs a field before it, e.g. date_filed:[2000 TO 2010]."
            )
        if token.kind == "field":
            return self.field_value(token.words[0])
        # and_expr/or_expr/unary only call primary on a word, a phrase, a field, a range or "(".
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

    def field_value(self, name: str) -> Field:
        kind = self.peek()
        if kind in ("word", "phrase", "range"):
            token = self.take()
            if token.kind == "word":
                return Field(name, Term(token.words[0], prefix=token.prefix))
            if token.kind == "phrase":
                return Field(name, Phrase(token.words))
            return Field(name, Range(token.low, token.high))
        raise QuerySyntaxError(
            f'{name}: needs a word, a "phrase" or a [range] right after the colon, '
            f'e.g. {name}:"some words".'
        )


def _check_near_operand(node: Node) -> None:
    if isinstance(node, Term | Phrase):
        return
    if isinstance(node, Or) and all(isinstance(item, Term | Phrase) for item in node.items):
        return
    raise QuerySyntaxError(_NEAR_OPERAND)


def _combine(kind: type[And] | type[Or], items: list[Node]) -> Node | None:
    """One node for the items: flattened (a AND (b AND c) is a AND b AND c), duplicates dropped."""
    flat: list[Node] = []
    for item in items:
        flat.extend(item.items if isinstance(item, kind) else (item,))
    unique = tuple(dict.fromkeys(flat))
    if not unique:
        return None
    return unique[0] if len(unique) == 1 else kind(unique)


def parse_query(text: str, *, fields: Collection[str] | None = None) -> ParsedQuery:
    """Parse what the user typed; raise :class:`QuerySyntaxError` with a plain sentence if wrong.

    ``fields`` are the field names the index knows (``name:`` syntax and ``[A TO B]`` ranges
    are recognised only when it is given; an empty collection makes every ``name:`` an error).
    """
    if len(text) > MAX_QUERY_CHARS:
        raise QuerySyntaxError(
            f"The search is too long: shorten it to {MAX_QUERY_CHARS:,} characters or fewer."
        )
    parser = _Parser(list(_Lexer(text, fields).tokens()))
    root = parser.and_expr(0)
    if parser.peek() == ")":
        raise QuerySyntaxError("Unbalanced parenthesis: there is a ) without a matching (.")
    if root is None:
        raise QuerySyntaxError("Type one or more words to search for.")
    return ParsedQuery(root=root, text=text)
