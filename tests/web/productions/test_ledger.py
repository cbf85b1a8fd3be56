"""The Bates ledger: under a prefix of a matter the ranges form one chain that never
overlaps and never skips. The database refuses a bad row whatever code writes it; random
productions through the services keep the chain (hypothesis)."""

from __future__ import annotations

import contextlib
from typing import Any

import pytest
from django.db import IntegrityError, connection, transaction
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from casedesk.web.errors import ServiceError
from casedesk.web.productions.build import production_run
from casedesk.web.productions.ledger import is_followed, release_ranges
from casedesk.web.productions.models import BatesRange, JobStatus, Production, range_key
from casedesk.web.productions.services import production_create, production_delete
from tests.web.matters.factories import make_matter

pytestmark = pytest.mark.django_db


def add(
    matter: Any,
    prefix: str,
    begin: int,
    end: int,
    *,
    follows: str | None = "auto",
    end_key: str | None = None,
    follows_key: str | None = None,
) -> BatesRange:
    """Insert a range directly (no service), by default as the correct next link."""
    mid = matter.pk
    if follows == "auto":
        follows = range_key(mid, prefix, begin - 1)
    return BatesRange.objects.create(
        matter=matter,
        prefix=prefix,
        begin=begin,
        end=end,
        end_key=end_key or range_key(mid, prefix, end),
        follows_key=follows_key or range_key(mid, prefix, begin - 1),
        follows_id=follows,
    )


def refused(**kwargs: Any) -> None:
    """The insert (and the deferred foreign-key check) must raise IntegrityError."""
    with pytest.raises(IntegrityError), transaction.atomic():
        add(**kwargs)
        connection.check_constraints(table_names=[BatesRange._meta.db_table])


@pytest.fixture
def chain(matter: Any) -> Any:
    """ACME 1-10, 11-12, 13-20 in the matter."""
    add(matter, "ACME", 1, 10, follows=None)
    add(matter, "ACME", 11, 12)
    add(matter, "ACME", 13, 20)
    connection.check_constraints(table_names=[BatesRange._meta.db_table])
    return matter


@pytest.mark.parametrize(
    ("case", "begin", "end", "follows"),
    [
        ("gap after the tail, pointing at the tail", 25, 30, "tail"),
        ("gap after the tail, pointing at a number never used", 25, 30, "auto"),
        ("gap, claiming to be a first range", 25, 30, None),
        ("overlap with the tail", 18, 25, "auto"),
        ("overlap: follows a range already followed", 11, 11, "auto"),
        ("same end as an existing range", 19, 20, "auto"),
        ("overlap from the start", 1, 4, None),
        ("a second first range", 21, 22, None),
        ("end before begin", 22, 21, "auto"),
    ],
)
def test_a_bad_row_is_refused_by_the_database(
    chain: Any, case: str, begin: int, end: int, follows: str | None
) -> None:
    target = range_key(chain.pk, "ACME", 20) if follows == "tail" else follows
    refused(matter=chain, prefix="ACME", begin=begin, end=end, follows=target)


def test_keys_that_lie_are_refused(chain: Any) -> None:
    # An end_key that names another number, or a follows_key that does not match begin.
    refused(matter=chain, prefix="ACME", begin=21, end=22, end_key=range_key(chain.pk, "ACME", 99))
    refused(
        matter=chain, prefix="ACME", begin=21, end=22, follows_key=range_key(chain.pk, "ACME", 19)
    )
    # Following the tail of another prefix or another matter.
    other = make_matter("2027-0799", "Other matter")
    add(other, "ACME", 1, 20, follows=None)
    refused(matter=chain, prefix="ACME", begin=21, end=22, follows=range_key(other.pk, "ACME", 20))
    refused(matter=chain, prefix="BETA", begin=21, end=22, follows=range_key(chain.pk, "ACME", 20))


def test_good_rows_are_accepted(chain: Any) -> None:
    add(chain, "ACME", 21, 21)
    add(chain, "BETA", 500, 510, follows=None)  # another prefix has its own chain
    other = make_matter("2027-0798", "Other matter")
    add(other, "ACME", 1, 3, follows=None)  # and another matter
    connection.check_constraints(table_names=[BatesRange._meta.db_table])
    assert BatesRange.objects.filter(matter=chain, prefix="ACME").count() == 4


def test_a_followed_range_cannot_be_deleted(chain: Any) -> None:
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        BatesRange.objects.get(matter=chain, begin=11).delete()


