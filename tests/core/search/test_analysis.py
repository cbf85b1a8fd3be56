"""What the analyzer does to words: the behaviour users see as stemming, case and accents."""

from __future__ import annotations

import pytest

from casedesk.core.search.analysis import TEXT_TOKENIZER, analyze, terms


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Stemming (Snowball English): inflections meet, irregular forms do not.
        ("negligent negligence negligently", ["neglig", "neglig", "neglig"]),
        ("contract contracts contracted", ["contract", "contract", "contract"]),
        ("appeal appeals appealed", ["appeal", "appeal", "appeal"]),
        ("running ran", ["run", "ran"]),
        ("judgment judgement", ["judgment", "judgement"]),  # spelling variants stay apart
        # Case.
        ("CONTRACT Contract", ["contract", "contract"]),
        # Accents folded for Latin scripts (ascii_fold), including Vietnamese.
        ("Müller café résumé Straße", ["muller", "cafe", "resum", "strass"]),
        ("Hợp Đồng", ["hop", "dong"]),
        ("ＪＯＨＮ", ["john"]),  # full-width letters
        # Other scripts pass through unchanged (one term per word).
        ("عقد البيع", ["عقد", "البيع"]),
        ("Москва", ["москва"]),
        ("中文字", ["中文字"]),  # not segmented
        # Punctuation splits; nothing is a stop word.
        ("e-mail", ["e", "mail"]),
        ("U.S.C. § 1983", ["u", "s", "c", "1983"]),
        ("O’Brien don't", ["o", "brien", "don", "t"]),
        ("the of and", ["the", "of", "and"]),
        ("x" * 41, []),  # longer than 40 bytes: dropped
    ],
)
def test_terms(text: str, expected: list[str]) -> None:
    assert terms(text) == expected


def test_offsets_are_string_offsets_and_positions_keep_gaps() -> None:
    text = "😀 Hợp " + "y" * 50 + " đồng"
    tokens = analyze(text)
    assert [(token.term, text[token.start : token.end]) for token in tokens] == [
        ("hop", "Hợp"),
        ("dong", "đồng"),
    ]
    assert tokens[1].position - tokens[0].position == 2  # the dropped long word keeps its slot


def test_tokenizer_name_is_versioned() -> None:
    assert TEXT_TOKENIZER.endswith("_v1")
