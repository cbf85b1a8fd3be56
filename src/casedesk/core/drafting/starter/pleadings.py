"""Notices of hearing and notices of motion, one template per court family.

The wording follows each family's practice: federal and California notices say when and
where the motion will be heard, before whom, what relief is sought and what papers it rests
on (N.D. Cal. Civil L.R. 7-2; Code Civ. Proc. § 1010, Cal. Rules of Court, rule 3.1110(a));
the New York notice says the same in the CPLR 2214 form ("upon the annexed affirmation …")
with the 2214(b) demand for answering papers; Texas notices carry the hearing setting and a
certificate of service under Tex. R. Civ. P. 21a.
"""

from __future__ import annotations

from collections.abc import Callable

from casedesk.core.drafting.starter.captions import (
    ca_caption,
    federal_caption,
    ny_caption,
    tx_caption,
)
from casedesk.core.drafting.starter.docx_build import Builder
from casedesk.core.drafting.starter.pleading_paper import pleading_paper

TO_ALL = "TO ALL PARTIES AND THEIR ATTORNEYS OF RECORD:"
BASED_ON = (
    "The motion is based on this notice of motion and motion, the accompanying memorandum of "
    "points and authorities, the declarations and exhibits filed with it, the pleadings and "
    "records on file in this action, and such further evidence and argument as may be "
    "presented at or before the hearing."
)
MOVES = (
    "{{ client.name }} will and hereby does move the Court for an order granting the "
    "following relief:"
)


def signature(b: Builder, *, texas: bool = False) -> None:
    """ "Dated:", "Respectfully submitted," and the attorney's signature (Texas: full block)."""
    b.para("")
    b.para("Dated: {{ today|long_date }}", keep_with_next=True)
    b.para("Respectfully submitted,", left_indent=3.25, keep_with_next=True)
    b.para("")
    b.para("{{ firm.name }}", left_indent=3.25, keep_with_next=True)
    b.para("")
    b.para("")
    if texas:
        b.para("By: ___________________________", left_indent=3.25, keep_with_next=True)
        b.para("{{ attorney.signature_block }}", left_indent=3.25, keep_with_next=True)
    else:
        b.para("By: ___________________________", left_indent=3.25, keep_with_next=True)
        b.para("{{ attorney.name }}", left_indent=3.25, keep_with_next=True)
    b.para("Attorneys for {{ client.name }}", left_indent=3.25)


def ny_signature(b: Builder) -> None:
    """The New York close: date, firm, attorney, address, and the "TO:" block for counsel."""
    b.para("")
    b.para("Dated: {{ today|long_date }}", keep_with_next=True)
    b.para("")
    b.para("{{ firm.name }}", left_indent=3.25, keep_with_next=True)
    b.para("")
    b.para("By: ___________________________", left_indent=3.25, keep_with_next=True)
    b.para("{{ attorney.name }}", left_indent=3.25, keep_with_next=True)
    b.para("Attorneys for {{ client.name }}", left_indent=3.25, keep_with_next=True)
    b.para("{{ firm.address }}", left_indent=3.25, keep_with_next=True)
    b.para("{{ attorney.phone }}", left_indent=3.25, keep_with_next=True)
    b.para("{{ attorney.email }}", left_indent=3.25)
    b.para("")
    b.para("TO:", keep_with_next=True)
    b.para("{{ opposing_counsel.name }}", left_indent=0.5, keep_with_next=True)
    b.para("{{ opposing_counsel.firm }}", left_indent=0.5, keep_with_next=True)
    b.para("{{ opposing_counsel.address }}", left_indent=0.5, keep_with_next=True)
    b.para("Attorneys for {{ adverse.name }}", left_indent=0.5)