def assert_chains(matter: Any) -> None:
    """Every prefix of the matter: one first range, contiguous, links right."""
    by_prefix: dict[str, list[BatesRange]] = {}
    for r in BatesRange.objects.filter(matter=matter).order_by("prefix", "begin"):
        by_prefix.setdefault(r.prefix, []).append(r)
    for rows in by_prefix.values():
        assert rows[0].follows_id is None
        for before, after in zip(rows, rows[1:], strict=False):
            assert after.begin == before.end + 1, (before, after)
            assert after.follows_id == before.end_key
        assert all(r.follows_id is not None for r in rows[1:])


@pytest.fixture
def four_docs(pdf_doc: Any) -> list[Any]:
    """PDFs of 1, 2, 3 and 5 pages (made once for all the examples)."""
    return [pdf_doc(n) for n in (1, 2, 3, 5)]


OPS = st.lists(
    st.one_of(
        st.tuples(
            st.just("create"),
            st.sampled_from(["ACME", "BETA"]),
            st.lists(st.integers(0, 3), min_size=1, max_size=3, unique=True),
            st.one_of(st.none(), st.integers(1, 900)),
        ),
        st.tuples(st.just("fail"), st.sampled_from(["ACME", "BETA"]), st.just([]), st.none()),
        st.tuples(st.just("delete"), st.sampled_from(["ACME", "BETA"]), st.just([]), st.none()),
    ),
    min_size=1,
    max_size=8,
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(ops=OPS)
def test_random_productions_keep_every_chain(
    ops: list[Any], attorney: Any, matter: Any, four_docs: list[Any]
) -> None:
    docs = four_docs
    with transaction.atomic():  # rolled back after each example
        for op, prefix, picks, start in ops:
            latest = Production.objects.filter(matter=matter, prefix=prefix).order_by("-id").first()
            if op == "create":
                try:
                    production = production_create(
                        by=attorney,
                        matter=matter,
                        document_ids=[docs[i].pk for i in picks],
                        prefix=prefix,
                        start=start,
                        enqueue=False,
                    )
                except ServiceError:
                    event("create refused")
                    continue  # a start where the chain must continue
                event("created")
                # Pretend the worker delivered it.
                Production.objects.filter(pk=production.pk).update(status=JobStatus.DONE)
            elif op == "fail" and latest is not None and latest.status == JobStatus.DONE:
                last = BatesRange.objects.filter(item__production=latest).order_by("-end").first()
                if last is not None and not is_followed(last):  # its numbers end the chain
                    event("released")
                    release_ranges(latest)
                    Production.objects.filter(pk=latest.pk).update(status=JobStatus.FAILED)
            elif op == "delete" and latest is not None:
                with contextlib.suppress(ServiceError):
                    production_delete(by=attorney, production=latest)
            connection.check_constraints(table_names=[BatesRange._meta.db_table])
            assert_chains(matter)
        transaction.set_rollback(True)


def test_a_built_production_keeps_the_chain(attorney: Any, matter: Any, pdf_doc: Any) -> None:
    a, b = pdf_doc(2), pdf_doc(1)
    first = production_create(
        by=attorney, matter=matter, document_ids=[a.pk], prefix="ACME", start=41, enqueue=False
    )
    assert production_run(first.pk).status == JobStatus.DONE
    second = production_create(
        by=attorney, matter=matter, document_ids=[b.pk, a.pk], prefix="ACME", enqueue=False
    )
    assert second.start == 43 and not second.start_chosen
    assert production_run(second.pk).status == JobStatus.DONE
    assert_chains(matter)
    assert [(r.begin, r.end) for r in BatesRange.objects.order_by("begin")] == [
        (41, 42),
        (43, 43),
        (44, 45),
    ]


def test_the_demo_reset_can_forget_a_matters_productions(
    chain: Any, attorney: Any, pdf_doc: Any
) -> None:
    from casedesk.web.matters.models import Matter
    from casedesk.web.productions.binder_services import BinderTab, binder_save
    from casedesk.web.productions.ledger import forget_matters
    from casedesk.web.productions.models import Binder

    doc = pdf_doc(1)
    production_run(
        production_create(
            by=attorney, matter=chain, document_ids=[doc.pk], prefix="BETA", enqueue=False
        ).pk
    )
    binder_save(by=attorney, matter=chain, title="B", tabs=[BinderTab(doc.pk)])
    other = make_matter("2027-0797", "Kept")
    add(other, "ACME", 1, 2, follows=None)
    assert forget_matters(Matter.objects.filter(pk=chain.pk)) == 4
    assert not Production.objects.exists() and not Binder.objects.exists()
    assert list(BatesRange.objects.values_list("matter_id", flat=True)) == [other.pk]
