"""Drafting from Word templates: rendering in a sandbox, template fields, legal filters, PDF."""
