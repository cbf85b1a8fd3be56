"""Cite-check: is each case citation of a draft in the library, under that name and year?

Statuses (one plain sentence of explanation each):

* ``found``: an opinion in the library has the citation, and its name and year agree.
* ``not_found``: no opinion in the library has it (a typo, a case the firm lacks, or a
  citation that does not exist).
* ``name_mismatch``: the citation is a different case in the library (no significant party
  word in common: ``names.names_match``).
* ``year_mismatch``: both years are known and differ.
* ``malformed``: no page ("410 U.S. ___"), or an Id./short form with no citation to refer to.
* ``ambiguous``: several library opinions have the citation and the case name picks none.

Id., supra, short forms and references take their antecedent's status and opinion. A
parallel citation the library lacks ("93 S. Ct. 705" after "410 U.S. 113") takes the status
of the parallel citation it has. Only case citations are returned; statutes and journals
are not checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from casedesk.core.citations import model
from casedesk.core.citations.extract import extract_citations
from casedesk.core.citations.model import CheckedCitation, FoundCitation, LibraryOpinion
from casedesk.core.citations.names import names_match
from casedesk.core.citations.normalize import collapse, is_case_reporter, normalize_citation

# Text between two parallel citations: commas, spaces and a pin cite ("113, 120, 93 S. Ct.").
_PARALLEL_GAP = re.compile(r"[\s,]*(?:(?:at\s+)?[\d*][\d\s,\-–—&n.*]*)?[\s,]*")
_DEPENDENT = (model.SHORT, model.ID, model.SUPRA, model.REFERENCE)
_VERIFIED = (model.FOUND, model.NAME_MISMATCH, model.YEAR_MISMATCH)
_PHRASES = {
    model.FOUND: "which is in the library",
    model.NOT_FOUND: "which is not in the library",
    model.NAME_MISMATCH: "whose case name does not match the library",
    model.YEAR_MISMATCH: "whose year does not match the library",
    model.MALFORMED: "which is malformed",
    model.AMBIGUOUS: "which matches more than one opinion in the library",
}


class MemoryCitationLibrary:
    """A ``CitationLibrary`` over opinions held in memory (tests, small imports)."""

    def __init__(self, opinions: Iterable[LibraryOpinion]) -> None:
        self._by_citation: dict[str, list[LibraryOpinion]] = {}
        for opinion in opinions:
            for citation in opinion.citations:
                key = normalize_citation(citation) or collapse(citation)
                self._by_citation.setdefault(key, []).append(opinion)

    def lookup(self, normalized: Sequence[str]) -> Mapping[str, Sequence[LibraryOpinion]]:
        """The opinions carrying each citation the library knows."""
        return {
            key: tuple(self._by_citation[key]) for key in normalized if key in self._by_citation
        }


def _label(name: str, normalized: str) -> str:
    return f"{name}, {normalized}" if name else normalized


def _unique(opinions: Sequence[LibraryOpinion]) -> list[LibraryOpinion]:
    return list({opinion.id: opinion for opinion in opinions}.values())


def _check_full(found: FoundCitation, opinions: Sequence[LibraryOpinion]) -> CheckedCitation:
    """The status of one full case citation, given the opinions carrying its citation."""
    norm = found.normalized
    if not norm:
        return CheckedCitation(
            found,
            model.MALFORMED,
            None,
            f"{collapse(found.text)} has no page number, so it cannot name a case.",
        )
    candidates = _unique(opinions)
    if not candidates:
        return CheckedCitation(
            found, model.NOT_FOUND, None, f"No opinion in the library has the citation {norm}."
        )
    if len(candidates) > 1:
        named = [
            opinion
            for opinion in candidates
            if found.case_name
            and opinion.case_name
            and names_match(found.case_name, opinion.case_name)
        ]
        if len(named) != 1:
            listed = "; ".join(opinion.case_name or opinion.id for opinion in candidates)
            why = "the case name does not pick one" if found.case_name else "no case name is given"
            return CheckedCitation(
                found,
                model.AMBIGUOUS,
                None,
                f"{len(candidates)} opinions in the library have the citation {norm} "
                f"({listed}), and {why}.",
            )
        candidates = named
    opinion = candidates[0]
    if (
        found.case_name
        and opinion.case_name
        and not names_match(found.case_name, opinion.case_name)
    ):
        return CheckedCitation(
            found,
            model.NAME_MISMATCH,
            opinion.id,
            f"In the library {norm} is {opinion.case_name}, not {found.case_name}.",
        )
    label = _label(opinion.case_name or found.case_name, norm)
    if found.year is not None and opinion.year is not None and found.year != opinion.year:
        return CheckedCitation(
            found,
            model.YEAR_MISMATCH,
            opinion.id,
            f"The library dates {label} to {opinion.year}, not {found.year}.",
        )
    year = f" ({opinion.year})" if opinion.year is not None else ""
    return CheckedCitation(found, model.FOUND, opinion.id, f"{label}{year} is in the library.")


def _parallel_groups(text: str, found: list[FoundCitation]) -> list[list[FoundCitation]]:
    """Runs of full case citations separated only by commas and pin cites."""
    groups: list[list[FoundCitation]] = []
    previous: FoundCitation | None = None
    for item in found:
        if item.kind != model.FULL:
            previous = None
            continue
        gap = text[previous.end : item.start] if previous is not None else None
        if gap is not None and _PARALLEL_GAP.fullmatch(gap):
            groups[-1].append(item)
        else:
            groups.append([item])
        previous = item
    return [group for group in groups if len(group) > 1]


def _apply_parallels(
    text: str, found: list[FoundCitation], results: dict[int, CheckedCitation]
) -> None:
    """A parallel citation the library lacks takes the status of one it has."""
    for group in _parallel_groups(text, found):
        known = [results[item.index] for item in group if results[item.index].status in _VERIFIED]
        if not known:
            continue
        sibling = known[0]
        name = sibling.citation.case_name
        for item in group:
            if results[item.index].status != model.NOT_FOUND:
                continue
            results[item.index] = CheckedCitation(
                item,
                sibling.status,
                sibling.opinion_id,
                f"{item.normalized} is not in the library itself, but it is a parallel citation "
                f"of {_label(name, sibling.citation.normalized)}, {_PHRASES[sibling.status]}.",
            )


def _is_case(item: FoundCitation) -> bool:
    """A full case citation, or a short form in a case reporter (not "87 Fed. Reg. at 5")."""
    return item.kind == model.FULL or (item.kind == model.SHORT and is_case_reporter(item.reporter))


def _id_refers_to_a_case(found: list[FoundCitation], index: int) -> bool:
    """Whether an unresolved Id. comes right after a case citation, or first in the text.

    Only the citation immediately before it counts, whatever its kind: after a statute
    ("18 U.S.C. 921(a)(3)", which eyecite may not resolve an Id. to), a regulation or
    another Id., the Id. is not a case citation.
    """
    return index == 0 or _is_case(found[index - 1])


def _check_dependent(
    found: list[FoundCitation], item: FoundCitation, results: dict[int, CheckedCitation]
) -> CheckedCitation | None:
    """An Id./supra/short form/reference takes its antecedent's result; None: not a case."""
    if item.kind == model.SHORT and not is_case_reporter(item.reporter):
        return None  # "87 Fed. Reg. at 24,685", "100 Harv. L. Rev. at 7"
    text = collapse(item.text)
    if item.antecedent is None:
        if item.kind == model.SHORT:
            return CheckedCitation(
                item,
                model.MALFORMED,
                None,
                f"{text} is a short form with no full citation of the case before it.",
            )
        if item.kind == model.ID and _id_refers_to_a_case(found, item.index):
            return CheckedCitation(
                item,
                model.MALFORMED,
                None,
                f"{text} has no case citation just before it to refer to.",
            )
        return None  # a supra or Id. of a treatise, a statute or an article
    antecedent = results.get(item.antecedent)
    if antecedent is None:
        return None  # refers to a statute or a journal
    opinion_name = ""
    if antecedent.status in _VERIFIED:
        opinion_name = antecedent.citation.case_name
    name = opinion_name or antecedent.citation.case_name
    return CheckedCitation(
        item,
        antecedent.status,
        antecedent.opinion_id,
        f"{text} → {_label(name, antecedent.citation.normalized or collapse(antecedent.citation.text))}, "
        f"{_PHRASES[antecedent.status]}.",
    )


def cite_check(text: str, library: model.CitationLibrary) -> list[CheckedCitation]:
    """Check every case citation of ``text`` against ``library`` (one batched lookup)."""
    found = extract_citations(text)
    keys = sorted(
        {item.normalized for item in found if item.kind == model.FULL and item.normalized}
    )
    hits = library.lookup(keys) if keys else {}
    results: dict[int, CheckedCitation] = {}
    for item in found:
        if item.kind == model.FULL:
            results[item.index] = _check_full(item, hits.get(item.normalized, ()))
    _apply_parallels(text, found, results)
    for item in found:
        if item.kind in _DEPENDENT:
            checked = _check_dependent(found, item, results)
            if checked is not None:
                results[item.index] = checked
    return [results[index] for index in sorted(results)]
