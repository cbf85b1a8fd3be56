"""PDF work for productions, exhibits and binders, without a database.

Modules: ``errors`` (the one exception bad input raises), ``inputs`` (opening PDFs safely),
``fonts`` and ``draw`` (the standard fonts and a tiny content-stream writer), ``bates``
(numbering, no PDF), ``geometry`` (where a stamp sits on a rotated or cropped page),
``stamp`` (Bates labels and legends), ``exhibit`` (exhibit stickers), ``slipsheet``
(placeholder pages for natives) and ``images`` (pictures to PDF). ``binder`` builds on them.
"""