def tx_certificate(b: Builder) -> None:
    """A Texas certificate of service (Tex. R. Civ. P. 21a(e))."""
    b.para("")
    b.heading("CERTIFICATE OF SERVICE")
    b.body(
        "I certify that on {{ today|long_date }} a true and correct copy of this document was "
        "served on all counsel of record in accordance with Rule 21a of the Texas Rules of "
        "Civil Procedure."
    )
    b.para("")
    b.para("___________________________", left_indent=3.25, keep_with_next=True)
    b.para("{{ attorney.name }}", left_indent=3.25)


def hearing_federal(b: Builder) -> None:
    """Notice of hearing, United States District Court."""
    federal_caption(b, "NOTICE OF HEARING ON {{ motion.title|upper }}", hearing=True)
    b.body(TO_ALL, first_indent=0)
    b.body(
        "PLEASE TAKE NOTICE that {{ client.name }}'s {{ motion.title }} will be heard on "
        "{{ hearing.date|long_date }}, at {{ hearing.time }}, or as soon thereafter as the "
        "matter may be heard, before {{ judge.name }}, in {{ hearing.department }} of the "
        "United States District Court for the {{ court.district }}, located at "
        "{{ hearing.location }}."
    )
    signature(b)


def hearing_ca(b: Builder) -> None:
    """Notice of hearing, California superior court."""
    ca_caption(b, "NOTICE OF HEARING ON {{ motion.title|upper }}", hearing=True)
    b.body(TO_ALL, first_indent=0)
    b.body(
        "PLEASE TAKE NOTICE that on {{ hearing.date|long_date }}, at {{ hearing.time }}, or as "
        "soon thereafter as the matter may be heard, in {{ hearing.department }} of the "
        "above-entitled Court, located at {{ hearing.location }}, {{ judge.name }} presiding, "
        "{{ client.name }}'s {{ motion.title }} will be heard."
    )
    b.body(
        "Any opposition and reply papers must be filed and served within the times set by "
        "Code of Civil Procedure section 1005, subdivision (b)."
    )
    signature(b)


def hearing_ny(b: Builder) -> None:
    """Notice of hearing, New York Supreme Court."""
    ny_caption(b, "NOTICE OF HEARING")
    b.body(
        "PLEASE TAKE NOTICE that {{ client.name }}'s {{ motion.title }} will be heard at "
        "{{ hearing.department }} of this Court, at the Courthouse located at "
        "{{ hearing.location }}, on {{ hearing.date|legal_date }}, at {{ hearing.time }}, or as "
        "soon thereafter as counsel may be heard."
    )
    ny_signature(b)


def hearing_tx(b: Builder) -> None:
    """Notice of hearing, Texas district court, with a certificate of service."""
    tx_caption(b, "NOTICE OF HEARING ON {{ motion.title|upper }}")
    b.body(TO_ALL, first_indent=0)
    b.body(
        "PLEASE TAKE NOTICE that {{ client.name }}'s {{ motion.title }} is set for hearing on "
        "{{ hearing.date|long_date }}, at {{ hearing.time }}, before the "
        "{{ court.judicial_district }} Judicial District Court of {{ court.county }} County, "
        "Texas, in {{ hearing.department }}, {{ hearing.location }}."
    )
    signature(b, texas=True)
    tx_certificate(b)


def _relief(b: Builder) -> None:
    b.body("{{ motion.relief }}", left_indent=0.5, first_indent=0)


def motion_federal(b: Builder) -> None:
    """Notice of motion and motion, United States District Court."""
    federal_caption(b, "NOTICE OF MOTION AND {{ motion.title|upper }}", hearing=True)
    b.body(TO_ALL, first_indent=0)
    b.body(
        "PLEASE TAKE NOTICE that on {{ hearing.date|long_date }}, at {{ hearing.time }}, or as "
        "soon thereafter as the matter may be heard, in {{ hearing.department }} of the "
        "above-entitled Court, located at {{ hearing.location }}, before {{ judge.name }}, " + MOVES
    )
    _relief(b)
    b.body(
        "This {{ motion.title }} is made under the Federal Rules of Civil Procedure and the "
        "Local Rules of this Court. " + BASED_ON
    )
    signature(b)


