"""The starter letters: engagement, declination, conflict waiver, status, counsel, subpoena cover.

Each reads as a law office's letter: letterhead from ``firm.*``, the date (``today``), the
recipient's block, a "Re:" line naming the matter or case, a salutation, the body, "Very truly
yours," and the responsible attorney's signature block.
"""

from __future__ import annotations

from collections.abc import Sequence

from casedesk.core.drafting.starter.docx_build import (
    CENTER,
    Builder,
    Run,
    set_paragraph_border,
)

MATTER_RE = ["{{ matter.title }}", "Our File No. {{ matter.number }}"]
CASE_RE = ["{{ case.title }}", "{{ court.name }}, Case No. {{ case.number }}"]
CLIENT_RECIPIENT = ["{{ client.name }}", "{{ client.address }}"]


def letterhead(b: Builder) -> None:
    """The firm's name, address and contact lines, ruled off from the letter."""
    b.para(Run("{{ firm.name }}", bold=True, size=16), align=CENTER)
    b.para(Run("{{ firm.address }}", size=10), align=CENTER)
    b.para(
        Run(
            "Telephone {{ firm.phone }}{% if firm.fax %}  |  Facsimile {{ firm.fax }}{% endif %}",
            size=10,
        ),
        align=CENTER,
    )
    last = b.para(
        Run("{{ firm.email }}{% if firm.website %}  |  {{ firm.website }}{% endif %}", size=10),
        align=CENTER,
        space_after=18,
    )
    set_paragraph_border(last, bottom="single")


def opening(
    b: Builder,
    *,
    recipient: Sequence[str],
    re_lines: Sequence[str],
    salutation: str,
    legend: Sequence[str] = (),
    via: str = "",
) -> None:
    """Letterhead, date, delivery line, recipient block, "Re:" block and salutation."""
    letterhead(b)
    b.para("{{ today|long_date }}", space_after=12)
    for line in legend:
        b.para(Run(line, bold=True))
    if legend:
        b.para("")
    if via:
        b.para(Run(via, italic=True), space_after=12)
    for index, line in enumerate(recipient):
        b.para(line, space_after=12 if index == len(recipient) - 1 else 0)
    b.para(
        Run("Re:", bold=True),
        Run("\t" + "\n".join(re_lines), bold=True),
        left_indent=1.0,
        first_indent=-0.5,
        space_after=12,
    )
    b.para(salutation, space_after=12)


def closing(b: Builder, *, enclosure: str = "", cc: str = "") -> None:
    """ "Very truly yours," and the attorney's signature block (name, bar number, firm …)."""
    for text in ("Very truly yours,", "", "", ""):
        b.para(text, keep_with_next=True)
    block = b.para("{{ attorney.signature_block }}", space_after=12)
    block.paragraph_format.keep_together = True
    if enclosure:
        b.para(enclosure)
    if cc:
        b.para(cc)


def numbered_heading(b: Builder, text: str) -> None:
    """A bold, keep-with-next section heading inside a letter."""
    b.para(Run(text, bold=True), space_after=6, keep_with_next=True)


def client_signature(b: Builder, heading: str, statement: str) -> None:
    """The client's acknowledgement, kept on one page: statement, signature line, date."""
    numbered_heading(b, heading)
    b.para(statement, space_after=12, keep_with_next=True)
    for text in ("", "", "______________________________", "{{ client.name }}"):
        b.para(text, keep_with_next=True)
    b.tag('{%p if client.kind == "organization" %}')
    b.para("By: ___________________________", keep_with_next=True)
    b.para("Name and title: _______________", keep_with_next=True)
    b.tag("{%p endif %}")
    b.para("", keep_with_next=True)
    b.para("Date: _________________________")


