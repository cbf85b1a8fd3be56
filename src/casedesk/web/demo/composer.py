"""Composing fictional people and companies for the demo firm: names in many traditions,
aliases, e-mail addresses under reserved example domains, 555-01xx phone numbers.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from unidecode import unidecode

from casedesk.web.demo import names as N


@dataclass
class ContactSpec:
    key: str
    kind: str
    name: str
    caption: str  # how the name reads in a case title
    aliases: list[tuple[str, str]] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    address: dict[str, str] = field(default_factory=dict)
    notes: str = ""


class Composer:
    """Makes unique contacts from one seeded ``rng``; subclasses plan what to do with them."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.contacts: dict[str, ContactSpec] = {}
        self.used: set[str] = set()
        self.org_words: set[str] = set()
        self.seq = 0

    # ------------------------------------------------------------------ contacts
    def _add(self, kind: str, name: str, caption: str, **extra: object) -> ContactSpec:
        self.seq += 1
        spec = ContactSpec(key=f"c{self.seq}", kind=kind, name=name, caption=caption, **extra)  # type: ignore[arg-type]
        self.contacts[spec.key] = spec
        self.used.add(name.casefold())
        return spec

    def _details(self, spec: ContactSpec, *, full: bool) -> None:
        rng = self.rng
        city, state, zip3 = rng.choice(N.CITIES)
        slug = "".join(
            ch for ch in unidecode(spec.name).lower() if ch.isalnum() or ch == " "
        ).split()
        if spec.kind == "person":
            local = ".".join(slug[:1] + slug[-1:]) if slug else f"client{self.seq}"
            spec.emails = [f"{local}@{rng.choice(('example.com', 'example.net', 'example.org'))}"]
        else:
            spec.emails = [
                f"{rng.choice(('info', 'legal', 'office'))}@{''.join(slug[:2]) or 'firm'}.example"
            ]
        spec.phones = [f"({rng.choice(N.AREA_CODES[state])}) 555-01{rng.randint(0, 99):02d}"]
        if full:
            spec.address = {
                "street": f"{rng.randint(10, 9899)} {rng.choice(N.STREETS)}",
                "city": city,
                "region": state,
                "postal_code": f"{zip3}{rng.randint(1, 99):02d}",
                "country": "USA",
            }

    def person(
        self, style: str | None = None, *, full: bool = True, surname: str = ""
    ) -> ContactSpec:
        rng = self.rng
        style = (
            style
            or rng.choices(
                (
                    "anglo",
                    "hispanic",
                    "vietnamese",
                    "vietnamese-western",
                    "arabic",
                    "chinese",
                    "chinese-family-first",
                    "hyphenated",
                    "other",
                    "own-script",
                ),
                weights=(28, 20, 7, 4, 8, 6, 4, 7, 10, 4),
            )[0]
        )
        for _ in range(200):
            aliases: list[tuple[str, str]] = []
            if style == "anglo":
                (first, nick), last = rng.choice(N.ANGLO_FIRST), surname or rng.choice(N.ANGLO_LAST)
                initial = f" {rng.choice('ABCDEFGHJKLMNPRSTW')}." if rng.random() < 0.3 else ""
                name, caption = f"{first}{initial} {last}", last
                if nick and rng.random() < 0.35:
                    aliases.append((f"{nick} {last}", "nickname"))
            elif style == "hispanic":
                first = rng.choice(N.HISPANIC_FIRST)
                p, m = rng.sample(N.HISPANIC_SURNAMES, 2)
                name, caption = f"{first} {p} {m}", f"{p} {m}"
                if rng.random() < 0.4:
                    aliases.append((f"{first} {p}", "other"))
            elif style == "vietnamese":
                fam, mid, giv = (
                    rng.choice(N.VIETNAMESE_FAMILY),
                    rng.choice(N.VIETNAMESE_MIDDLE),
                    rng.choice(N.VIETNAMESE_GIVEN),
                )
                name, caption = f"{fam} {mid} {giv}", fam
                if rng.random() < 0.5:
                    aliases.append((unidecode(f"{giv} {fam}"), "other"))
            elif style == "vietnamese-western":
                fam, giv = rng.choice(N.VIETNAMESE_FAMILY), rng.choice(N.VIETNAMESE_GIVEN)
                name, caption = unidecode(f"{giv} {fam}"), unidecode(fam)
            elif style == "arabic":
                first, last = rng.choice(N.ARABIC_FIRST), rng.choice(N.ARABIC_LAST)
                name, caption = f"{first} {last}", last
            elif style in ("chinese", "chinese-family-first"):
                giv, fam = rng.choice(N.CHINESE_GIVEN), rng.choice(N.CHINESE_FAMILY)
                name = f"{giv} {fam}" if style == "chinese" else f"{fam} {giv}"
                caption = fam
                if style == "chinese" and rng.random() < 0.3:
                    aliases.append(
                        (
                            rng.choice(("Vivian", "Kevin", "Grace", "Jason", "Helen")) + f" {fam}",
                            "nickname",
                        )
                    )
            elif style == "hyphenated":
                first, _ = rng.choice(N.ANGLO_FIRST)
                last = rng.choice(N.HYPHENATED_LAST)
                name, caption = f"{first} {last}", last
                if rng.random() < 0.5:
                    aliases.append((f"{first} {last.split('-')[rng.randint(0, 1)]}", "maiden"))
            elif style == "own-script":
                name, roman = rng.choice(N.OWN_SCRIPT)
                caption = (
                    roman.split()[-1]
                    if not roman.startswith(("Wang", "Li ", "Chen", "Kim"))
                    else roman.split()[0]
                )
                aliases.append((roman, "other"))
            else:
                first, last = rng.choice(N.OTHER_PEOPLE)
                name, caption = f"{first} {last}", last
            if name.casefold() not in self.used:
                spec = self._add("person", name, caption, aliases=aliases)
                self._details(spec, full=full)
                return spec
            style = rng.choice(("anglo", "hispanic", "other", "hyphenated"))
        raise RuntimeError("ran out of demo names")  # pragma: no cover

    def organization(self, trade: str | None = None, *, full: bool = True) -> ContactSpec:
        rng = self.rng
        for _ in range(400):
            form = rng.choice(N.CORPORATE_FORMS)
            word = (
                rng.choice(N.ORG_WORDS)
                if rng.random() < 0.15
                else rng.choice(N.ORG_STEMS) + rng.choice(N.ORG_ENDINGS)
            )
            if word.casefold() in self.org_words:
                continue
            what = trade or rng.choice(N.FORM_TRADE_OVERRIDES.get(form, N.ORG_TRADES))
            base = f"{word} {what}"
            name = f"{base}{form}" if form.startswith(",") else f"{base} {form}"
            if name.casefold() in self.used or any(
                u.startswith(base.casefold()) for u in self.used
            ):
                continue
            aliases: list[tuple[str, str]] = []
            roll = rng.random()
            if roll < 0.12:
                aliases.append(
                    ("".join(w[0] for w in base.replace("&", "").split()).upper(), "abbreviation")
                )
            elif roll < 0.22:
                aliases.append(
                    (f"{word} {rng.choice(('Market', 'Kitchen', 'Outlet', 'Studio'))}", "dba")
                )
            elif roll < 0.30:
                former = rng.choice(N.ORG_STEMS) + rng.choice(N.ORG_ENDINGS)
                aliases.append((f"{former} {what} {form.lstrip(', ')}", "former"))
            spec = self._add("organization", name, base, aliases=aliases)
            self.org_words.add(word.casefold())
            self._details(spec, full=full)
            return spec
        raise RuntimeError("ran out of demo company names")  # pragma: no cover

    def fixed_org(
        self, name: str, caption: str, aliases: list[tuple[str, str]] | None = None
    ) -> ContactSpec:
        spec = self._add("organization", name, caption, aliases=aliases or [])
        self._details(spec, full=True)
        return spec

    # ------------------------------------------------------------------ the firm
