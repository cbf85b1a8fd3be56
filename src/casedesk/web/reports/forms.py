"""The case report form: which sections, material facts only, which files."""

from __future__ import annotations

from django import forms

from casedesk.core.reports.model import SECTIONS

SECTION_HELP = {
    "summary": "Matter, court, case number, status, practice area, responsible attorney, dates, description.",
    "parties": "Clients and every other party with their role and other names.",
    "conflicts": "The latest conflict check: result, who cleared it and when, the possible conflicts.",
    "deadlines": "Key dates, overdue and upcoming deadlines and hearings with the rules behind them.",
    "chronology": "The facts with their people, issues and sources, and the timeline.",
    "documents": "Every document in the case file by category, with date and Bates range.",
    "authorities": "Authorities saved to the matter from research, with notes.",
    "tasks": "Open tasks with due dates and who they are assigned to.",
}
FORMAT_CHOICES = [("pdf", "PDF"), ("docx", "Word (.docx)")]


class ReportForm(forms.Form):
    sections = forms.MultipleChoiceField(
        label="Sections",
        choices=SECTIONS,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one section for the report."},
    )
    material_only = forms.BooleanField(label="Chronology: material facts only", required=False)
    formats = forms.MultipleChoiceField(
        label="Files",
        choices=FORMAT_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose PDF, Word or both."},
    )

    def section_rows(self) -> list[dict[str, object]]:
        """Each section with its help text and whether it is ticked (for the template)."""
        if self.is_bound:
            ticked = set(self.data.getlist("sections")) if hasattr(self.data, "getlist") else set()
        else:
            ticked = set(self.initial.get("sections") or [])
        return [
            {"key": key, "title": title, "help": SECTION_HELP[key], "checked": key in ticked}
            for key, title in SECTIONS
        ]

    def format_rows(self) -> list[dict[str, object]]:
        if self.is_bound:
            ticked = set(self.data.getlist("formats")) if hasattr(self.data, "getlist") else set()
        else:
            ticked = set(self.initial.get("formats") or [])
        return [{"key": k, "label": label, "checked": k in ticked} for k, label in FORMAT_CHOICES]

    def material_checked(self) -> bool:
        if self.is_bound:
            return bool(self.data.get("material_only"))
        return bool(self.initial.get("material_only"))
