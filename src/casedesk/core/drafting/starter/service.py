"""The proof of service: one template for every court family and service method.

``service.method`` picks one paragraph per method (the values of
``core.deadlines.SERVICE_METHODS`` other than "none"), and ``court.family`` picks the
wording of that method under the family's rule: Fed. R. Civ. P. 5(b)(2); Code Civ. Proc.
§§ 1010.6, 1011, 1013, 1013a and 1015; CPLR 2103(b); Tex. R. Civ. P. 21a. The signature is
a declaration under penalty of perjury in the family's form (28 U.S.C. § 1746, Code Civ.
Proc. § 2015.5, the CPLR 2106 affirmation, Tex. Civ. Prac. & Rem. Code § 132.001).
"""

from __future__ import annotations

from casedesk.core.drafting.starter.captions import family_caption
from casedesk.core.drafting.starter.docx_build import Builder

FAMILIES = ("federal", "ca", "ny", "tx")
SERVER_ADDRESS = "{{ service.server_address|replace('\\n', ', ') }}"

_CA_MAIL = (
    "I enclosed the documents in a sealed envelope addressed to each person served at the "
    "address listed above and placed the envelope for collection and mailing, following our "
    "ordinary business practices. I am readily familiar with this office's practice for "
    "collecting and processing correspondence for mailing: on the same day that "
    "correspondence is placed for collection and mailing, it is deposited in the ordinary "
    "course of business with the United States Postal Service, in a sealed envelope with "
    "postage fully prepaid. I am a resident of or employed in the county where the mailing "
    "occurred, and the envelope was placed for collection and mailing at my business address "
    "stated above."
)
_FED_MAIL = (
    "I enclosed the documents in a sealed envelope addressed to each person served at the "
    "last known address listed above and deposited it with the United States Postal Service, "
    "with first-class postage fully prepaid."
)
_NY_MAIL = (
    "I deposited a true copy of the documents, enclosed in a post-paid wrapper, in an "
    "official depository under the exclusive care and custody of the United States Postal "
    "Service within the State of New York, addressed to each attorney served at the address designated for that "
    "purpose or, if none was designated, at the last known address listed above."
)
_TX_MAIL = (
    "I deposited the documents in the United States mail, postpaid and properly addressed "
    "to each person served at the address listed above."
)
_OTHER_MAIL = (
    "I enclosed the documents in a sealed envelope addressed to each person served at the "
    "address listed above and deposited it in the United States mail, with first-class "
    "postage fully prepaid."
)


def _mail(label: str, extra: str = "", ca_extra: str = "") -> dict[str, str]:
    """The mail paragraphs of every family, with ``extra`` on where the addresses are."""
    return {
        "federal": f"{label} (Fed. R. Civ. P. 5(b)(2)(C)): {_FED_MAIL}{extra}",
        "ca": f"{label} (Code Civ. Proc. §§ 1013(a), 1013a(3)): {_CA_MAIL}{ca_extra}",
        "ny": f"{label} (CPLR 2103(b)(2)): {_NY_MAIL}{extra}",
        "tx": f"{label} (Tex. R. Civ. P. 21a(a)(2), (b)(1)): {_TX_MAIL}{extra}",
        "other": f"{label}: {_OTHER_MAIL}{extra}",
    }


