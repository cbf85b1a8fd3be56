"""Where sentences end in legal text: abbreviations end none."""

from __future__ import annotations

import pytest

from casedesk.core.citations.sentences import sentence_ends

CASES = [
    # (text, the number of sentence ends)
    ("See Roe v. Wade, 410 U.S. 113 (1973). The Court held.", 1),
    ("ATF National Firearms Act Handbook 41 (rev. Apr. 2009). Next.", 1),
    ("Restatement (Second) of Torts § 402A cmt. A (1965). Then more.", 1),
    ("A treatise (J. Smith trans. 1990) (repr. 2001). It says so.", 1),
    ("The end. A new sentence. And another.", 2),
]


@pytest.mark.parametrize(("text", "count"), CASES)
def test_sentence_ends(text: str, count: int) -> None:
    assert len(sentence_ends(text)) == count
