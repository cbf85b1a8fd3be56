"""Compiling proximity, prefixes and fields; their exact meaning on a small index."""

from __future__ import annotations

import datetime
import re

import pytest

from casedesk.core.search.caselaw import CaseLawIndex, IndexedOpinion
from casedesk.core.search.query import QuerySyntaxError
from casedesk.core.search.tantivy_query import prefix_pattern


@pytest.mark.parametrize(
    ("prefix", "matches", "misses"),
    [
        ("negligen", ["neglig", "negligenc", "negligent"], ["negl", "negate"]),
        ("reasonab", ["reason", "reasonabl"], ["rea", "reasox"]),
        ("negligence", ["neglig", "negligence", "negligences"], ["negate"]),
        ("happy", ["happi", "happy", "happiest"], ["hap"]),
        ("jurisdic", ["jurisdict", "jurisd", "juris"], ["juri", "jury"]),
    ],
)
def test_prefix_pattern(prefix: str, matches: list[str], misses: list[str]) -> None:
    pattern = re.compile(prefix_pattern(prefix))
    assert all(pattern.fullmatch(term) for term in matches)
    assert not any(pattern.fullmatch(term) for term in misses)


def opinion(opinion_id: str, text: str, **kw: object) -> IndexedOpinion:
    return IndexedOpinion(
        id=opinion_id,
        case_name=str(kw.get("case_name", "")),
        court=str(kw.get("court", "nm")),
        date_filed=kw.get("date_filed"),  # type: ignore[arg-type]
        text=text,
        cites=tuple(kw.get("cites", ())),  # type: ignore[call-overload]
        own=tuple(kw.get("own", ())),  # type: ignore[call-overload]
        cited_by_count=int(kw.get("cited_by_count", 0)),  # type: ignore[call-overload]
    )


POSITIONS = {
    "adjacent": "alpha beta",
    "gap4": "alpha x x x x beta",  # beta 5 positions after alpha
    "gap5": "alpha x x x x x beta",  # 6 positions after
    "rev4": "beta x x x x alpha",  # beta 5 positions before alpha
    "rev2": "beta x x alpha",  # 3 before
    "rev5": "beta x x x x x alpha",  # 6 before
}


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> CaseLawIndex:
    index = CaseLawIndex(
        tmp_path_factory.mktemp("small") / "caselaw",
        normalize_citation=lambda text: (
            " ".join(text.replace("U. S.", "U.S.").split()) if text[:1].isdigit() else None
        ),
    )
    docs = [opinion(key, text) for key, text in POSITIONS.items()]
    docs += [
        opinion("neg", "The negligence of the driver.", court="scotus", case_name="Smith v. Jones"),
        opinion(
            "roe", "Citing Roe.", cites=("410 U.S. 113",), date_filed=datetime.date(2001, 5, 1)
        ),
        opinion("own", "Its own.", own=("5 F.4th 100",), date_filed=datetime.date(1999, 12, 31)),
    ]
    index.add(docs)
    return index


def ids(index: CaseLawIndex, query: str) -> set[str]:
    return {hit.id for hit in index.search(query, limit=50).hits}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("alpha w/1 beta", {"adjacent"}),
        ("alpha w/5 beta", {"adjacent", "gap4", "rev4", "rev2"}),
        ("alpha w/6 beta", set(POSITIONS)),
        ("alpha pre/5 beta", {"adjacent", "gap4", "rev2"}),  # rev2: slop's known leeway
        ("alph* w/1 beta", {"adjacent"}),
        ("negligen*", {"neg"}),
        ("negligen* w/3 driver", {"neg"}),
        ("court:SCOTUS", {"neg"}),
        ("court:sco*", {"neg"}),
        ("case_name:jones", {"neg"}),
        ('case_name:"smith v jones"', {"neg"}),
        ('cites:"410 U. S. 113"', {"roe"}),
        ('citation:"5 F.4th 100"', {"own"}),
        ("date_filed:2001", {"roe"}),
        ("date_filed:[1999-12-31 TO 2000]", {"own"}),
        ("date_filed:[2000 TO *]", {"roe"}),
        ("NOT court:nm", {"neg"}),
    ],
)
def test_semantics(small: CaseLawIndex, query: str, expected: set[str]) -> None:
    assert ids(small, query) == expected


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("judge:x", "There is no field judge: here."),
        ('cites:"not a cite"', 'cites:"not a cite" is not a case citation'),
        (
            "date_filed:soon",
            'date_filed: takes years or dates such as 2005 or 2005-06-30, not "soon".',
        ),
        ("date_filed:[2010 TO 2000]", "The date_filed: range starts after it ends"),
        ("court:[a TO b]", "court: takes words, not a range"),
        ("cites:410*", "cites: cannot end in *"),
    ],
)
def test_field_errors(small: CaseLawIndex, query: str, message: str) -> None:
    with pytest.raises(QuerySyntaxError, match=re.escape(message)):
        small.search(query)


def test_prefix_matches_are_highlighted(small: CaseLawIndex) -> None:
    (hit,) = small.search("negligen*").hits
    assert "<mark>negligence</mark>" in hit.snippet_html