def ca_motion_body(b: Builder) -> None:
    """The body of a California notice of motion (shared with the pleading-paper variant)."""
    b.body(TO_ALL, first_indent=0)
    b.body(
        "PLEASE TAKE NOTICE that on {{ hearing.date|long_date }}, at {{ hearing.time }}, or as "
        "soon thereafter as the matter may be heard, in {{ hearing.department }} of the "
        "above-entitled Court, located at {{ hearing.location }}, {{ judge.name }} presiding, "
        + MOVES
    )
    _relief(b)
    b.body(
        "This {{ motion.title }} is made on the grounds set out in the accompanying memorandum "
        "of points and authorities. " + BASED_ON
    )
    b.body(
        "Any opposition and reply papers must be filed and served within the times set by "
        "Code of Civil Procedure section 1005, subdivision (b)."
    )
    signature(b)


def motion_ca(b: Builder) -> None:
    """Notice of motion and motion, California superior court."""
    ca_caption(b, "NOTICE OF MOTION AND {{ motion.title|upper }}", hearing=True)
    ca_motion_body(b)


def motion_ca_pleading_paper(b: Builder) -> None:
    """The California notice of motion on 28-line pleading paper (Cal. Rules of Court 2.108)."""
    pleading_paper(b, footer_title="NOTICE OF MOTION AND {{ motion.title|upper }}")
    ca_caption(b, "NOTICE OF MOTION AND {{ motion.title|upper }}", hearing=True)
    ca_motion_body(b)


def motion_ny(b: Builder) -> None:
    """Notice of motion, New York Supreme Court (CPLR 2214)."""
    ny_caption(b, "NOTICE OF MOTION")
    b.body(
        "PLEASE TAKE NOTICE that, upon the annexed affirmation of {{ attorney.name }}, dated "
        "{{ today|long_date }}, and the exhibits annexed to it, the accompanying memorandum of "
        "law, and all the pleadings and proceedings had in this action, {{ client.name }} will "
        "move this Court at {{ hearing.department }}, at the Courthouse located at "
        "{{ hearing.location }}, on {{ hearing.date|legal_date }}, at {{ hearing.time }}, or as "
        "soon thereafter as counsel may be heard, for an order granting the following relief:"
    )
    _relief(b)
    b.body(
        "together with such other and further relief as the Court deems just and proper.",
        first_indent=0,
    )
    b.body(
        "PLEASE TAKE FURTHER NOTICE that, under CPLR 2214(b), answering papers, if any, are "
        "required to be served upon the undersigned at least seven days before the return "
        "date of this motion."
    )
    ny_signature(b)


def motion_tx(b: Builder) -> None:
    """Notice of motion and of its hearing, Texas district court."""
    tx_caption(b, "NOTICE OF {{ motion.title|upper }} AND OF HEARING")
    b.body(TO_ALL, first_indent=0)
    b.body(
        "PLEASE TAKE NOTICE that {{ client.name }} has filed the accompanying "
        "{{ motion.title }}, which asks "
        "the Court for the following relief:"
    )
    _relief(b)
    b.body(
        "The motion is set for hearing on {{ hearing.date|long_date }}, at {{ hearing.time }}, "
        "before the {{ court.judicial_district }} Judicial District Court of "
        "{{ court.county }} County, Texas, in {{ hearing.department }}, {{ hearing.location }}."
    )
    signature(b, texas=True)
    tx_certificate(b)


BUILDERS: dict[str, Callable[[Builder], None]] = {
    "notice-of-hearing-federal": hearing_federal,
    "notice-of-hearing-ca": hearing_ca,
    "notice-of-hearing-ny": hearing_ny,
    "notice-of-hearing-tx": hearing_tx,
    "notice-of-motion-federal": motion_federal,
    "notice-of-motion-ca": motion_ca,
    "notice-of-motion-ny": motion_ny,
    "notice-of-motion-tx": motion_tx,
    "notice-of-motion-ca-pleading-paper": motion_ca_pleading_paper,
}
