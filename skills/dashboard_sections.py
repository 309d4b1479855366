"""Sections other apps add to the town dashboard, through the `dashboard_sections` hook.

skills/ never imports the apps that extend its dashboard: each registers a function that
takes nothing and returns a `DashboardSection` (or None to add nothing). The page shows
every section after the dashboard's own figures, `dashboard.csv` appends its rows and
`dashboard.json` adds it under "sections". A section's figures are already protected
(`skills.dashboard`) and ignore the dashboard's filters: they cover every quarter.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from wagtail import hooks

CsvRow = list[str | int | float]


@dataclass(frozen=True)
class DashboardSection:
    """What one app adds to the dashboard.

    key: its key under "sections" in the JSON, e.g. "businesses".
    template: included after the dashboard's figures, with the figures as `section_figures`
    and `section` holding the key, the figures and whatever `context` adds.
    figures: the published figures, JSON-serialisable, in the reader's language.
    csv_rows: the figures as rows of the CSV's columns (table, group, level, measure, value,
    suppressed), made with `csv_row` or `count_row`.
    fields: {figure key: description (lazily translated)} for the JSON.
    csv_note: one sentence (lazily translated) for the CSV's header comments.
    context: optional callable(figures) -> dict of what the template needs worked out, such as charts.
    A section whose figures carry "includes_demo_data": True gets the demonstration data warning.
    """

    key: str
    template: str
    figures: Callable[[], dict]
    csv_rows: Callable[[dict], Iterable[CsvRow]]
    fields: Mapping[str, str]
    csv_note: str
    context: Callable[[dict], dict] | None = None


def dashboard_sections() -> list[DashboardSection]:
    """Every section the installed apps add, in the order their hooks were registered."""
    return [section for provide in hooks.get_hooks("dashboard_sections") if (section := provide()) is not None]


def csv_row(table: str, group: str, level, measure: str, value, suppressed: bool | None = None) -> CsvRow:
    """One row of the dashboard CSV: an empty value when the figure is not published, and
    "true" in the suppressed column then (unless told otherwise)."""
    if suppressed is None:
        suppressed = value is None
    return [table, group, level, measure, "" if value is None else value, "true" if suppressed else "false"]


def count_row(table: str, group: str, level, measure: str, cell: Mapping) -> CsvRow:
    """A protected count ({"value", "suppressed", ...}) as a CSV row."""
    return csv_row(table, group, level, measure, cell["value"], cell["suppressed"])