def engagement_letter(b: Builder) -> None:
    """A fee agreement letter: scope, fees, retainer, responsibilities, ending, file, consent."""
    opening(
        b,
        recipient=CLIENT_RECIPIENT,
        re_lines=["Engagement of {{ firm.name }}", *MATTER_RE],
        salutation="Dear {{ client.name }}:",
        legend=["PRIVILEGED AND CONFIDENTIAL", "ATTORNEY-CLIENT COMMUNICATION"],
    )
    b.text(
        "Thank you for choosing {{ firm.name }}. This letter sets out the terms on which we will "
        "represent you. Please read it carefully; if it reflects your understanding, sign the "
        "acknowledgement at the end and return a copy to me."
    )
    numbered_heading(b, "1. Scope of the Engagement")
    b.text("We will represent you in the following matter, and only in it:")
    b.text("{{ engagement.scope }}", left_indent=0.5)
    b.text(
        "Unless we agree otherwise in writing, our engagement does not include any appeal, any "
        "related or later matter, or advice on tax, insurance or other questions outside this "
        "scope. We cannot guarantee the outcome of any matter; any opinion we express about a "
        "possible result is only an opinion."
    )
    numbered_heading(b, "2. Fees")
    b.text(
        "Our fees are based on the time we spend on your matter. My hourly rate is "
        "{{ fee.hourly_rate|money }}. We record our time in tenths of an hour, including time for "
        "conferences, telephone calls, correspondence, research, drafting, travel and court "
        "appearances. We may change our rates on thirty days' written notice to you."
    )
    numbered_heading(b, "3. Retainer and Costs")
    b.text(
        "Before we begin work, you agree to pay a retainer of {{ fee.retainer|money_words }} "
        "({{ fee.retainer|money }}). We will hold the retainer in our client trust account and "
        "apply it to our invoices as they are issued; any part not used will be refunded to you "
        "when the engagement ends. In addition to our fees, you agree to pay the costs we incur "
        "for you, such as filing and service fees, court reporters, experts, copying and "
        "delivery charges."
    )
    b.text(
        "We will send you an invoice each month describing the work done, the time spent and "
        "the costs incurred. Invoices are due within thirty days. If a dispute about our fees "
        "arises, you may have the right to have it decided by fee arbitration under the program "
        "of your state bar or court system."
    )
    numbered_heading(b, "4. Our Responsibilities and Yours")
    b.text(
        "We will represent you diligently and competently, keep you informed of the progress of "
        "your matter, respond promptly to your questions, and keep your confidences. You agree "
        "to be truthful and candid with us, to cooperate and give us the information and "
        "documents we need, to tell us promptly of any change in your address, telephone "
        "number or circumstances, to attend proceedings when needed, and to pay our invoices "
        "on time."
    )
    numbered_heading(b, "5. Ending the Engagement")
    b.text(
        "You may end our engagement at any time by telling us in writing. We may withdraw for "
        "any reason the rules of professional conduct allow, including your failure to pay our "
        "invoices or to cooperate, with the court's permission where it is required. Either "
        "way, you will remain responsible for fees and costs incurred up to the end of the "
        "engagement and for work needed to transfer the matter in an orderly way. Unless ended "
        "earlier, the engagement ends when we send you our final invoice for the matter."
    )
    numbered_heading(b, "6. Your File")
    b.text(
        "At the end of the engagement you may ask for your file, and we will release it to you. "
        "We will keep the file for five years after the matter is closed; after that we may "
        "destroy it without further notice to you."
    )
    b.text("We appreciate your confidence in us and look forward to working with you.")
    closing(b)
    client_signature(
        b,
        "ACKNOWLEDGED AND AGREED",
        "I have read this letter, I understand it, and I agree to engage {{ firm.name }} on the "
        "terms it describes.",
    )


def declination_letter(b: Builder) -> None:
    """A letter declining a matter: no engagement, limitation warning, documents returned."""
    opening(
        b,
        recipient=CLIENT_RECIPIENT,
        re_lines=["{{ matter.title }}", "Our decision not to represent you"],
        salutation="Dear {{ client.name }}:",
        legend=["CONFIDENTIAL"],
    )
    b.text(
        "Thank you for contacting {{ firm.name }} about the matter referred to above. After "
        "considering it, we have decided not to represent you. This letter confirms that "
        "{{ firm.name }} does not represent you in this matter and will take no action on your "
        "behalf."
    )
    b.text(
        "Our decision is not an opinion about the merits of your claim. We have not reviewed "
        "the facts or the law in enough detail to form an opinion, and we express none. Another "
        "lawyer may see the matter differently, and you should not delay seeking other counsel "
        "because of our decision."
    )
    b.text(
        Run("Time limits. ", bold=True),
        "Every claim is subject to a time limit, called a statute of limitations, after which a "
        "lawsuit can no longer be filed and the claim is lost. Other deadlines, such as those "
        "for presenting a claim to a government agency or filing an administrative charge, can "
        "be much shorter, in some cases only months. We have not determined which deadlines "
        "apply to your matter or when they expire. If you wish to pursue the matter, you should "
        "consult another lawyer immediately.",
    )
    b.text(
        "If you do not know another lawyer, the lawyer referral service of your local or state "
        "bar association can help you find one."
    )
    b.text(
        "We are returning with this letter the documents you gave us. We have kept only a "
        "record of your name and the names of the other people involved, for our "
        "conflict-of-interest records."
    )
    b.text("Thank you for considering our firm. We regret that we cannot help you in this matter.")
    closing(b, enclosure="Enclosures: your documents")


