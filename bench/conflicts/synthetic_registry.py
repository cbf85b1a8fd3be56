"""Seeded synthetic party registry and intake queries for the conflict-check benchmark."""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass

from casedesk.core.conflicts import PartyKind, RegistryParty, rules_data

COMMON_SURNAMES = [
    "smith",
    "johnson",
    "williams",
    "brown",
    "jones",
    "miller",
    "davis",
    "wilson",
    "anderson",
    "taylor",
    "thomas",
    "moore",
    "martin",
    "jackson",
    "thompson",
    "white",
    "harris",
    "clark",
    "lewis",
    "robinson",
    "walker",
    "young",
    "allen",
    "king",
    "wright",
    "scott",
    "hill",
    "green",
    "adams",
    "baker",
    "nelson",
    "carter",
    "mitchell",
    "roberts",
    "turner",
    "phillips",
    "campbell",
    "parker",
    "evans",
    "edwards",
    "collins",
    "stewart",
    "morris",
    "murphy",
    "cook",
    "rogers",
    "morgan",
    "cooper",
    "peterson",
    "bailey",
    "reed",
    "kelly",
    "howard",
    "cox",
    "ward",
    "richardson",
    "watson",
    "brooks",
    "wood",
    "james",
    "bennett",
    "gray",
    "hughes",
    "price",
    "sanders",
    "myers",
    "long",
    "ross",
    "foster",
    "powell",
    "jenkins",
    "perry",
    "russell",
    "sullivan",
    "bell",
    "coleman",
    "butler",
    "henderson",
    "barnes",
    "fisher",
    "vasquez",
    "simmons",
    "graham",
    "marshall",
    "owens",
    "harrison",
    "gibson",
    "wallace",
    "west",
    "cole",
    "hayes",
    "bryant",
    "ellis",
    "stevens",
    "murray",
    "ford",
    "marshall",
    "hamilton",
    "graham",
    "sullivan",
    "wallace",
    "woods",
    "cole",
    "west",
    "jordan",
    "owens",
    "reynolds",
    "fisher",
    "ellis",
    "harrison",
    "gibson",
    "mcdonald",
    "obrien",
    "odonnell",
    "schmidt",
    "schmitt",
    "mueller",
    "meyer",
    "weber",
    "wagner",
    "becker",
    "hoffmann",
    "schulz",
    "kowalski",
    "nowak",
    "wojcik",
    "kaminski",
    "lewandowski",
    "olsen",
    "larsen",
    "nielsen",
    "hansen",
    "johansson",
    "lindqvist",
    "petrov",
    "ivanov",
    "smirnov",
    "kuznetsov",
    "popov",
    "cohen",
    "levy",
    "katz",
    "goldberg",
    "friedman",
    "rossi",
    "russo",
    "ferrari",
    "esposito",
    "bianchi",
    "romano",
    "colombo",
    "ricci",
    "marino",
    "greco",
    "bruno",
    "gallo",
    "conti",
    "okafor",
    "okeke",
    "adeyemi",
    "mensah",
    "boateng",
    "kamau",
    "otieno",
    "patel",
    "shah",
    "mehta",
    "singh",
    "kumar",
    "sharma",
    "gupta",
    "khan",
    "ali",
    "hussain",
    "ahmed",
    "chaudhry",
    "kim",
    "lee",
    "park",
    "choi",
    "chen",
    "wang",
    "zhang",
    "liu",
    "yang",
]
HISPANIC_SURNAMES = [
    "garcia",
    "rodriguez",
    "martinez",
    "hernandez",
    "lopez",
    "gonzalez",
    "perez",
    "sanchez",
    "ramirez",
    "torres",
    "flores",
    "rivera",
    "gomez",
    "diaz",
    "reyes",
    "morales",
    "cruz",
    "ortiz",
    "gutierrez",
    "chavez",
    "ramos",
    "ruiz",
    "alvarez",
    "mendoza",
    "castillo",
    "jimenez",
    "moreno",
    "romero",
    "herrera",
    "medina",
    "aguilar",
    "vargas",
    "castro",
    "guzman",
    "fernandez",
    "salazar",
    "munoz",
    "rojas",
    "contreras",
    "dominguez",
    "guerrero",
    "delgado",
    "vega",
    "soto",
    "campos",
    "ortega",
    "nunez",
    "rios",
]
VIETNAMESE_FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
]
VIETNAMESE_MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Ngọc", "Hữu", "Quang", "Thanh", "Xuân", "Kim"]
VIETNAMESE_GIVEN = [
    "An",
    "Anh",
    "Bảo",
    "Bình",
    "Châu",
    "Chi",
    "Cường",
    "Dũng",
    "Duy",
    "Giang",
    "Hà",
    "Hải",
    "Hạnh",
    "Hiếu",
    "Hoa",
    "Hùng",
    "Hương",
    "Khánh",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Minh",
    "Nam",
    "Nga",
    "Ngọc",
    "Nhung",
    "Phong",
    "Phúc",
    "Phương",
    "Quân",
    "Quang",
    "Sơn",
    "Tâm",
    "Thành",
    "Thảo",
    "Thu",
    "Trang",
    "Trung",
    "Tuấn",
    "Tùng",
    "Vân",
    "Việt",
    "Yến",
]
SYLLABLES_A = [
    "ash",
    "bar",
    "bel",
    "black",
    "brad",
    "bright",
    "brook",
    "cald",
    "carr",
    "cham",
    "clay",
    "cold",
    "crane",
    "dal",
    "dun",
    "el",
    "fair",
    "fen",
    "fox",
    "gar",
    "glen",
    "gold",
    "green",
    "hal",
    "harr",
    "hart",
    "hay",
    "hol",
    "kings",
    "lang",
    "lock",
    "mar",
    "mel",
    "mont",
    "north",
    "oak",
    "pem",
    "ral",
    "red",
    "ros",
    "sal",
    "shel",
    "stan",
    "stone",
    "thorn",
    "tol",
    "wal",
    "went",
    "west",
    "whit",
    "wick",
    "wil",
    "win",
    "wood",
]
SYLLABLES_B = [
    "bury",
    "by",
    "combe",
    "croft",
    "dale",
    "don",
    "field",
    "ford",
    "gate",
    "grove",
    "ham",
    "hurst",
    "ington",
    "land",
    "ley",
    "low",
    "man",
    "mere",
    "more",
    "ridge",
    "shaw",
    "stead",
    "ston",
    "ton",
    "vale",
    "ville",
    "well",
    "wick",
    "worth",
]
ORG_WORDS = [
    "acme",
    "apex",
    "summit",
    "harbor",
    "river",
    "lake",
    "valley",
    "pine",
    "cedar",
    "maple",
    "oak",
    "granite",
    "iron",
    "silver",
    "golden",
    "blue",
    "red",
    "green",
    "north",
    "south",
    "coastal",
    "prairie",
    "mountain",
    "canyon",
    "bay",
    "meadow",
    "orchard",
    "willow",
    "eagle",
    "falcon",
    "hawk",
    "heron",
    "lion",
    "bear",
    "wolf",
    "fox",
    "stone",
    "bridge",
    "gate",
    "tower",
    "crown",
    "shield",
    "anchor",
    "compass",
    "beacon",
    "pioneer",
    "frontier",
    "heritage",
    "legacy",
    "liberty",
    "patriot",
    "sterling",
    "vanguard",
    "zenith",
    "vertex",
    "nexus",
    "quantum",
]
ORG_TRADES = [
    "logistics",
    "construction",
    "dental",
    "medical",
    "plumbing",
    "electric",
    "roofing",
    "trucking",
    "bakery",
    "supply",
    "consulting",
    "software",
    "systems",
    "holdings",
    "capital",
    "partners",
    "properties",
    "realty",
    "insurance",
    "manufacturing",
    "foods",
    "farms",
    "energy",
    "media",
    "publishing",
    "labs",
    "pharmacy",
    "motors",
    "airlines",
    "hospital",
    "clinic",
    "academy",
    "foundation",
    "group",
    "services",
    "solutions",
    "technologies",
    "industries",
    "enterprises",
]
CORPORATE_FORMS = [
    "Inc.",
    "LLC",
    "Corp.",
    "Co.",
    "Ltd.",
    "LLP",
    "PLLC",
    "P.C.",
    "Incorporated",
    "Corporation",
    "Company",
    "",
]
HONORIFICS = ["Dr.", "Mr.", "Mrs.", "Ms.", "Hon."]
SUFFIXES = ["Jr.", "Sr.", "III", "Esq.", "M.D."]
ROLES = ["client", "former-client", "adverse-party", "witness", "opposing-counsel", "related-party"]


