"""Trial materials of a matter: exhibits (with their stickered PDFs and status at trial),
witnesses for the FRCP 26(a)(3) witness list, the header of a proceeding's lists (AO 187),
and the privilege log (FRCP 26(b)(5)(A)).

Everything belongs to a matter and is read through ``casedesk.web.access`` (see
:mod:`.selectors`); exhibits and witnesses are grouped by *proceeding* ("Trial", "Hearing on
motion to dismiss"), free text of the user's choosing.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from casedesk.web.contacts.models import Contact
from casedesk.web.documents.models import Blob, Document, DocumentVersion
from casedesk.web.matters.models import Matter

DEFAULT_PROCEEDING = "Trial"


class Party(models.TextChoices):
    PLAINTIFF = "plaintiff", "Plaintiff"
    DEFENDANT = "defendant", "Defendant"
    JOINT = "joint", "Joint"


PARTY_SHORT = {Party.PLAINTIFF: "PX", Party.DEFENDANT: "DX", Party.JOINT: "JX"}


class ExhibitStatus(models.TextChoices):
    LISTED = "listed", "Listed"
    OFFERED = "offered", "Offered"
    ADMITTED = "admitted", "Admitted"
    REFUSED = "refused", "Refused"
    WITHDRAWN = "withdrawn", "Withdrawn"


class StickerStatus(models.TextChoices):
    NONE = "none", "No file (physical exhibit)"
    QUEUED = "queued", "Waiting for the worker"
    RUNNING = "running", "Putting the sticker on"
    DONE = "done", "Stickered PDF ready"
    FAILED = "failed", "No sticker"


class Exhibit(models.Model):
    """One exhibit of a party in a proceeding: a document of the matter (stickered on its first
    page) or a physical exhibit known only by its description."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="exhibits")
    proceeding = models.CharField(max_length=200, default=DEFAULT_PROCEEDING)
    # A purged document leaves the exhibit on the list with its description.
    document = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.SET_NULL, related_name="exhibits"
    )
    version = models.ForeignKey(  # the version that was stickered
        DocumentVersion, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    party = models.CharField(max_length=12, choices=Party.choices)
    number = models.CharField(max_length=40)  # the label: "12", "AB", "ACME000101"
    sort_key = models.CharField(max_length=200, db_index=True)
    description = models.TextField()
    witness = models.CharField(max_length=300, blank=True)  # sponsoring witness
    bates = models.CharField(max_length=100, blank=True)  # "ACME000101-ACME000112"
    marked_on = models.DateField(null=True, blank=True)
    offered_on = models.DateField(null=True, blank=True)
    admitted_on = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=ExhibitStatus.choices, default=ExhibitStatus.LISTED
    )
    status_on = models.DateField(null=True, blank=True)
    status_note = models.CharField(max_length=500, blank=True)
    sticker_status = models.CharField(
        max_length=10, choices=StickerStatus.choices, default=StickerStatus.NONE
    )
    sticker_message = models.CharField(max_length=500, blank=True)
    sticker = models.ForeignKey(  # the stickered PDF (core.pdf.exhibit.exhibit_stamp)
        Blob, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["matter", "proceeding", "party", "sort_key", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["matter", "proceeding", "party", "number"], name="trial_exhibit_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.label} {self.description[:60]}"

    @property
    def label(self) -> str:
        """ "PX 12", "DX A", "JX 3"."""
        return f"{PARTY_SHORT.get(self.party, '')} {self.number}".strip()

    @property
    def sticker_pending(self) -> bool:
        return self.sticker_status in (StickerStatus.QUEUED, StickerStatus.RUNNING)


class TrialDetails(models.Model):
    """What a proceeding's exhibit and witness lists say in their heading (AO 187) that the
    matter itself does not hold: the caption, counsel, trial dates, reporter and deputy."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="trial_details")
    proceeding = models.CharField(max_length=200, default=DEFAULT_PROCEEDING)
    caption = models.CharField(max_length=500, blank=True)  # blank: the matter's title
    plaintiff_attorneys = models.TextField(blank=True)
    defendant_attorneys = models.TextField(blank=True)
    trial_dates = models.CharField(max_length=200, blank=True)
    court_reporter = models.CharField(max_length=200, blank=True)
    courtroom_deputy = models.CharField(max_length=200, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["matter", "proceeding"], name="trial_details_unique")
        ]

    def __str__(self) -> str:
        return f"{self.matter_id}: {self.proceeding}"


class WillCall(models.TextChoices):
    WILL = "will", "Will call"
    MAY = "may", "May call"


class Witness(models.Model):
    """A witness a party expects to present (will call) or may call, in person or by
    deposition (FRCP 26(a)(3)(A)(i)-(ii))."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="witnesses")
    proceeding = models.CharField(max_length=200, default=DEFAULT_PROCEEDING)
    name = models.CharField(max_length=500)
    contact = models.ForeignKey(
        Contact, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    address = models.TextField(blank=True)
    phone = models.CharField(max_length=60, blank=True)
    email = models.CharField(max_length=254, blank=True)
    party = models.CharField(max_length=12, choices=Party.choices, default=Party.PLAINTIFF)
    will_call = models.CharField(max_length=4, choices=WillCall.choices, default=WillCall.WILL)
    by_deposition = models.BooleanField(default=False)
    deposition_designations = models.TextField(blank=True)  # "12:3-14:22; 40:1-41:9"
    notes = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["matter", "proceeding", "party", "position", "id"]

    def __str__(self) -> str:
        return self.name


class Privilege(models.TextChoices):
    ATTORNEY_CLIENT = "attorney_client", "Attorney-client privilege"
    WORK_PRODUCT = "work_product", "Work product"
    BOTH = "ac_wp", "Attorney-client privilege; work product"
    COMMON_INTEREST = "common_interest", "Common interest"
    JOINT_DEFENSE = "joint_defense", "Joint defense"
    OTHER = "other", "Other"


class Treatment(models.TextChoices):
    WITHHELD = "withheld", "Withheld"
    REDACTED = "redacted", "Redacted"


class PrivilegeEntry(models.Model):
    """One line of the privilege log: a document withheld or redacted as privileged, described
    without revealing what is privileged (FRCP 26(b)(5)(A))."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="privilege_entries")
    # One entry per document; a purged document's entry stays on the log.
    document = models.OneToOneField(
        Document, null=True, blank=True, on_delete=models.SET_NULL, related_name="privilege_entry"
    )
    seq = models.PositiveIntegerField()  # per matter: 1, 2, 3 (never reused)
    number = models.CharField(max_length=20)  # "PRIV-0001"
    date = models.DateField(null=True, blank=True)
    doc_type = models.CharField(max_length=100, blank=True)
    author = models.CharField(max_length=500, blank=True)
    recipients_to = models.TextField(blank=True)
    recipients_cc = models.TextField(blank=True)
    recipients_bcc = models.TextField(blank=True)
    privilege = models.CharField(
        max_length=20, choices=Privilege.choices, default=Privilege.ATTORNEY_CLIENT
    )
    privilege_other = models.CharField(max_length=200, blank=True)
    treatment = models.CharField(
        max_length=10, choices=Treatment.choices, default=Treatment.WITHHELD
    )
    description = models.TextField()
    bates = models.CharField(max_length=100, blank=True)  # of a redacted, produced document
    quote_warning = models.CharField(max_length=1000, blank=True)  # set when it is saved
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["matter", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["matter", "seq"], name="trial_privilege_seq_unique")
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def privilege_text(self) -> str:
        """The privilege asserted as the log shows it ("Other: accountant-client")."""
        if self.privilege == Privilege.OTHER:
            return self.privilege_other or "Other"
        return str(self.get_privilege_display())
