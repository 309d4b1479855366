"""The town dashboard's "Do workshops help?" section (`dashboard_sections`) and the
attendees-rose-a-level key result's metric (`okr_metrics`)."""

from datetime import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks

from skills import dashboard
from skills.dashboard import share
from skills.dashboard_sections import DashboardSection, count_row, csv_row

from .workshops import CAVEAT, GROUPS, attendance_counts, workshop_figures

# Table and measure names are keys for programs and stay in English.
CSV_NOTE = gettext_lazy(
    # Translators: words joined by underscores are values in the CSV: keep them as they are.
    "Tables named workshops_area and workshops_quarter compare signed-in people's consecutive skills results "
    "in an area: the group attended is those checked in at an event covering that area between the two "
    "results, not_attended the others; measure people counts each person once per area and pair of results "
    "(rounded to the nearest 5), rose_share_percent is the percentage whose level in that area rose. They "
    "cover every quarter whatever the filters. People who choose to attend differ from those who do not, so "
    "this is not a causal estimate."
)

FIELDS = {
    "areas": gettext_lazy(
        "For each skill area, two groups of pairs of consecutive results of the same signed-in person in that "
        "area: attended (checked in at an event covering the area, starting between the two results) and "
        "not_attended. For each, people (one per pair of results, rounded to the nearest 5, or withheld) and "
        "rose_share, the percentage whose level in that area rose. Areas carried over by a focused re-check are "
        "not results and are left out."
    ),
    "quarters": gettext_lazy("The same two groups for each calendar quarter of the later result, every area together."),
    "caveat": gettext_lazy(
        "Why the comparison is not a causal estimate: people who choose to attend differ from those who do not."
    ),
    "includes_demo_data": gettext_lazy("True when the figures include invented demonstration data."),
    "generated_at": gettext_lazy("When the figures were worked out."),
}


def section_figures() -> dict:
    """The cached figures in the reader's language, with the caveat."""
    return {**dashboard.localised(workshop_figures()), "caveat": str(CAVEAT)}


def csv_rows(figures: dict):
    tables = {"workshops_area": ("areas", "slug"), "workshops_quarter": ("quarters", "quarter")}
    for table, (figure, key) in tables.items():
        for row in figures[figure]:
            for group in GROUPS:
                yield count_row(table, row[key], group, "people", row[group]["people"])
                yield csv_row(table, row[key], group, "rose_share_percent", row[group]["rose_share"])


def section_context(figures: dict) -> dict:
    """One sentence in words for each area whose two shares are both published."""
    summaries = []
    for area in figures["areas"]:
        attended, others = area["attended"]["rose_share"], area["not_attended"]["rose_share"]
        if attended is not None and others is not None:
            summaries.append(
                # Translators: "area" is a skill area such as "Staying safe"; the shares are percentages such as "42%".
                _("%(area)s: %(attended)s of those who attended rose a level, against %(others)s of those who did not.")
                % {"area": area["name"], "attended": f"{attended}%", "others": f"{others}%"}
            )
    return {"summaries": summaries}


@hooks.register("dashboard_sections", order=10)  # after the businesses
def workshops_section() -> DashboardSection:
    return DashboardSection(
        key="workshops",
        template="events/dashboard_section.html",
        figures=section_figures,
        csv_rows=csv_rows,
        fields=FIELDS,
        csv_note=CSV_NOTE,
        context=section_context,
    )


@hooks.register("okr_metrics")
def attendance_metrics() -> dict:
    """Both attendance metrics from one query per moment measured (`attendance_counts`),
    so the key results add one query to the dashboard however many use them."""
    measured: dict[datetime, dict] = {}

    def counts(as_of: datetime) -> dict:
        if as_of not in measured:
            measured[as_of] = attendance_counts(as_of)
        return measured[as_of]

    def event_attendances(as_of: datetime) -> int:
        """Checked-in attendances at events up to `as_of`."""
        return counts(as_of)["attendances"]

    def attendees_rose_level_share(as_of: datetime) -> int | None:
        """Among attendances checked in by `as_of` of signed-in people with a measured result
        in one of the event's areas before the event started, the whole percentage with a
        later measured result in one of those areas, after the event started and within three
        months of its end, at a higher level than their last one in that area before the
        event. Withheld (None) when either count is under 10 people."""
        return share(counts(as_of)["rose"], counts(as_of)["counted"])

    return {"event_attendances": event_attendances, "attendees_rose_level_share": attendees_rose_level_share}
