"""The town dashboard, a ward's detail and the same figures as open data (DESIGN.md §9).

Views stay thin: read the filters, fetch the protected (and cached) figures, render.
"""

import csv
import time
from datetime import date, timedelta
from functools import wraps

from django import forms
from django.core.cache import cache
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse

from portal.views import error_page

from . import charts
from .dashboard_figures import Filters, has_fresh_figures, town_figures
from .models import AgeBand, Status
from .okrs.snapshots import okr_summary

LICENCE = {
    "name": "Open Government Licence v3.0",
    "url": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
}
CAVEAT = (
    "These figures describe the people who chose to take the skills check, not everyone in Luton. "
    "Participants are self-selected, so they may be more or less confident with AI than the town as a whole."
)
DEMO_WARNING = "These figures include invented demonstration data. They do not describe real people in Luton."
CSV_COLUMNS = [
    ("table", "Which figures: headline, level, area, ward or quarter."),
    ("group", "The row's subject: 'town', an area or ward slug, or a quarter such as '2026 Q1'."),
    ("level", "Overall or area level 0–3 where the figure is per level, otherwise empty."),
    ("measure", "participants (a count rounded to the nearest 5), share_percent, ai_ready_share_percent, "
     "weighted_ai_ready_share_percent or gap_points (ward rate minus town rate)."),
    ("value", "The figure; empty when it is not published."),
    ("suppressed", "'true' when the figure is withheld: based on fewer than 10 people, or hidden so that "
     "another withheld figure cannot be worked out from a total."),
]  # fmt: skip


class DashboardDateField(forms.DateField):
    """A date in the years the portal could have data for."""

    EARLIEST, LATEST = date(2000, 1, 1), date(2099, 12, 31)

    def __init__(self, **kwargs):
        attrs = {"type": "date", "min": self.EARLIEST.isoformat(), "max": self.LATEST.isoformat()}
        super().__init__(required=False, widget=forms.DateInput(attrs=attrs), **kwargs)

    def validate(self, value):
        super().validate(value)
        if value and not self.EARLIEST <= value <= self.LATEST:
            raise forms.ValidationError("Enter a date between the years 2000 and 2099")


