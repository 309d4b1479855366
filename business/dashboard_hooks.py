"""The business figures on the town dashboard (`dashboard_sections`) and the business key
results' metrics (`okr_metrics`)."""

from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks

from skills import charts
from skills.dashboard_sections import DashboardSection, count_row, csv_row

from .figures import business_figures, localised
from .metrics import business_metrics
from .models import Stage

hooks.register("okr_metrics", business_metrics)

# Table and measure names are keys for programs and stay in English.
CSV_NOTE = gettext_lazy(
    # Translators: words joined by underscores, and 'uk', are values in the CSV: keep them as they are.
    "Tables named business_headline, business_stage, business_sector, business_size and business_quarter come "
    "from the AI adoption check and cover every quarter whatever the filters: they count organisations, each "
    "once by its latest check (measure organisations, rounded to the nearest 5), except business_quarter, "
    "which counts checks (measure checks); the group 'uk' is the national figure, which is not rounded."
)

FIELDS = {
    "organisations": gettext_lazy(
        "Organisations that have taken the AI adoption check, each counted once by its latest check; a check "
        "not linked to an organisation counts as one. Rounded to the nearest 5, or withheld. Like every business "
        "figure, it covers every quarter: the dashboard's filters do not apply."
    ),
    "using_ai_share": gettext_lazy("Percentage of those organisations using AI in at least one business process."),
    "ai_policy_share": gettext_lazy("Percentage of those organisations with a written policy on staff use of AI."),
    "national": gettext_lazy(
        "The national share of firms using AI that editors entered (percentage, source, source_url and the "
        "date it describes, as_of), with a note on why it differs from Luton's; null when there is none."
    ),
    "stages": gettext_lazy(
        "For each of the six dimensions, organisations at each stage, 0 (not started) to 3 (embedding), and the "
        "percentage."
    ),
    "sectors": gettext_lazy(
        "For each sector (SIC 2007 section letter, or not-given), organisations and the percentage using AI."
    ),
    "sizes": gettext_lazy("For each band of staff numbers (or not-given), organisations and the percentage using AI."),
    "quarters": gettext_lazy(
        "For each calendar quarter, checks completed (every check, not only each organisation's latest) and the "
        "percentage of them from organisations using AI."
    ),
    "includes_demo_data": gettext_lazy("True when the figures include invented demonstration data."),
    "generated_at": gettext_lazy("When the business figures were worked out."),
}


def section_figures() -> dict:
    return localised(business_figures())


def csv_rows(figures: dict):
    def organisations_row(table, group, level, cell):
        return count_row(table, group, level, "organisations", cell)

    yield organisations_row("business_headline", "town", "", figures["organisations"])
    yield csv_row("business_headline", "town", "", "using_ai_share_percent", figures["using_ai_share"])
    yield csv_row("business_headline", "town", "", "ai_policy_share_percent", figures["ai_policy_share"])
    if figures["national"] is not None:
        yield csv_row("business_headline", "uk", "", "using_ai_share_percent", figures["national"]["using_ai_share"])
    for dimension in figures["stages"]:
        for stage in dimension["stages"]:
            yield organisations_row("business_stage", dimension["slug"], stage["stage"], stage["count"])
            yield csv_row("business_stage", dimension["slug"], stage["stage"], "share_percent", stage["share"])
    tables = {"business_sector": ("sectors", "sector"), "business_size": ("sizes", "size_band")}
    for table, (figure, key) in tables.items():
        for row in figures[figure]:
            yield organisations_row(table, row[key], "", row["organisations"])
            yield csv_row(table, row[key], "", "using_ai_share_percent", row["using_ai_share"])
    for quarter in figures["quarters"]:
        yield count_row("business_quarter", quarter["quarter"], "", "checks", quarter["checks"])
        yield csv_row("business_quarter", quarter["quarter"], "", "using_ai_share_percent", quarter["using_ai_share"])


def _using_or_beyond(dimension: dict) -> float | None:
    shares = [stage["share"] for stage in dimension["stages"] if stage["stage"] >= Stage.USING]
    return None if any(value is None for value in shares) else sum(shares)


def section_context(figures: dict) -> dict:
    """The chart of stages in each dimension with its summary in words, and the date the
    national figure describes, for the template to write in the reader's language."""
    dimensions = figures["stages"]
    known = [(dimension["name"], _using_or_beyond(dimension)) for dimension in dimensions]
    known = [(name, value) for name, value in known if value is not None]
    summary = _("Share of organisations at each stage, 0 to 3, in each of the six dimensions.")
    best = max(known, key=lambda item: item[1], default=None)
    worst = min(known, key=lambda item: item[1], default=None)
    if best and best[1] == worst[1]:
        summary += " " + _(
            "The same share of organisations is using AI or beyond in every dimension shown (%(share)s)."
        ) % {"share": charts.percent_label(best[1])}
    elif best:
        summary += " " + _(
            "Most organisations are using AI or beyond in %(best_dimension)s (%(best_share)s), "
            "fewest in %(worst_dimension)s (%(worst_share)s)."
        ) % {
            "best_dimension": best[0],
            "best_share": charts.percent_label(best[1]),
            "worst_dimension": worst[0],
            "worst_share": charts.percent_label(worst[1]),
        }
    # Translators: the key to the chart's numbers, such as "0 Not started, 1 Exploring, …".
    key = _("The numbers on the bars are stages: %(stages)s.") % {
        "stages": _(", ").join(f"{stage.value} {stage.label}" for stage in Stage)
    }
    rows = [(dimension["name"], [stage["share"] for stage in dimension["stages"]]) for dimension in dimensions]
    chart = charts.stacked_levels_chart(
        "chart-business-stages", _("Stages in each dimension"), f"{summary} {key}", rows
    )
    national = figures["national"]
    return {
        "stages_chart": chart,
        "stages_summary": summary,
        "stages_key": key,
        "national_date": date.fromisoformat(national["as_of"]) if national and national["as_of"] else None,
    }


@hooks.register("dashboard_sections")
def businesses_section() -> DashboardSection:
    return DashboardSection(
        key="businesses",
        template="business/dashboard_section.html",
        figures=section_figures,
        csv_rows=csv_rows,
        fields=FIELDS,
        csv_note=CSV_NOTE,
        context=section_context,
    )
