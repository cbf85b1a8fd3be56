"""The Bates ledger's rules: where a prefix's chain ends, reserving a production's ranges at
its tail and releasing them (see ``models.BatesRange`` for the constraints that back them).

Every change to a chain runs with the matter's row locked (``select_for_update``; SQLite
transactions here are IMMEDIATE, which serialises writers anyway) and the chain's tail locked.
Only one production per prefix may be waiting or running at a time (``services``), so a
production's ranges are always the tail of its chain until it is done.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from casedesk.web.errors import ServiceError
from casedesk.web.matters.models import Matter
from casedesk.web.productions.models import (
    BatesRange,
    Production,
    ProductionItem,
    range_key,
)


def chain_tail(matter: Matter, prefix: str, *, lock: bool = False) -> BatesRange | None:
    """The last range of the chain of ``prefix`` in ``matter`` (the chain has no gaps, so it
    is the one ending highest), locked for the transaction with ``lock``."""
    qs = BatesRange.objects.filter(matter=matter, prefix=prefix).order_by("-end")
    if lock:
        qs = qs.select_for_update()
    return qs.first()


def lock_matter(matter: Matter) -> None:
    """Serialise changes to the matter's Bates chains for the rest of the transaction."""
    Matter.objects.select_for_update().filter(pk=matter.pk).values_list("pk").first()


def prefix_digits(matter: Matter, prefix: str) -> int | None:
    """The width the prefix's numbers have in this matter (None before its first production)."""
    tail = chain_tail(matter, prefix)
    return tail.digits if tail is not None else None


def next_number(matter: Matter, prefix: str) -> int:
    """Where the next production under ``prefix`` starts (1 for a new prefix)."""
    tail = chain_tail(matter, prefix)
    return tail.end + 1 if tail is not None else 1


def check_prefix_case(matter: Matter, prefix: str) -> None:
    used = set(BatesRange.objects.filter(matter=matter).values_list("prefix", flat=True))
    used |= set(Production.objects.filter(matter=matter).values_list("prefix", flat=True))
    for other in used:
        if other != prefix and other.lower() == prefix.lower():
            raise ServiceError(
                f"This matter already uses the prefix {other}; {prefix} differs only in "
                f"capitals, and the labels would be confused (on Windows they name the same "
                f"files). Use {other}, or a different prefix.",
                field="prefix",
            )


def reserve_ranges(production: Production, page_counts: Sequence[int]) -> list[BatesRange]:
    """Give the production's items their ranges, at the tail of the prefix's chain.

    Call inside a transaction; the matter is locked here. A production that is not its
    prefix's first in the matter starts right after the tail (its ``start`` is set so).
    """
    from casedesk.core.pdf.bates import plan_ranges

    matter = production.matter
    lock_matter(matter)
    items = list(production.items.order_by("position"))
    if len(items) != len(page_counts):
        raise ServiceError("Every document needs its page count before numbers are reserved.")
    if any(item.range_id for item in items):
        raise ServiceError(f"The numbers of {production.volume} are already reserved.")
    tail = chain_tail(matter, production.prefix, lock=True)
    if tail is not None:
        if tail.digits != production.digits:
            raise ServiceError(
                f"{production.prefix} numbers in this matter have {tail.digits} digits; "
                f"this production was set up for {production.digits}.",
                field="digits",
            )
        production.start, production.start_chosen = tail.end + 1, False
    try:
        planned = plan_ranges(production.start, list(page_counts))
    except ValueError as exc:
        raise ServiceError(str(exc)) from exc
    last = planned[-1].end if planned else production.start
    if last >= 10**production.digits:
        raise ServiceError(
            f"With {production.digits} digits, {production.prefix} numbers end at "
            f"{production.label(10**production.digits - 1)}, but this production needs numbers "
            f"up to {last:,}. Choose more digits, or a new prefix.",
            field="digits",
        )
    matter_id, prefix = matter.pk, production.prefix
    rows = [
        BatesRange(
            matter_id=matter_id,
            prefix=prefix,
            digits=production.digits,
            begin=p.begin,
            end=p.end,
            end_key=range_key(matter_id, prefix, p.end),
            follows_key=range_key(matter_id, prefix, p.begin - 1),
            follows_id=(
                None if tail is None and i == 0 else range_key(matter_id, prefix, p.begin - 1)
            ),
        )
        for i, p in enumerate(planned)
    ]
    made = BatesRange.objects.bulk_create(rows)
    if any(r.pk is None for r in made):  # a backend that does not return keys
        by_key = dict(
            BatesRange.objects.filter(end_key__in=[r.end_key for r in made]).values_list(
                "end_key", "pk"
            )
        )
        for r in made:
            r.pk = by_key[r.end_key]
    for item, rng in zip(items, made, strict=True):
        item.range_id = rng.pk
    ProductionItem.objects.bulk_update(items, ["range"])
    production.pages = sum(page_counts)
    production.save(update_fields=["start", "start_chosen", "pages"])
    return made


def release_ranges(production: Production) -> int:
    """Delete the production's ranges (they are its chain's tail), last first; returns how many.

    Call inside a transaction; the matter is locked here.
    """
    lock_matter(production.matter)
    ids = list(production.items.filter(range__isnull=False).values_list("range_id", flat=True))
    if not ids:
        return 0
    ProductionItem.objects.filter(production=production).update(range=None)
    ranges = list(BatesRange.objects.filter(pk__in=ids).order_by("-end"))
    if ranges and is_followed(ranges[0]):
        raise ServiceError(
            f"The numbers of {production.volume} are followed by a later production's; "
            "they cannot be released."
        )
    for rng in ranges:
        rng.delete()
    return len(ranges)


def is_followed(rng: BatesRange) -> bool:
    """Whether another range continues after ``rng``."""
    return BatesRange.objects.filter(follows_id=rng.end_key).exists()


def forget_matters(matters: Any) -> int:
    """Delete every binder, production and Bates range of ``matters`` (a queryset).

    For the demo reset only: numbers that were produced must otherwise never be used again.
    Ranges go last first (a range another follows is protected). Returns the ranges deleted.
    """
    from casedesk.web.productions.models import Binder

    Binder.objects.filter(matter__in=matters).delete()
    ProductionItem.objects.filter(production__matter__in=matters).update(range=None)
    Production.objects.filter(matter__in=matters).delete()
    ranges = list(BatesRange.objects.filter(matter__in=matters).order_by("-end"))
    for rng in ranges:
        rng.delete()
    return len(ranges)
