"""The privilege log: numbering, the quotation warning, defaults from the document (and from an
e-mail's headers), edits and removal, who may write."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casedesk.web.access import AccessDenied
from casedesk.web.audit.models import AuditEntry
from casedesk.web.errors import ServiceError
from casedesk.web.trial.models import PrivilegeEntry
from casedesk.web.trial.privilege_services import (
    PrivilegeInput,
    privilege_defaults,
    privilege_entry_create,
    privilege_entry_delete,
    privilege_entry_update,
    quoted_run,
)
from tests.web.trial.conftest import make_pdf

MEMO = (
    "Privileged and confidential. Counsel advises that the lease renewal clause is "
    "unenforceable because the notice was served late, and recommends that the client "
    "withhold the March payment until the landlord cures the defect."
)

# --- the quotation check (no database) -------------------------------------------------------


@pytest.mark.parametrize(
    ("description", "found"),
    [
        ("Memorandum providing legal advice regarding lease renewal.", ""),
        # Seven words in a row are not a quotation; eight are.
        ("Memo: the lease renewal clause is unenforceable because of timing.", ""),
        (
            "Memo saying the lease renewal clause is unenforceable because the notice was late.",
            "the lease renewal clause is unenforceable because the notice was",
        ),
        # Case, punctuation and line breaks do not hide a quotation.
        (
            "RECOMMENDS THAT THE CLIENT\nwithhold, the March payment.",
            "RECOMMENDS THAT THE CLIENT withhold the March payment",
        ),
        ("", ""),
    ],
)
def test_quoted_run(description: str, found: str) -> None:
    assert quoted_run(description, MEMO) == found


def test_quoted_run_reports_the_longest_stretch() -> None:
    description = (
        "Email re: notice was served late, and recommends that the client withhold the March "
        "payment; also cures the defect."
    )
    assert quoted_run(description, MEMO) == (
        "notice was served late and recommends that the client withhold the March payment"
    )


@given(
    words=st.lists(st.sampled_from(["alpha", "beta", "gamma", "delta", "omega"]), max_size=40),
    start=st.integers(min_value=0, max_value=40),
    length=st.integers(min_value=0, max_value=20),
)
def test_a_slice_of_the_text_is_found_exactly_when_long_enough(
    words: list[str], start: int, length: int
) -> None:
    text = " ".join(words)
    piece = words[start : start + length]
    run = quoted_run(" ".join(piece), text)
    if len(piece) >= 8:
        assert run == " ".join(piece)
    else:
        assert run == ""


# --- the service ---------------------------------------------------------------------------


@pytest.fixture
def privileged(file_doc: Any, tmp_path: Path) -> list[Any]:
    return [
        file_doc(
            make_pdf(tmp_path / "memo.pdf"),
            title="Memo on lease",
            date=dt.date(2026, 11, 2),
            privileged=True,
            author="Ada Attorney",
            text=MEMO,
        ),
        file_doc(make_pdf(tmp_path / "notes.pdf"), title="Notes", privileged=True),
    ]


def entry(
    description: str = "Memorandum providing legal advice regarding lease renewal.", **kw: Any
) -> PrivilegeInput:
    return PrivilegeInput(description=description, **kw)


pytestmark = pytest.mark.django_db


def test_numbers_per_matter_and_one_entry_per_document(clerk: Any, privileged: list[Any]) -> None:
    one = privilege_entry_create(by=clerk, document=privileged[0], data=entry())
    two = privilege_entry_create(
        by=clerk, document=privileged[1], data=entry(privilege="work_product")
    )
    assert (one.entry.number, two.entry.number) == ("PRIV-0001", "PRIV-0002")
    assert one.warning == "" and one.entry.quote_warning == ""
    assert two.entry.privilege_text == "Work product"
    with pytest.raises(ServiceError, match="already on the privilege log as PRIV-0001"):
        privilege_entry_create(by=clerk, document=privileged[0], data=entry())
    assert AuditEntry.objects.filter(action="trial.privilege_create").count() == 2


def test_a_description_quoting_the_document_is_saved_with_a_warning(
    clerk: Any, privileged: list[Any]
) -> None:
    result = privilege_entry_create(
        by=clerk,
        document=privileged[0],
        data=entry(
            "Memo advising that the lease renewal clause is unenforceable because the notice was late."
        ),
    )
    assert result.warning.startswith("The description repeats 11 words of the document")
    assert "may reveal privileged content" in result.warning
    assert result.entry.quote_warning == result.warning
    fixed = privilege_entry_update(by=clerk, entry=result.entry, data=entry())
    assert fixed.warning == "" and fixed.entry.quote_warning == ""
    assert fixed.entry.number == "PRIV-0001"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (entry(""), "Describe the document"),
        (entry(privilege="magic"), "Choose the privilege"),
        (entry(privilege="other"), "Name the privilege"),
        (entry(treatment="burned"), "Choose withheld or redacted"),
        (entry(date=dt.date(1800, 1, 1)), "not a plausible date"),
    ],
)
def test_bad_input(clerk: Any, privileged: list[Any], data: PrivilegeInput, message: str) -> None:
    with pytest.raises(ServiceError, match=message):
        privilege_entry_create(by=clerk, document=privileged[0], data=data)


def test_other_privilege_is_shown_by_its_name(clerk: Any, privileged: list[Any]) -> None:
    made = privilege_entry_create(
        by=clerk,
        document=privileged[0],
        data=entry(privilege="other", privilege_other="Accountant-client (A.R.S. § 32-749)"),
    )
    assert made.entry.privilege_text == "Accountant-client (A.R.S. § 32-749)"


def test_who_may_write(readonly: Any, screened: Any, clerk: Any, privileged: list[Any]) -> None:
    with pytest.raises(AccessDenied, match="read-only"):
        privilege_entry_create(by=readonly, document=privileged[0], data=entry())
    with pytest.raises(AccessDenied):
        privilege_entry_create(by=screened, document=privileged[0], data=entry())
    made = privilege_entry_create(by=clerk, document=privileged[0], data=entry()).entry
    with pytest.raises(AccessDenied):
        privilege_entry_delete(by=screened, entry=made)
    privilege_entry_delete(by=clerk, entry=made)
    assert not PrivilegeEntry.objects.exists()


def test_a_gap_stays_a_gap(
    clerk: Any, privileged: list[Any], file_doc: Any, tmp_path: Path
) -> None:
    first = privilege_entry_create(by=clerk, document=privileged[0], data=entry()).entry
    privilege_entry_create(by=clerk, document=privileged[1], data=entry())
    privilege_entry_delete(by=clerk, entry=first)
    third = file_doc(make_pdf(tmp_path / "third.pdf"), privileged=True)
    made = privilege_entry_create(by=clerk, document=third, data=entry()).entry
    assert made.number == "PRIV-0003"


def test_defaults_from_the_document(privileged: list[Any], clerk: Any) -> None:
    memo = privileged[0]
    memo.bates_start, memo.bates_end = "ACME000010", "ACME000012"
    memo.save()
    defaults = privilege_defaults(memo)
    assert defaults.date == dt.date(2026, 11, 2)
    assert defaults.author == "Ada Attorney"
    assert defaults.treatment == "redacted" and defaults.bates == "ACME000010-ACME000012"
    assert privilege_defaults(privileged[1]).treatment == "withheld"


def test_defaults_from_an_email(file_doc: Any, tmp_path: Path) -> None:
    eml = tmp_path / "advice.eml"
    eml.write_text(
        "From: Ada Attorney <ada@firm.example>\r\n"
        "To: Rosa Delgado <rosa@example.com>\r\n"
        "Cc: Trần Thị Mai <mai@example.com>\r\n"
        "Subject: Lease\r\n"
        "Date: Mon, 02 Nov 2026 10:00:00 -0700\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\n"
        "Advice.\r\n",
        encoding="utf-8",
    )
    doc = file_doc(eml, privileged=True)
    defaults = privilege_defaults(doc)
    assert defaults.doc_type == "Email"
    assert "ada@firm.example" in defaults.author
    assert "rosa@example.com" in defaults.recipients_to
    assert "mai@example.com" in defaults.recipients_cc
    assert defaults.date == dt.date(2026, 11, 2)
