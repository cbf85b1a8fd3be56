"""E-mail messages: templates whose filled-in text becomes an e-mail's subject and body.

The first paragraph reads ``Subject: …``; every other paragraph is a paragraph of the body.
The correspondence page turns a rendered template into the message to send, so these are
plain: no letterhead, no tables, one paragraph per thought.
"""

from __future__ import annotations

from casedesk.core.drafting.starter.docx_build import Builder

SUBJECT_PREFIX = "Subject: "


def _sign(b: Builder) -> None:
    b.text("Best regards,", space_after=0)
    b.text("{{ attorney.signature_block }}")


def client_update_email(b: Builder) -> None:
    """A short status update to the client."""
    b.text(SUBJECT_PREFIX + "{{ matter.title }}: where things stand")
    b.text("Dear {{ client.first_name }},")
    b.text("I write to bring you up to date on your matter.")
    b.text("{{ status.summary }}")
    b.tag("{%p if next_hearing|default(none) %}")
    b.text(
        "The next hearing is the {{ next_hearing.title }} on "
        "{{ next_hearing.date|long_date }}{% if next_hearing.time %} at "
        "{{ next_hearing.time }}{% endif %}."
    )
    b.tag("{%p endif %}")
    b.text("What happens next: {{ status.next_steps }}")
    b.text(
        "Please reply to this e-mail{% if firm.phone %} or call me at {{ firm.phone }}"
        "{% endif %} with any questions. "
        "Because this e-mail is a confidential attorney-client communication, please do not "
        "forward it to anyone else."
    )
    _sign(b)


def transmittal_email(b: Builder) -> None:
    """Sending documents as attachments."""
    b.text(SUBJECT_PREFIX + "{{ matter.title }}: documents attached")
    b.text("Dear {{ cover.to }},")
    b.text("Attached, in {{ case.title }}, please find the following:")
    b.text("{{ cover.message }}")
    b.text("Please let me know if any attachment does not open.")
    _sign(b)


def opposing_counsel_email(b: Builder) -> None:
    """A message to opposing counsel on the case."""
    b.text(SUBJECT_PREFIX + "{{ case.title }}, No. {{ case.number }}: {{ letter.subject }}")
    b.text("Dear {{ opposing_counsel.name }}:")
    b.text("{{ letter.body }}")
    _sign(b)
