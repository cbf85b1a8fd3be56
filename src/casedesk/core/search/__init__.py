"""Full-text search: the query language, and Tantivy indexes in the data directory.

* :mod:`.query`: what users type -> a small syntax tree (``parse_query``).
* :mod:`.analysis`: how text becomes terms (English stemming, case and accent folding).
* :mod:`.tantivy_query`: syntax tree -> Tantivy query.
* :mod:`.documents`: the firm's documents (``DocumentIndex``), with ethical walls.
* :mod:`.snippets`, :mod:`.locking`: highlighted snippets; one writer at a time.
"""

from casedesk.core.search.documents import (
    DocumentHit,
    DocumentIndex,
    DocumentResults,
    IndexedDocument,
    SchemaChanged,
)
from casedesk.core.search.locking import IndexBusy, SearchIndexError
from casedesk.core.search.query import (
    And,
    Not,
    Or,
    ParsedQuery,
    Phrase,
    QuerySyntaxError,
    Term,
    parse_query,
)

__all__ = [
    "And",
    "DocumentHit",
    "DocumentIndex",
    "DocumentResults",
    "IndexBusy",
    "IndexedDocument",
    "Not",
    "Or",
    "ParsedQuery",
    "Phrase",
    "QuerySyntaxError",
    "SchemaChanged",
    "SearchIndexError",
    "Term",
    "parse_query",
]
