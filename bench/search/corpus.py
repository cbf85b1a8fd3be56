"""A seeded synthetic corpus of a law firm's documents, built from real court opinions.

Source: the 550 opinions in ``../shared/data/caselaw/*.jsonl`` (500 New Mexico appellate
opinions and 50 U.S. Supreme Court opinions, about 2.8 million words; see that folder's
README). How one document is made, from one ``random.Random(seed)`` so the same seed gives
the same corpus, document for document:

* length: log-uniform between 300 and 3,000 words (median about 950, mean about 1,170): short
  letters and notes are common, long briefs and memoranda rarer;
* text: 1 to 3 passages (weights 2:1:1), each a run of consecutive words cut from a random
  opinion at a random word, joined by blank lines; whitespace inside a passage is collapsed;
* title: a label for its category ("Letter re", "Memorandum:", ...) and the first 4 to 9
  words of the text, or the opinion's case name when it has one (the 50 Supreme Court
  opinions);
* matter: uniform over ``matters`` matters (2,000 by default: 50 documents each on average);
* category: one of 8, weighted like a litigation practice's file (correspondence most);
* tags: 0 to 3 of 24 (weights 4:3:2:1);
* date: uniform over 2005-2024, except 5 % undated;
* file name: ``<category>-<id>.<pdf|docx|msg>``.

Documents are generated lazily (100,000 of them hold about 750 MB of text): iterate
:meth:`Corpus.documents` once per engine. :meth:`Corpus.queries` draws the benchmark's query
mix from the opinions' own vocabulary.
"""

from __future__ import annotations

import datetime
import json
import math
import random
import re
import sys
from array import array
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from casedesk.core.search.documents import IndexedDocument

DATA_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "caselaw"

CATEGORIES = {
    "correspondence": (30, "Letter re"),
    "pleading": (15, "Pleading:"),
    "memo": (15, "Memorandum:"),
    "contract": (10, "Agreement:"),
    "evidence": (10, "Exhibit:"),
    "research": (10, "Research note:"),
    "note": (5, "File note:"),
    "invoice": (5, "Invoice:"),
}
TAGS = (
    *("urgent", "draft", "final", "signed", "privileged", "confidential", "discovery"),
    *("deposition", "exhibit", "motion", "appeal", "settlement", "billing", "client-copy"),
    *("court-filed", "expert", "witness", "insurance", "medical", "employment", "lease"),
    *("estate", "tax", "review"),
)
MIN_WORDS, MAX_WORDS = 300, 3_000
FIRST_DAY = datetime.date(2005, 1, 1).toordinal()
LAST_DAY = datetime.date(2024, 12, 31).toordinal()
_WORD = re.compile(r"[A-Za-z]+")
_QUERY_KINDS = ("word", "and", "phrase", "or", "not")


class CorpusUnavailable(RuntimeError):
    """The shared data folder is not there."""


@dataclass(frozen=True)
class Opinion:
    """One source opinion: whitespace-collapsed text and where each word starts."""

    case_name: str | None
    text: str
    starts: array  # type: ignore[type-arg]

    @property
    def words(self) -> int:
        return len(self.starts)

    def passage(self, first: int, count: int) -> str:
        last = first + count
        end = self.starts[last] - 1 if last < len(self.starts) else len(self.text)
        return self.text[self.starts[first] : end]


@dataclass(frozen=True)
class BenchQuery:
    """One query of the mix: its text, its kind, and whether it is behind the wall."""

    text: str
    kind: str
    restricted: bool


def load_opinions(folder: Path = DATA_DIR) -> list[Opinion]:
    """Every opinion in the folder, or :class:`CorpusUnavailable` with a clear message."""
    files = sorted(folder.glob("*.jsonl")) if folder.is_dir() else []
    if not files:
        raise CorpusUnavailable(
            f"The case-law data is not at {folder}: this benchmark needs ../shared/data "
            "next to the repository (see the data README). Skipping."
        )
    opinions = []
    for file in files:
        with file.open(encoding="utf-8") as lines:
            for line in lines:
                record = json.loads(line)
                text = " ".join(record["text"].split())
                starts = array("I", (match.start() for match in re.finditer(r"\S+", text)))
                if len(starts) >= 50:
                    opinions.append(Opinion(record.get("case_name"), text, starts))
    return opinions


