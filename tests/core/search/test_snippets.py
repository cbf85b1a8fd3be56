"""Snippets and titles: escaped, marked, about 200 characters, cut at spaces."""

from __future__ import annotations

import pytest

from casedesk.core.search.snippets import ELLIPSIS, body_snippet_html, mark_html

TERMS = frozenset({"contract", "breach"})


@pytest.mark.parametrize(
    ("text", "terms", "html"),
    [
        ("Contract", TERMS, "<mark>Contract</mark>"),
        ("contracts signed", TERMS, "<mark>contracts</mark> signed"),  # stems match
        ("breach of contract", TERMS, "<mark>breach</mark> of <mark>contract</mark>"),
        ("breach contract", TERMS, "<mark>breach contract</mark>"),  # a run is one mark
        ("breach  contract", TERMS, "<mark>breach  contract</mark>"),
        ("<b>contract</b> & co", TERMS, "&lt;b&gt;<mark>contract</mark>&lt;/b&gt; &amp; co"),
        ('"contract"', TERMS, "&quot;<mark>contract</mark>&quot;"),
        ("<script>alert(1)</script>", frozenset(), "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("Hợp đồng", frozenset({"hop", "dong"}), "<mark>Hợp đồng</mark>"),
        ("Müller", frozenset({"muller"}), "<mark>Müller</mark>"),
        ("عقد البيع", frozenset({"عقد"}), "<mark>عقد</mark> البيع"),
        ("", TERMS, ""),
    ],
)
def test_mark_html(text: str, terms: frozenset[str], html: str) -> None:
    assert mark_html(text, terms) == html


def _visible(html: str) -> str:
    return html.replace("<mark>", "").replace("</mark>", "")


def test_snippet_around_a_match_deep_in_the_body() -> None:
    filler = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 100
    body = filler + "The supplier's breach of contract was material. " + filler
    anchor = body.index("breach")
    html = body_snippet_html(body, TERMS, anchor)
    assert html.startswith(f"{ELLIPSIS} ") and html.endswith(f" {ELLIPSIS}")
    assert "<mark>breach</mark> of <mark>contract</mark>" in html
    assert "The supplier&#x27;s" in html  # context before the match
    text = _visible(html)
    assert 150 <= len(text) <= 210
    sentence = "The supplier's breach of contract was material."
    words = set(filler.split()) | set(sentence.split(" "))
    # Cut at spaces: every shown word is whole.
    for word in text.replace("&#x27;", "'").strip(ELLIPSIS + " ").split():
        assert word in words


def test_snippet_at_the_start_and_of_a_short_body() -> None:
    assert body_snippet_html("Short body.", TERMS, None) == "Short body."
    assert body_snippet_html("A breach.", TERMS, 2) == "A <mark>breach</mark>."


def test_snippet_collapses_whitespace() -> None:
    body = "(Slip Opinion)              OCTOBER TERM, 2016\n\n\n        Syllabus   breach"
    assert body_snippet_html(body, TERMS, None) == (
        "(Slip Opinion) OCTOBER TERM, 2016 Syllabus <mark>breach</mark>"
    )


def test_snippet_escapes_html() -> None:
    body = "<script>alert('x')</script> breach & more"
    html = body_snippet_html(body, TERMS, body.index("breach"))
    assert "<script>" not in html
    assert (
        html == "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; <mark>breach</mark> &amp; more"
    )


def test_snippet_of_a_long_body_without_match_is_its_start() -> None:
    body = "word " * 500
    html = body_snippet_html(body, TERMS, None)
    assert html.startswith("word word") and html.endswith(f" {ELLIPSIS}")
    assert len(html) <= 202


def test_snippet_with_multibyte_text_before_the_match() -> None:
    body = "Hợp đồng mua bán " * 40 + "breach " + "عقد " * 40
    html = body_snippet_html(body, TERMS, body.index("breach"))
    assert "<mark>breach</mark>" in html
    assert "Hợp" in html or "đồng" in html or "bán" in html
