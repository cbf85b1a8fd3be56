"""Data entry from documents: case numbers, courts, parties, dates, hearings and deadline
language found in a document's text, proposed for the user to confirm.

Pure Python (no Django)::

    find_fields(text: str) -> list[FoundField]   # sorted by start, de-duplicated

``FoundField(kind, value, text, start, end, detail)``; ``kind`` is a ``FieldKind``
(case_number, court, party, date, hearing, deadline). ``value`` is normalised: a date
``YYYY-MM-DD``; a hearing ``YYYY-MM-DDTHH:MM`` (``YYYY-MM-DD`` without a time); a court its
courts-db id where there is one ("cand", "calsuppctla", "nysupctkings"), else a normalised
name ("134th Judicial District Court, Dallas County, Texas"); a case number as printed; a
party as printed in the caption; a deadline "21 days after service", "10 court days before
hearing", "14 days" (no trigger printed). ``text`` is the passage (<= 300 characters);
``start``/``end`` the offsets of the match in the input.

``detail``: party ``{"role": plaintiff|defendant|petitioner|respondent|appellant|appellee|
other}``; court ``{"name": printed name}``; hearing ``{"event": "hearing"|"trial"|"status
conference"|..., "location": "Department 12"}`` (location when found); deadline ``{"count",
"unit": days|court_days|hours, "direction": after|before, "trigger": service|entry|filing|
receipt|hearing|trial|conference|deposition|order|notice|signing|meeting of creditors|...|""}``;
date ``{"label": "Dated"|"Filed"|"Signed"|"deadline"|...}`` when a label word is near; case
number ``{"system": federal|federal_appellate|california|new_york|texas|other}``.

Decisions: a fixed date ("on or before March 1, 2027") is a DATE labelled "deadline", not a
DEADLINE (the deadline engine counts periods; a fixed date needs no counting). A date that is
the date of a found hearing is not repeated as a DATE. Form revision dates ("Rev. July 1,
2009") and dates inside case citations are not dates.

Modules: ``model`` (the types), ``layout`` (pleading line numbers, columns, passages),
``dates``, ``case_numbers``, ``courts`` (courts-db, loaded once per process), ``parties``,
``hearings``, ``deadlines``, ``finder`` (``find_fields``).
"""

from casedesk.core.extract.fields.finder import find_fields
from casedesk.core.extract.fields.model import FieldKind, FoundField

__all__ = ["FieldKind", "FoundField", "find_fields"]