class Corpus:
    """The synthetic documents and queries for one seed."""

    def __init__(self, opinions: list[Opinion], *, seed: int = 20250101, matters: int = 2_000):
        self.opinions = opinions
        self.seed = seed
        self.matters = matters
        self._categories = list(CATEGORIES)
        self._category_weights = [weight for weight, _ in CATEGORIES.values()]

    def documents(self, count: int) -> Iterator[IndexedDocument]:
        """``count`` documents, ids 1..count, the same ones on every call."""
        rng = random.Random(self.seed)
        for doc_id in range(1, count + 1):
            yield self._document(rng, doc_id)

    def _document(self, rng: random.Random, doc_id: int) -> IndexedDocument:
        length = int(math.exp(rng.uniform(math.log(MIN_WORDS), math.log(MAX_WORDS))))
        pieces = rng.choices((1, 2, 3), weights=(2, 1, 1))[0]
        passages: list[str] = []
        case_name = None
        remaining = length
        for piece in range(pieces):
            want = remaining if piece == pieces - 1 else max(50, remaining // (pieces - piece))
            opinion = rng.choice(self.opinions)
            first = rng.randrange(0, max(1, opinion.words - want))
            take = min(want, opinion.words - first)
            passages.append(opinion.passage(first, take))
            case_name = case_name or opinion.case_name
            remaining -= take
        body = "\n\n".join(passages)
        category = rng.choices(self._categories, weights=self._category_weights)[0]
        label = CATEGORIES[category][1]
        lead = " ".join(body.split()[: rng.randint(4, 9)])
        title = f"{label} {case_name}" if case_name and rng.random() < 0.5 else f"{label} {lead}"
        tag_count = rng.choices((0, 1, 2, 3), weights=(4, 3, 2, 1))[0]
        dated = rng.random() >= 0.05
        return IndexedDocument(
            id=doc_id,
            matter_id=rng.randint(1, self.matters),
            title=title,
            body=body,
            category=category,
            tags=tuple(rng.sample(TAGS, tag_count)),
            doc_date=datetime.date.fromordinal(rng.randint(FIRST_DAY, LAST_DAY)) if dated else None,
            filename=f"{category}-{doc_id:06d}.{rng.choice(('pdf', 'docx', 'msg'))}",
        )

    def visible_matters(self, count: int = 300) -> frozenset[int]:
        """The matters a typical (walled-in) user may see."""
        rng = random.Random(self.seed + 1)
        return frozenset(rng.sample(range(1, self.matters + 1), count))

    def queries(self, per_kind: int = 20) -> list[BenchQuery]:
        """``per_kind`` queries of each kind (word, and, phrase, or, not), each asked with and
        without the wall: ``10 * per_kind`` in all, drawn from the opinions' vocabulary."""
        rng = random.Random(self.seed + 2)
        frequency: Counter[str] = Counter()
        for opinion in self.opinions:
            frequency.update({word.lower() for word in _WORD.findall(opinion.text)})
        ranked = [word for word, _ in frequency.most_common() if len(word) >= 3]
        # Skip the ~40 function words at the top; users search for content words.
        common, middle, rare = ranked[40:400], ranked[400:4_000], ranked[4_000:20_000]

        def word() -> str:
            band = rng.choices((common, middle, rare), weights=(3, 4, 2))[0]
            return rng.choice(band)

        def phrase() -> str:
            while True:
                opinion = rng.choice(self.opinions)
                first = rng.randrange(0, opinion.words - 3)
                words = opinion.passage(first, rng.choice((2, 3))).split()
                if all(_WORD.fullmatch(w) for w in words) and max(map(len, words)) >= 5:
                    return '"' + " ".join(words).lower() + '"'

        makers = {
            "word": word,
            "and": lambda: f"{word()} {word()}",
            "phrase": phrase,
            "or": lambda: f"{word()} OR {word()}",
            "not": lambda: f"{rng.choice(common)} -{word()}",
        }
        mix = [(kind, makers[kind]()) for kind in _QUERY_KINDS for _ in range(per_kind)]
        return [
            BenchQuery(text, kind, restricted) for restricted in (False, True) for kind, text in mix
        ]


def load_corpus_or_exit(seed: int = 20250101, matters: int = 2_000) -> Corpus:
    """The corpus, or a message and exit status 0 (a skipped benchmark is not a failure)."""
    try:
        return Corpus(load_opinions(), seed=seed, matters=matters)
    except CorpusUnavailable as missing:
        print(missing, file=sys.stderr)
        raise SystemExit(0) from None