def start_of_quarter(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def end_of_quarter(day: date) -> date:
    last_month = 3 * ((day.month - 1) // 3) + 3
    return date(day.year + last_month // 12, last_month % 12 + 1, 1) - timedelta(days=1)


QUARTERS_HINT = (
    "Figures are for whole quarters (January to March, April to June, July to September, October to "
    "December): a date is widened to the start or end of its quarter, so no one day's people can be told apart."
)


class FilterForm(forms.Form):
    start = DashboardDateField(label="From")
    end = DashboardDateField(label="To")
    age_band = forms.ChoiceField(label="Age band", required=False, choices=[("", "All ages"), *AgeBand.choices])
    status = forms.ChoiceField(label="Student, in work or running a business", required=False,
                               choices=[("", "Everyone"), *Status.choices])  # fmt: skip

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            self.add_error("end", "The ‘to’ date must be the same as or after the ‘from’ date")
        return data

    def filters(self, ward: str = "") -> Filters:
        """The chosen filters, or none at all when the form has errors."""
        if not self.is_valid():
            return Filters(ward=ward)
        data = dict(self.cleaned_data)
        # Whole quarters only: views a day apart would otherwise single out that day's people.
        data["start"] = start_of_quarter(data["start"]) if data.get("start") else None
        data["end"] = end_of_quarter(data["end"]) if data.get("end") else None
        return Filters(ward=ward, **data)


FRESH_FILTERS_PER_MINUTE = 20


def limit_fresh_filters(view):
    """Figures for filters nobody asked for lately cost grouped queries over every assessment:
    one visitor may ask for at most FRESH_FILTERS_PER_MINUTE such sets a minute (429 after)."""

    @wraps(view)
    def limited(request, *args, **kwargs):
        filters = FilterForm(request.GET or None).filters(ward=kwargs.get("slug", ""))
        if filters != Filters(ward=filters.ward) and not has_fresh_figures(filters):
            key = f"dashboard:fresh-filters:{request.META.get('REMOTE_ADDR', '')}:{int(time.time() // 60)}"
            cache.add(key, 0, 90)
            try:
                asked = cache.incr(key)
            except ValueError:  # the cache is unavailable: nothing to count with, so let it through
                asked = 0
            if asked > FRESH_FILTERS_PER_MINUTE:
                return error_page(request, 429)
        return view(request, *args, **kwargs)

    return limited


@limit_fresh_filters
def dashboard(request):
    form = FilterForm(request.GET or None)
    figures = town_figures(form.filters())
    return render(
        request,
        "skills/dashboard/dashboard.html",
        {
            "form": form,
            "figures": figures,
            "caveat": CAVEAT,
            "charts": dashboard_charts(figures),
            "okrs": with_trend_charts(okr_summary()),
            "query": request.GET.urlencode(),
            "quarters_hint": QUARTERS_HINT,
            "crumbs": [("AI skills", "/skills/")],
        },
    )


@limit_fresh_filters
def ward_detail(request, slug):
    form = FilterForm(request.GET or None)
    town = town_figures(form.filters())
    ward = next((row for row in town["wards"] if row["slug"] == slug and slug != "not-given"), None)
    if ward is None:
        raise Http404("No such ward")
    # A ward whose figures the town table withholds, to protect it or another group, shows
    # no breakdown either: its levels would give back the withheld count (levels 2 and 3
    # are the AI-ready), and its total would undo the protection of a smaller ward.
    protected = ward["participants"]["suppressed"] or ward["ai_ready_share"] is None
    figures = None if protected else town_figures(form.filters(ward=slug))
    return render(
        request,
        "skills/dashboard/ward.html",
        {
            "form": form,
            "ward": ward,
            "town": town,
            "figures": figures,
            "caveat": CAVEAT,
            "protected": protected,
            "charts": ward_charts(figures) if figures else None,
            "query": request.GET.urlencode(),
            "quarters_hint": QUARTERS_HINT,
            "crumbs": [("AI skills", "/skills/"), ("Town dashboard", reverse("skills_dashboard"))],
        },
    )


@limit_fresh_filters
def dashboard_csv(request):
    form = FilterForm(request.GET or None)
    figures = town_figures(form.filters())
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="luton-ai-skills-dashboard.csv"'
    response.write(f"# Luton AI skills: town dashboard figures among participants. {CAVEAT}\n")
    response.write(f"# Licence: {LICENCE['name']} {LICENCE['url']}\n")
    response.write(f"# Generated at: {figures['generated_at']}\n")
    if figures.get("includes_demo_data"):
        response.write(f"# Warning: {DEMO_WARNING}\n")
    response.write(f"# Filters: {describe_filters(form)}\n")
    for name, description in CSV_COLUMNS:
        response.write(f"# Column {name}: {description}\n")
    writer = csv.writer(response)
    writer.writerow([name for name, _ in CSV_COLUMNS])
    writer.writerows(csv_rows(figures))
    return response


@limit_fresh_filters
def dashboard_json(request):
    form = FilterForm(request.GET or None)
    figures = town_figures(form.filters())
    return JsonResponse(
        {
            "title": "Luton AI skills: town dashboard figures among participants",
            "caveat": CAVEAT,
            "licence": LICENCE,
            "generated_at": figures["generated_at"],
            "filters": describe_filters(form),
            "warning": DEMO_WARNING if figures.get("includes_demo_data") else None,
            "disclosure_control": (
                "Counts based on fewer than 10 people are withheld (value null, suppressed true); other counts are "
                "rounded to the nearest 5; percentages are whole numbers worked out from the rounded counts and are "
                "withheld when their count or base is under 10 or withheld; further cells are withheld where a "
                "withheld one could be worked out from a total or a subtotal (levels 2 and 3 make the AI-ready "
                "count); dates are widened to whole quarters."
            ),
            "fields": JSON_FIELDS,
            "figures": {key: value for key, value in figures.items() if key != "generated_at"},
        },
        json_dumps_params={"indent": 2, "ensure_ascii": False},
    )


JSON_FIELDS = {
    "participants": "People who completed the skills check (rounded to the nearest 5, or withheld).",
    "ai_ready": "Participants at level 2 or above in all six areas.",
    "ai_ready_share": "AI-ready participants as a percentage of participants.",
    "weighted_ai_ready_share": "Estimated town-wide AI-ready percentage, weighting each ward's participants by "
    "its adult population (wards with at least 10 participants).",
    "weighted_coverage": "Percentage of Luton's adults living in the wards used for the weighted estimate.",
    "levels": "Participants at each overall level (the lowest of their area levels) and the percentage.",
    "areas": "For each skill area, participants at each level and the percentage.",
    "wards": "For each ward, participants, AI-ready percentage and the gap to the town rate in points.",
    "quarters": "For each calendar quarter, participants and AI-ready percentage.",
}


def describe_filters(form: FilterForm) -> str:
    if not form.is_bound or not form.is_valid():
        return "none"
    snapped = form.filters()
    values = {**form.cleaned_data, "start": snapped.start, "end": snapped.end}
    chosen = [f"{form.fields[name].label}: {value}" for name, value in values.items() if value]
    return "; ".join(chosen) or "none"


def csv_rows(figures: dict):
    def row(table, group, level, measure, value, suppressed=None):
        if suppressed is None:
            suppressed = value is None
        return [table, group, level, measure, "" if value is None else value, "true" if suppressed else "false"]

    def count_row(table, group, level, cell):
        return row(table, group, level, "participants", cell["value"], cell["suppressed"])

    yield count_row("headline", "town", "", figures["participants"])
    yield row("headline", "town", "", "ai_ready_share_percent", figures["ai_ready_share"])
    yield row("headline", "town", "", "weighted_ai_ready_share_percent", figures["weighted_ai_ready_share"])
    for level in figures["levels"]:
        yield count_row("level", "town", level["level"], level["count"])
        yield row("level", "town", level["level"], "share_percent", level["share"])
    for area in figures["areas"]:
        for level in area["levels"]:
            yield count_row("area", area["slug"], level["level"], level["count"])
            yield row("area", area["slug"], level["level"], "share_percent", level["share"])
    for ward in figures["wards"]:
        yield count_row("ward", ward["slug"], "", ward["participants"])
        yield row("ward", ward["slug"], "", "ai_ready_share_percent", ward["ai_ready_share"])
        yield row("ward", ward["slug"], "", "gap_points", ward["gap"])
    for quarter in figures["quarters"]:
        yield count_row("quarter", quarter["quarter"], "", quarter["participants"])
        yield row("quarter", quarter["quarter"], "", "ai_ready_share_percent", quarter["ai_ready_share"])


def _level_two_plus(area: dict) -> float | None:
    shares = [level["share"] for level in area["levels"] if level["level"] >= 2]
    return None if any(value is None for value in shares) else round(sum(shares), 1)


def areas_chart(chart_id: str, figures: dict):
    areas = figures["areas"]
    known = [(area["name"], _level_two_plus(area)) for area in areas if _level_two_plus(area) is not None]
    summary = "Share of participants at each level, 0 to 3, in each of the six areas."
    if known:
        best = max(known, key=lambda item: item[1])
        worst = min(known, key=lambda item: item[1])
        summary += (
            f" Most people are at level 2 or above in {best[0]} ({best[1]:g}%), fewest in {worst[0]} ({worst[1]:g}%)."
        )
    rows = [(area["name"], [level["share"] for level in area["levels"]]) for area in areas]
    return charts.stacked_levels_chart(chart_id, "Levels in each skill area", summary, rows), summary


def quarters_chart(chart_id: str, figures: dict):
    points = [(quarter["quarter"], quarter["ai_ready_share"]) for quarter in figures["quarters"]]
    known = [point for point in points if point[1] is not None]
    if known:
        summary = f"AI-ready share of participants by quarter, from {known[0][1]:g}% in {known[0][0]}"
        summary += f" to {known[-1][1]:g}% in {known[-1][0]}." if len(known) > 1 else "."
    else:
        summary = "Too few people took part in any quarter to show a rate."
    return charts.line_chart(chart_id, "AI-ready share over time", summary, points), summary


def dashboard_charts(figures: dict) -> dict:
    wards = [ward for ward in figures["wards"] if ward["slug"] != "not-given"]
    known = [ward for ward in wards if ward["ai_ready_share"] is not None]
    summary = f"AI-ready share of participants in each ward, lowest first. {len(known)} of {len(wards)} wards shown"
    if known:
        summary += (
            f"; lowest {known[0]['name']} ({known[0]['ai_ready_share']:g}%), "
            f"highest {known[-1]['name']} ({known[-1]['ai_ready_share']:g}%)"
        )
    summary += "; the others are withheld to protect people."
    town = figures["ai_ready_share"]
    areas, areas_summary = areas_chart("chart-areas", figures)
    quarters, quarters_summary = quarters_chart("chart-quarters", figures)
    return {
        "areas": areas,
        "areas_summary": areas_summary,
        "quarters": quarters,
        "quarters_summary": quarters_summary,
        "wards_summary": summary,
        "wards": charts.bar_chart(
            "chart-wards",
            "AI-ready share by ward",
            summary,
            [(ward["name"], ward["ai_ready_share"]) for ward in wards],
            marker=("town rate", town),
        ),
    }


def ward_charts(figures: dict) -> dict:
    areas, areas_summary = areas_chart("chart-ward-areas", figures)
    quarters, quarters_summary = quarters_chart("chart-ward-quarters", figures)
    return {"areas": areas, "areas_summary": areas_summary, "quarters": quarters, "quarters_summary": quarters_summary}


def with_trend_charts(objectives: list[dict]) -> list[dict]:
    """Add each key result's trend chart (when it has two or more monthly values)."""
    presented = []
    for objective in objectives:
        results = []
        for result in objective["key_results"]:
            values = [value for _, value in result["trend"] if value is not None]
            chart = summary = None
            if len(values) > 1:
                unit = result["unit"]

                def label(value, unit=unit):
                    return f"{value:,.1f}".removesuffix(".0") + ("%" if unit == "%" else "")

                low = min(values + [result["baseline"], result["target"]])
                high = max(values + [result["baseline"], result["target"]])
                first, last = result["trend"][0], result["trend"][-1]
                summary = (
                    f"{result['title']}: {label(values[0])} in {first[0]}, {label(values[-1])} in {last[0]}; "
                    f"target {label(result['target'])}."
                )
                chart = charts.line_chart(
                    f"chart-kr-{result['id']}", f"Trend: {result['title']}", summary, result["trend"], low, high, label
                )
            results.append({**result, "trend_chart": chart, "trend_summary": summary})
        presented.append({**objective, "key_results": results})
    return presented