def _given_names() -> list[str]:
    """Formal given names from the nickname table (roughly a thousand)."""
    relations = rules_data.nickname_relations()
    return sorted(
        name for name, related in relations.items() if len(name) >= 4 and len(related) >= 2
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class BenchQuery:
    """A query name and the registry party it was derived from ('' for an unknown name)."""

    text: str
    kind: PartyKind
    source_id: str
    variation: str


class RegistryGenerator:
    """Draws realistic party names with Zipf-like frequencies from the lists above."""

    def __init__(self, seed: int) -> None:
        """Prepare name pools; everything after depends only on the seed."""
        self.random = random.Random(seed)
        self.given = _given_names()
        invented = sorted({a + b for a in SYLLABLES_A for b in SYLLABLES_B})
        self.surnames = COMMON_SURNAMES + invented
        self.surname_weights = [1.0 / (rank + 1) ** 0.8 for rank in range(len(self.surnames))]
        self.given_weights = [1.0 / (rank + 1) ** 0.6 for rank in range(len(self.given))]
        self.surname_cum = list(itertools.accumulate(self.surname_weights))
        self.given_cum = list(itertools.accumulate(self.given_weights))

    def _given(self) -> str:
        return self.random.choices(self.given, cum_weights=self.given_cum)[0].title()

    def _surname(self) -> str:
        return self.random.choices(self.surnames, cum_weights=self.surname_cum)[0].title()

    def person_name(self) -> str:
        """A person: Anglo with optional middle, Hispanic two-surname, Vietnamese or hyphenated."""
        roll = self.random.random()
        if roll < 0.12:
            return f"{self._given()} {self.random.choice(HISPANIC_SURNAMES).title()} {self.random.choice(HISPANIC_SURNAMES).title()}"
        if roll < 0.18:
            return f"{self.random.choice(VIETNAMESE_FAMILY)} {self.random.choice(VIETNAMESE_MIDDLE)} {self.random.choice(VIETNAMESE_GIVEN)}"
        if roll < 0.24:
            return f"{self._given()} {self._surname()}-{self._surname()}"
        if roll < 0.60:
            middle = self._given() if self.random.random() < 0.5 else self._given()[0] + "."
            return f"{self._given()} {middle} {self._surname()}"
        return f"{self._given()} {self._surname()}"

    def organization_name(self) -> str:
        """An organization: word(s) + trade + legal form, or a surname firm."""
        form = self.random.choice(CORPORATE_FORMS)
        if self.random.random() < 0.3:
            core = f"{self._surname()} & {self._surname()}"
        else:
            words = self.random.sample(ORG_WORDS, self.random.choice((1, 1, 2)))
            core = (
                " ".join(word.title() for word in words)
                + " "
                + self.random.choice(ORG_TRADES).title()
            )
        return f"{core} {form}".strip()

    def registry(self, size: int) -> list[RegistryParty]:
        """Generate the registry: 80% persons, 20% organizations, ~20% with an alias."""
        parties = []
        for number in range(size):
            is_person = self.random.random() < 0.8
            name = self.person_name() if is_person else self.organization_name()
            aliases: tuple[str, ...] = ()
            if self.random.random() < 0.2:
                if is_person:
                    first = name.split()[0]
                    aliases = (f"{first} {self._surname()}",)  # maiden / former name
                else:
                    aliases = (
                        f"{self.random.choice(ORG_WORDS).title()} {self.random.choice(ORG_TRADES).title()}",
                    )
            parties.append(
                RegistryParty(
                    id=f"R{number:07d}",
                    name=name,
                    kind=PartyKind.PERSON if is_person else PartyKind.ORGANIZATION,
                    role=self.random.choice(ROLES),
                    matter=f"M-{number // 3:06d}",
                    aliases=aliases,
                )
            )
        return parties

    def _typo(self, word: str) -> str:
        if len(word) < 5:
            return word
        position = self.random.randrange(1, len(word) - 1)
        action = self.random.choice(("swap", "drop", "double"))
        if action == "swap":
            return word[:position] + word[position + 1] + word[position] + word[position + 2 :]
        if action == "drop":
            return word[:position] + word[position + 1 :]
        return word[:position] + word[position] + word[position:]

    def variant(self, party: RegistryParty) -> tuple[str, str]:
        """A spelling of a party's name as an intake form might have it, and what changed."""
        name = party.name
        if party.kind is PartyKind.ORGANIZATION:
            choice = self.random.choice(("case", "form", "typo", "the"))
            words = name.split()
            if choice == "case":
                return name.upper(), choice
            if choice == "form":
                core = [w for w in words if w not in CORPORATE_FORMS]
                return " ".join(core + [self.random.choice(CORPORATE_FORMS)]).strip(), choice
            if choice == "typo":
                longest = max(range(len(words)), key=lambda i: len(words[i]))
                words[longest] = self._typo(words[longest])
                return " ".join(words), choice
            return "The " + name, choice
        words = name.replace("-", " ").split()
        choice = self.random.choice(
            ("case", "order", "middle", "nickname", "typo", "honorific", "initial")
        )
        if choice == "case":
            return name.lower(), choice
        if choice == "order":
            return f"{words[-1]}, {' '.join(words[:-1])}", choice
        if choice == "middle" and len(words) == 3:
            return f"{words[0]} {words[2]}", choice
        if choice == "nickname":
            related = sorted(rules_data.nickname_relations().get(words[0].lower(), ()))
            if related:
                return " ".join([self.random.choice(related).title(), *words[1:]]), choice
        if choice == "typo":
            return " ".join([*words[:-1], self._typo(words[-1])]), choice
        if choice == "honorific":
            return f"{self.random.choice(HONORIFICS)} {name} {self.random.choice(SUFFIXES)}", choice
        if choice == "initial" and len(words) >= 2:
            return f"{words[0][0]}. {' '.join(words[1:])}", choice
        return name, "exact"

    def intakes(
        self, parties: list[RegistryParty], count: int, names_per_intake: int = 3
    ) -> list[list[BenchQuery]]:
        """Intakes of several names: 75% variants of registry names, 25% unknown people/orgs."""
        result = []
        for _ in range(count):
            intake = []
            for _ in range(names_per_intake):
                if self.random.random() < 0.75:
                    party = self.random.choice(parties)
                    text, variation = self.variant(party)
                    intake.append(
                        BenchQuery(
                            text=text, kind=party.kind, source_id=party.id, variation=variation
                        )
                    )
                elif self.random.random() < 0.8:
                    intake.append(
                        BenchQuery(
                            text=self.person_name(),
                            kind=PartyKind.PERSON,
                            source_id="",
                            variation="unknown",
                        )
                    )
                else:
                    intake.append(
                        BenchQuery(
                            text=self.organization_name(),
                            kind=PartyKind.ORGANIZATION,
                            source_id="",
                            variation="unknown",
                        )
                    )
            result.append(intake)
        return result