# method -> family -> the paragraph (the method's name in capitals, the rule, what was done)
METHODS: dict[str, dict[str, str]] = {
    "personal": {
        "federal": "BY PERSONAL SERVICE (Fed. R. Civ. P. 5(b)(2)(A)–(B)): I handed the "
        "documents to each person served or left them at the person's office with a clerk or "
        "other person in charge or, if no one was in charge, in a conspicuous place in the "
        "office.",
        "ca": "BY PERSONAL SERVICE (Code Civ. Proc. § 1011): I delivered the documents by hand "
        "to each person served or, for an attorney, left them at the attorney's office in an "
        "envelope or package clearly labeled to identify the attorney being served, with a "
        "receptionist or with a person having charge of the office.",
        "ny": "BY PERSONAL DELIVERY (CPLR 2103(b)(1), (3)): I delivered the documents to each "
        "attorney served personally or, the attorney's office being open, left them there "
        "with a person in charge.",
        "tx": "BY DELIVERY IN PERSON (Tex. R. Civ. P. 21a(a)(2)): I delivered the documents in "
        "person, by agent, or by courier-receipted delivery to each person served.",
        "other": "BY PERSONAL SERVICE: I delivered the documents by hand to each person served.",
    },
    "electronic": {
        "federal": "BY ELECTRONIC SERVICE (Fed. R. Civ. P. 5(b)(2)(E)): I filed the documents "
        "with the Court's electronic-filing system, which sent notice of the filing to each "
        "person served as a registered user, or sent them by other electronic means that the "
        "person consented to in writing, to the electronic address listed above.",
        "ca": "BY ELECTRONIC SERVICE (Code Civ. Proc. § 1010.6): Based on a court order, an "
        "agreement of the parties to accept electronic service, or the electronic service "
        "address the person served has given, I caused the documents to be sent to each "
        "person at the electronic service address listed above. I did not receive, within a "
        "reasonable time after the transmission, any electronic message or other indication "
        "that the transmission was unsuccessful.",
        "ny": "BY ELECTRONIC MEANS (CPLR 2103(b)(7)): I caused the documents to be transmitted "
        "electronically to each attorney served, through the New York State Courts Electronic "
        "Filing System (NYSCEF) or by other electronic means the attorney consented to, at "
        "the electronic address listed above.",
        "tx": "BY ELECTRONIC SERVICE (Tex. R. Civ. P. 21a(a)(1)): I served the documents "
        "electronically, through the electronic filing manager or by e-mail, at the e-mail "
        "address of each person served listed above.",
        "other": "BY ELECTRONIC SERVICE: I caused the documents to be transmitted "
        "electronically to each person served at the electronic address listed above, the "
        "person having consented to electronic service.",
    },
    "mail": _mail("BY MAIL"),
    "mail-out-of-state": _mail(
        "BY MAIL TO AN ADDRESS OUTSIDE THE STATE",
        " Each address is outside the state but within the United States.",
        " The place of address is outside the State of California but within the United States.",
    ),
    "mail-international": _mail(
        "BY MAIL TO AN ADDRESS OUTSIDE THE UNITED STATES",
        " Each address is outside the United States.",
        " The place of address is outside the United States.",
    ),
    "clerk": {
        "federal": "BY LEAVING WITH THE CLERK (Fed. R. Civ. P. 5(b)(2)(D)): The person served "
        "having no known address, I left the documents with the clerk of the Court.",
        "ca": "BY SERVICE ON THE CLERK (Code Civ. Proc. § 1015): The party served resides out "
        "of the state and has no attorney in the action, or the party's attorney has no known "
        "office in this state and has filed no address for service, so I left the documents "
        "with the clerk of the Court for that party.",
        "ny": "BY LEAVING WITH THE CLERK: No address for service being designated by or known "
        "for the person served, I left the documents with the clerk of the Court, as the Court "
        "permitted.",
        "tx": "BY LEAVING WITH THE CLERK (Tex. R. Civ. P. 21a(a)(2)): As the Court directed, I "
        "left the documents with the clerk of the Court for the person served.",
        "other": "BY LEAVING WITH THE CLERK: The person served having no known address, I "
        "left the documents with the clerk of the Court.",
    },
    "other-consented": {
        "federal": "BY OTHER MEANS CONSENTED TO IN WRITING (Fed. R. Civ. P. 5(b)(2)(F)): I "
        "delivered the documents by a means that each person served consented to in writing; "
        "where that means was an agency designated to make delivery, I delivered the documents "
        "to that agency.",
        "ca": "BY OTHER MEANS AGREED TO IN WRITING (Code Civ. Proc. § 1013(c), (e)): As the "
        "person served agreed in writing, I sent the documents by facsimile transmission to "
        "the fax number listed above, or deposited them, in a sealed envelope or package "
        "addressed to the person at the address listed above with delivery fees paid or "
        "provided for, in a box or other facility regularly maintained by an express service "
        "carrier for overnight delivery.",
        "ny": "BY FACSIMILE OR OVERNIGHT DELIVERY (CPLR 2103(b)(5), (6)): I transmitted the "
        "documents by facsimile to the number each attorney served designated for that "
        "purpose, or dispatched them to the attorney by overnight delivery service at the "
        "address designated for that purpose or, if none was designated, at the last known "
        "address listed above.",
        "tx": "BY OTHER MEANS (Tex. R. Civ. P. 21a(a)(2)): I served the documents by "
        "commercial delivery service, by fax, or by e-mail, as each person served agreed, at "
        "the address, fax number or e-mail address listed above.",
        "other": "BY OTHER MEANS CONSENTED TO IN WRITING: I delivered the documents by a means "
        "each person served consented to in writing.",
    },
}