def conflict_waiver_letter(b: Builder) -> None:
    """Disclosure of a conflict of interest and a request for informed written consent."""
    opening(
        b,
        recipient=CLIENT_RECIPIENT,
        re_lines=["Disclosure of a conflict of interest and request for consent", *MATTER_RE],
        salutation="Dear {{ client.name }}:",
        legend=["PRIVILEGED AND CONFIDENTIAL", "ATTORNEY-CLIENT COMMUNICATION"],
    )
    b.text(
        "{{ firm.name }} represents or has been asked to represent you in the matter referred "
        "to above. The rules of professional conduct require us to tell you about a conflict of "
        "interest and to obtain your informed written consent before we go on."
    )
    numbered_heading(b, "The Conflict")
    b.text("{{ waiver.description }}", left_indent=0.5)
    numbered_heading(b, "The Risks to You")
    b.text(
        "A conflict of interest can affect how a lawyer represents a client. The reasonably "
        "foreseeable consequences for you include these: our duties to the other client may "
        "limit the positions we can take or the steps we can pursue for you; we must keep the "
        "other client's confidential information confidential and cannot use it for you, just "
        "as we will keep yours; and if the conflict becomes more serious, we may have to "
        "withdraw from representing you, which could cause you delay and expense in finding "
        "and informing new counsel."
    )
    numbered_heading(b, "Your Choice")
    b.text(
        "You do not have to consent. You are free, and we encourage you, to consult a lawyer "
        "outside our firm about whether to do so. If you consent, you may revoke your consent "
        "at any time by telling us in writing, although revoking it may not require us to stop "
        "representing the other client. We believe we can represent you competently and "
        "diligently despite the conflict; if we come to believe otherwise, we will tell you."
    )
    b.text(
        "If you agree, please sign the consent below and return a copy to me. Please call me "
        "with any question before you sign."
    )
    closing(b)
    client_signature(
        b,
        "INFORMED WRITTEN CONSENT",
        "I have read this letter and I understand the conflict of interest it describes and "
        "the risks to me. I have had the opportunity to consult a lawyer outside "
        "{{ firm.name }}. I consent to {{ firm.name }}'s representation of me in "
        "{{ matter.title }} despite the conflict.",
    )


def client_status_letter(b: Builder) -> None:
    """A report to the client: where the matter stands, what is next, the next date if any."""
    opening(
        b,
        recipient=CLIENT_RECIPIENT,
        re_lines=[*MATTER_RE, "Status report"],
        salutation="Dear {{ client.name }}:",
        legend=["PRIVILEGED AND CONFIDENTIAL", "ATTORNEY-CLIENT COMMUNICATION"],
    )
    b.text("I am writing to bring you up to date on your matter.")
    numbered_heading(b, "Where the Matter Stands")
    b.text("{{ status.summary }}")
    b.tag("{%p if next_hearing|default(none) %}")
    b.text(
        "The next hearing, {{ next_hearing.title|default('') }}, is set for "
        "{{ next_hearing.date|default('')|long_date }} at {{ next_hearing.time|default('') }}, "
        "{{ next_hearing.location|default('') }}."
    )
    b.tag("{%p endif %}")
    b.tag("{%p if next_deadline|default(none) %}")
    b.text(
        "The next deadline is {{ next_deadline.title|default('') }}, which falls on "
        "{{ next_deadline.date|default('')|long_date }}."
    )
    b.tag("{%p endif %}")
    numbered_heading(b, "Next Steps")
    b.text("{{ status.next_steps }}")
    b.text(
        "Please call me if you have any questions, or if anything has changed that we should "
        "know about."
    )
    closing(b)


def opposing_counsel_letter(b: Builder) -> None:
    """A letter to opposing counsel on the case, with the subject and body asked for."""
    opening(
        b,
        recipient=[
            "{{ opposing_counsel.name }}",
            "{{ opposing_counsel.firm }}",
            "{{ opposing_counsel.address }}",
        ],
        re_lines=[*CASE_RE, "{{ letter.subject }}"],
        salutation="Dear Counsel:",
        via="Via e-mail ({{ opposing_counsel.email }}) and U.S. Mail",
    )
    b.text("{{ letter.body }}")
    b.text("Thank you for your attention to this matter.")
    closing(b)


def subpoena_cover_letter(b: Builder) -> None:
    """The letter sent with a subpoena for documents: what, when, how to comply or object."""
    opening(
        b,
        recipient=["{{ subpoena.witness }}"],
        re_lines=["Subpoena in {{ case.title }}", "{{ court.name }}, Case No. {{ case.number }}"],
        salutation="Dear {{ subpoena.witness }}:",
    )
    b.text(
        "This firm represents {{ client.name }} in the action referred to above. Enclosed is a "
        "subpoena issued in that action and directed to you. It calls for the following "
        "documents:"
    )
    b.text("{{ subpoena.documents }}", left_indent=0.5)
    b.text(
        "The subpoena requires compliance on {{ subpoena.date|long_date }}. Where the subpoena "
        "allows it, you may comply without appearing in person by delivering complete and "
        "legible copies of the documents to this office on or before that date, together with "
        "a signed declaration or affidavit of your custodian of records describing how the "
        "records were prepared and kept."
    )
    b.text(
        "If you have an objection to the subpoena, or would like to discuss the time, place or "
        "manner of compliance, please contact me before {{ subpoena.date|long_date }}. You may "
        "wish to consult your own attorney about the subpoena; this firm cannot advise you."
    )
    b.text("Thank you for your cooperation.")
    closing(b, enclosure="Enclosure: subpoena")
