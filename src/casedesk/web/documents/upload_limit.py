"""Refuse an oversized upload before it is written to disk.

Django streams file parts to upload handlers; this one runs first. When the request's
Content-Length already exceeds ``CASEDESK_MAX_UPLOAD_BYTES`` it stops the upload before a
byte of file data is stored; otherwise it counts bytes as they stream (a client can lie about
the length) and stops as soon as the limit is passed. Either way it leaves a message on
``request.upload_refused`` for the page or API to show; the partial temporary file is removed
by Django's handler cleanup.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import QueryDict
from django.utils.datastructures import MultiValueDict


def limit_text(limit: int) -> str:
    """A byte count as people read it: "512 MB"."""
    for unit, size in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if limit >= size:
            return f"{limit / size:.0f} {unit}"
    return f"{limit} bytes"


class LimitedUploadHandler(FileUploadHandler):
    """Stops uploads larger than ``CASEDESK_MAX_UPLOAD_BYTES`` (request total and per file)."""

    def __init__(self, request: Any = None) -> None:
        super().__init__(request)
        self.limit = int(settings.CASEDESK_MAX_UPLOAD_BYTES)
        self.seen = 0

    def _message(self, detail: str) -> str:
        return (
            f"{detail} is larger than the upload limit of {limit_text(self.limit)}; "
            "nothing was stored. Split it, or ask an administrator to raise "
            "CASEDESK_MAX_UPLOAD_BYTES."
        )

    def _refuse(self, detail: str) -> None:
        if self.request is not None:
            self.request.upload_refused = self._message(detail)
        raise StopUpload(connection_reset=True)

    def handle_raw_input(
        self,
        input_data: Any,
        META: Any,
        content_length: int,
        boundary: Any,
        encoding: str | None = None,
    ) -> tuple[QueryDict, MultiValueDict[str, Any]] | None:
        # The whole request may carry several files: allow a little for the form fields.
        # Refusing here must not raise: Django lets an exception out of request.POST at this
        # stage (a 500 from the CSRF check). An empty POST and FILES end the parse instead.
        if content_length and content_length > self.limit + 1024 * 1024:
            if self.request is not None:
                self.request.upload_refused = self._message("This upload")
            return QueryDict(encoding=encoding), MultiValueDict()
        return None

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.seen = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.seen += len(raw_data)
        if self.seen > self.limit:
            self._refuse(f"The file {self.file_name!r}")
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None
