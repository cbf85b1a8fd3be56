"""People and organizations the firm knows, with their aliases, addresses and relationships."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ContactKind(models.TextChoices):
    PERSON = "person", "Person"
    ORGANIZATION = "organization", "Organization"


class Contact(models.Model):
    """A person or organization: a client, an adverse party, a witness, a judge, anyone."""

    kind = models.CharField(max_length=16, choices=ContactKind.choices)
    name = models.CharField(max_length=500, db_index=True)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class AliasKind(models.TextChoices):
    MAIDEN = "maiden", "Maiden name"
    FORMER = "former", "Former name"
    DBA = "dba", "Doing business as"
    ABBREVIATION = "abbreviation", "Abbreviation"
    NICKNAME = "nickname", "Nickname"
    OTHER = "other", "Other"


class ContactAlias(models.Model):
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=500)
    kind = models.CharField(max_length=16, choices=AliasKind.choices, default=AliasKind.OTHER)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["contact", "name"], name="alias_unique_per_contact")
        ]

    def __str__(self) -> str:
        return self.name


class ContactAddress(models.Model):
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="addresses")
    label = models.CharField(max_length=40, default="work")
    street = models.CharField(max_length=300, blank=True)
    city = models.CharField(max_length=120, blank=True)
    region = models.CharField(max_length=120, blank=True)
    postal_code = models.CharField(max_length=20, blank=True)
    country = models.CharField(max_length=80, blank=True, default="USA")

    def __str__(self) -> str:
        parts = [self.street, self.city, " ".join(p for p in (self.region, self.postal_code) if p)]
        return ", ".join(p for p in parts if p)


class ContactPhone(models.Model):
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="phones")
    label = models.CharField(max_length=40, default="work")
    number = models.CharField(max_length=40)

    def __str__(self) -> str:
        return self.number


class ContactEmail(models.Model):
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="emails")
    label = models.CharField(max_length=40, default="work")
    address = models.EmailField(max_length=254)

    def __str__(self) -> str:
        return self.address


class RelationshipKind(models.TextChoices):
    PARENT_OF = "parent-of", "Parent company of"
    SUBSIDIARY_OF = "subsidiary-of", "Subsidiary of"
    SPOUSE_OF = "spouse-of", "Spouse of"
    OFFICER_OF = "officer-of", "Officer of"
    EMPLOYEE_OF = "employee-of", "Employee of"
    AFFILIATE_OF = "affiliate-of", "Affiliate of"


class ContactRelationship(models.Model):
    """``from_contact`` is ``kind`` ``to_contact`` (e.g. Jane Roe is officer-of Acme Inc.)."""

    from_contact = models.ForeignKey(
        Contact, on_delete=models.CASCADE, related_name="relationships_out"
    )
    to_contact = models.ForeignKey(
        Contact, on_delete=models.CASCADE, related_name="relationships_in"
    )
    kind = models.CharField(max_length=20, choices=RelationshipKind.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["from_contact", "to_contact", "kind"], name="relationship_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(from_contact=models.F("to_contact")),
                name="relationship_not_self",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_contact} {self.get_kind_display().lower()} {self.to_contact}"
