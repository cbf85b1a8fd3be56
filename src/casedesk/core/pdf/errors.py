"""The error raised for a PDF (or image) casedesk cannot use, with a message for the user."""

from __future__ import annotations


class PdfInputError(ValueError):
    """A file that cannot be stamped or bound: encrypted, empty, damaged or not a PDF.

    The message is one whole sentence that names the file, ready to show to the user, e.g.
    "contract.pdf is encrypted: remove its password and upload it again." ``name`` is the
    file name the message uses (may be empty when the caller did not give one).
    """

    def __init__(self, message: str, *, name: str = "") -> None:
        super().__init__(message)
        self.name = name