DECLARATIONS: dict[str, str] = {
    "federal": "I declare under penalty of perjury under the laws of the United States of "
    "America that the foregoing is true and correct. Executed on {{ today|long_date }}.",
    "ca": "I declare under penalty of perjury under the laws of the State of California that "
    "the foregoing is true and correct. Executed on {{ today|long_date }}, at "
    "____________________, California.",
    "ny": "I affirm this {{ today|legal_date|replace('the ', '', 1) }}, under the penalties of "
    "perjury under the laws of New York, which may include a fine or imprisonment, that the "
    "foregoing is true, and I understand that this document may be filed in an action or "
    "proceeding in a court of law.",
    "tx": "My name is {{ service.server_name }}, my date of birth is ____________________, and "
    "my address is " + SERVER_ADDRESS + ". I declare under penalty of perjury that the "
    "foregoing is true and correct. Executed in ____________________ County, State of Texas, "
    "on {{ today|legal_date }}.",
    "other": "I declare under penalty of perjury that the foregoing is true and correct. "
    "Executed on {{ today|long_date }}.",
}

TITLE = (
    '{% if court.family == "ny" %}AFFIRMATION OF SERVICE'
    '{% elif court.family == "tx" %}CERTIFICATE OF SERVICE'
    "{% else %}PROOF OF SERVICE{% endif %}"
)


def by_family(b: Builder, texts: dict[str, str], **kwargs: object) -> None:
    """One paragraph per court family, the right one chosen by ``court.family``."""
    for index, family in enumerate(FAMILIES):
        keyword = "if" if index == 0 else "elif"
        b.tag(f'{{%p {keyword} court.family == "{family}" %}}')
        b.body(texts[family], **kwargs)
    b.tag("{%p else %}")
    b.body(texts["other"], **kwargs)
    b.tag("{%p endif %}")


def proof_of_service(b: Builder) -> None:
    """The proof of service: who served, what, on whom, how (by method and family), signed."""
    family_caption(b, TITLE)
    b.body(
        "I, {{ service.server_name }}, "
        '{% if court.family == "ny" %}affirm{% else %}declare{% endif %}: I am over eighteen '
        "years of age and not a party to this action. My business address is "
        + SERVER_ADDRESS
        + "."
    )
    b.body("On {{ service.date|long_date }}, I served the following documents:")
    b.body("{{ service.documents }}", left_indent=0.5, first_indent=0, double=False)
    b.para("")
    b.body("on the following persons, at the addresses shown:", first_indent=0)
    b.body("{{ service.served }}", left_indent=0.5, first_indent=0, double=False)
    b.para("")
    b.body("in the following manner:", first_indent=0)
    for method, texts in METHODS.items():
        b.tag(f'{{%p if service.method == "{method}" %}}')
        by_family(b, texts)
        b.tag("{%p endif %}")
    by_family(b, DECLARATIONS)
    b.para("")
    b.para("______________________________", left_indent=3.25, keep_with_next=True)
    b.para("{{ service.server_name }}", left_indent=3.25)
