"""Fact chronologies without a database: fuzzy dates, CSV in and out, suggested facts, timelines.

* :mod:`.dates` -- :class:`FuzzyDate` and :func:`parse_fuzzy_date` ("March 2024",
  "before 2021-06-01", "c. 2019", ...), with a sort key and a canonical display.
* :mod:`.facts_csv` -- :func:`write_facts_csv` / :func:`read_facts_csv` for the fact table.
* :mod:`.suggest` -- :func:`suggest_facts`: dated sentences of a document proposed as facts.
* :mod:`.timeline` -- :func:`timeline_svg` / :func:`timeline_png`: one layout
  (:func:`timeline_layout`, in :mod:`.layout`), two renderers.
"""

from casedesk.core.chronology.dates import FuzzyDate, FuzzyDateError, parse_fuzzy_date
from casedesk.core.chronology.facts_csv import (
    CSV_COLUMNS,
    FactRow,
    RowError,
    read_facts_csv,
    write_facts_csv,
)
from casedesk.core.chronology.suggest import SuggestedFact, suggest_facts
from casedesk.core.chronology.timeline import (
    TimelineItem,
    timeline_layout,
    timeline_png,
    timeline_svg,
)

__all__ = [
    "CSV_COLUMNS",
    "FactRow",
    "FuzzyDate",
    "FuzzyDateError",
    "RowError",
    "SuggestedFact",
    "TimelineItem",
    "parse_fuzzy_date",
    "read_facts_csv",
    "suggest_facts",
    "timeline_layout",
    "timeline_png",
    "timeline_svg",
    "write_facts_csv",
]
