"""The quality gate: the tables of authorities of ten Solicitor General briefs against the
briefs' own tables (authority F1 and page F1 at least 0.95 over the ten).

Scoring and the table of corrections to the parsed expectations (each with its reason) are in
:mod:`tests.core.toa.osg_eval`; run it as a script to see every miss::

    .venv/bin/python -m tests.core.toa.osg_eval
"""

from __future__ import annotations

import pytest

from tests.core.toa import osg_eval

GATE = 0.95

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not osg_eval.OSG.is_dir(), reason=f"the OSG briefs are not here ({osg_eval.OSG})"
    ),
]


def test_authority_and_page_f1_over_the_ten_briefs() -> None:
    total, scores = osg_eval.evaluate()
    report = osg_eval.report(total, scores, misses=False)
    print(report)  # per brief and per category: shown with -s or on failure
    assert len(scores) == 10
    _, _, authority_f1 = total.authority()
    _, _, page_f1 = total.pages()
    assert authority_f1 >= GATE, report
    assert page_f1 >= GATE, report


def test_expectation_fixes_still_apply() -> None:
    """Every correction names an entry that is in the parsed expectations."""
    import json

    for (brief, authority), _replacement in osg_eval.EXPECTATION_FIXES.items():
        data = json.loads((osg_eval.OSG / brief / "toa_expected.json").read_text("utf-8"))
        assert authority in [entry["authority"] for entry in data["entries"]], (brief, authority)
