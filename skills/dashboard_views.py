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
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from portal.views import error_page

from . import charts
from .dashboard import localised
from .dashboard_figures import Filters, has_fresh_figures, town_figures
from .dashboard_sections import count_row, csv_row, dashboard_sections
from .models import AgeBand, Status
from .okrs.snapshots import okr_summary

# The licence's own name, which is not translated.
LICENCE = {
    "name": "Open Government Licence v3.0",
    "url": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
}
TITLE = gettext_lazy("Luton AI skills: town dashboard figures among participants")
CAVEAT = gettext_lazy(
    "These figures describe the people who chose to take the skills check, not everyone in Luton. "
    "Participants are self-selected, so they may be more or less confident with AI than the town as a whole."
)
DEMO_WARNING = gettext_lazy(
    "These figures include invented demonstration data. They do not describe real people in Luton."
)
# Column names, and the words in the "table", "group", "measure" and "suppressed" columns,
# are keys for programs and stay in English; the descriptions are for people.
CSV_COLUMNS = [
    # Translators: words joined by underscores are values in the CSV: keep them as they are.
    ("table", gettext_lazy("Which figures: headline, level, area, ward, quarter or language; other parts of the "
     "portal add tables of their own, named after them, such as business_headline.")),
    # Translators: 'town', 'true' and words joined by underscores are values in the CSV: keep them as they are.
    ("group", gettext_lazy("The row's subject: 'town', an area or ward slug, a quarter such as '2026 Q1', or the "
     "code of the language the skills check was taken in, such as 'pl'.")),
    ("level", gettext_lazy("Overall or area level 0–3 where the figure is per level, otherwise empty.")),
    # Translators: keep the words joined by underscores (and "participants") as they are: they are values in the CSV.
    ("measure", gettext_lazy("participants (a count rounded to the nearest 5), share_percent, ai_ready_share_percent, "
     "weighted_ai_ready_share_percent or gap_points (ward rate minus town rate).")),
    ("value", gettext_lazy("The figure; empty when it is not published.")),
    ("suppressed", gettext_lazy("'true' when the figure is withheld: based on fewer than 10 people, or hidden so "
     "that another withheld figure cannot be worked out from a total.")),
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
            raise forms.ValidationError(
                _("Enter a date between the years %(earliest)s and %(latest)s")
                % {"earliest": self.EARLIEST.year, "latest": self.LATEST.year}
            )


def start_of_quarter(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def end_of_quarter(day: date) -> date:
    last_month = 3 * ((day.month - 1) // 3) + 3
    return date(day.year + last_month // 12, last_month % 12 + 1, 1) - timedelta(days=1)


QUARTERS_HINT = gettext_lazy(
    "Figures are for whole quarters (January to March, April to June, July to September, October to "
    "December): a date is widened to the start or end of its quarter, so no one day's people can be told apart."
)


class FilterForm(forms.Form):
    start = DashboardDateField(label=gettext_lazy("From"))
    end = DashboardDateField(label=gettext_lazy("To"))
    age_band = forms.ChoiceField(
        label=gettext_lazy("Age band"), required=False, choices=[("", gettext_lazy("All ages")), *AgeBand.choices]
    )
    status = forms.ChoiceField(label=gettext_lazy("Student, in work or running a business"), required=False,
                               choices=[("", gettext_lazy("Everyone")), *Status.choices])  # fmt: skip

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            self.add_error("end", _("The ‘to’ date must be the same as or after the ‘from’ date"))
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
    figures = localised(town_figures(form.filters()))
    return render(
        request,
        "skills/dashboard/dashboard.html",
        {
            "form": form,
            "figures": figures,
            "sections": presented_sections(),
            "caveat": CAVEAT,
            "charts": dashboard_charts(figures),
            "okrs": with_trend_charts(okr_summary()),
            "query": request.GET.urlencode(),
            "quarters_hint": QUARTERS_HINT,
            "crumbs": [(_("AI skills"), "/skills/")],
        },
    )


@limit_fresh_filters
def ward_detail(request, slug):
    form = FilterForm(request.GET or None)
    town = localised(town_figures(form.filters()))
    ward = next((row for row in town["wards"] if row["slug"] == slug and slug != "not-given"), None)
    if ward is None:
        raise Http404(_("No such ward"))
    # A ward whose figures the town table withholds, to protect it or another group, shows
    # no breakdown either: its levels would give back the withheld count (levels 2 and 3
    # are the AI-ready), and its total would undo the protection of a smaller ward.
    protected = ward["participants"]["suppressed"] or ward["ai_ready_share"] is None
    figures = None if protected else localised(town_figures(form.filters(ward=slug)))
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
            "crumbs": [(_("AI skills"), "/skills/"), (_("Town dashboard"), reverse("skills_dashboard"))],
        },
    )


@limit_fresh_filters
def dashboard_csv(request):
    form = FilterForm(request.GET or None)
    figures = town_figures(form.filters())
    sections = [(section, section.figures()) for section in dashboard_sections()]
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="luton-ai-skills-dashboard.csv"'
    comments = [
        # Translators: the first line of the dashboard's CSV download: its title, then the caveat.
        _("%(title)s. %(caveat)s") % {"title": TITLE, "caveat": CAVEAT},
        _("Licence: %(name)s %(url)s") % LICENCE,
        _("Generated at: %(time)s") % {"time": figures["generated_at"]},
    ]
    if includes_demo_data(figures, [section_figures for _section, section_figures in sections]):
        comments.append(_("Warning: %(warning)s") % {"warning": DEMO_WARNING})
    comments.append(_("Filters: %(filters)s") % {"filters": describe_filters(form)})
    comments += [str(section.csv_note) for section, _figures in sections]
    comments += [
        _("Column %(name)s: %(description)s") % {"name": name, "description": description}
        for name, description in CSV_COLUMNS
    ]
    for comment in comments:
        response.write(f"# {comment}\n")
    writer = csv.writer(response)
    writer.writerow([name for name, _description in CSV_COLUMNS])
    writer.writerows(csv_rows(figures))
    for section, section_figures in sections:
        writer.writerows(section.csv_rows(section_figures))
    return response


@limit_fresh_filters
def dashboard_json(request):
    form = FilterForm(request.GET or None)
    figures = localised(town_figures(form.filters()))
    sections = {section.key: (section, section.figures()) for section in dashboard_sections()}
    return JsonResponse(
        {
            "title": str(TITLE),
            "caveat": str(CAVEAT),
            "licence": LICENCE,
            "generated_at": figures["generated_at"],
            "filters": describe_filters(form),
            "warning": str(DEMO_WARNING)
            if includes_demo_data(figures, [section_figures for _section, section_figures in sections.values()])
            else None,
            "disclosure_control": _(
                "Counts based on fewer than 10 people are withheld (value null, suppressed true); other counts are "
                "rounded to the nearest 5; percentages are whole numbers worked out from the rounded counts and are "
                "withheld when their count or base is under 10 or withheld; further cells are withheld where a "
                "withheld one could be worked out from a total or a subtotal (levels 2 and 3 make the AI-ready "
                "count); dates are widened to whole quarters."
            ),
            "fields": {key: str(description) for key, description in JSON_FIELDS.items()},
            "figures": {key: value for key, value in figures.items() if key != "generated_at"},
            "sections": {
                key: {
                    "fields": {name: str(description) for name, description in section.fields.items()},
                    "figures": section_figures,
                }
                for key, (section, section_figures) in sections.items()
            },
        },
        json_dumps_params={"indent": 2, "ensure_ascii": False},
    )


JSON_FIELDS = {
    "participants": gettext_lazy("People who completed the skills check (rounded to the nearest 5, or withheld)."),
    "ai_ready": gettext_lazy("Participants at level 2 or above in all six areas."),
    "ai_ready_share": gettext_lazy("AI-ready participants as a percentage of participants."),
    "weighted_ai_ready_share": gettext_lazy(
        "Estimated town-wide AI-ready percentage, weighting each ward's participants by "
        "its adult population (wards with at least 10 participants)."
    ),
    "weighted_coverage": gettext_lazy(
        "Percentage of Luton's adults living in the wards used for the weighted estimate."
    ),
    "levels": gettext_lazy("Participants at each overall level (the lowest of their area levels) and the percentage."),
    "areas": gettext_lazy("For each skill area, participants at each level and the percentage."),
    "wards": gettext_lazy("For each ward, participants, AI-ready percentage and the gap to the town rate in points."),
    "quarters": gettext_lazy("For each calendar quarter, participants and AI-ready percentage."),
    "languages": gettext_lazy(
        "For each language the skills check can be taken in (its code, and its name in itself), "
        "participants who took it in that language and the percentage."
    ),
    "sections": gettext_lazy(
        "Figures other parts of the portal add, such as businesses, each with its own field descriptions. "
        "They cover every quarter: the filters do not apply to them."
    ),
}


def presented_sections() -> list[dict]:
    """Each section other apps add (`dashboard_sections`), as its template reads it: the
    figures, and whatever the section works out from them for its template."""
    presented = []
    for section in dashboard_sections():
        figures = section.figures()
        extra = section.context(figures) if section.context else {}
        presented.append({**extra, "key": section.key, "template": section.template, "figures": figures})
    return presented


def includes_demo_data(figures: dict, section_figures: list[dict]) -> bool:
    """True when the dashboard's figures or any section's include invented demonstration data."""
    return bool(figures.get("includes_demo_data")) or any(other.get("includes_demo_data") for other in section_figures)


def describe_filters(form: FilterForm) -> str:
    """The chosen filters in words, e.g. "From: 2026-01-01; Age band: 18-24", or "none"."""
    if not form.is_bound or not form.is_valid():
        return _("none")
    snapped = form.filters()
    values = {**form.cleaned_data, "start": snapped.start, "end": snapped.end}
    chosen = [
        # Translators: one chosen filter in the open data's description, such as "From: 2026-01-01".
        _("%(filter)s: %(value)s") % {"filter": form.fields[name].label, "value": value}
        for name, value in values.items()
        if value
    ]
    # Translators: what separates the chosen filters, such as "From: 2026-01-01; To: 2026-06-30".
    return _("; ").join(chosen) or _("none")


def csv_rows(figures: dict):
    def people_row(table, group, level, cell):
        return count_row(table, group, level, "participants", cell)

    yield people_row("headline", "town", "", figures["participants"])
    yield csv_row("headline", "town", "", "ai_ready_share_percent", figures["ai_ready_share"])
    yield csv_row("headline", "town", "", "weighted_ai_ready_share_percent", figures["weighted_ai_ready_share"])
    for level in figures["levels"]:
        yield people_row("level", "town", level["level"], level["count"])
        yield csv_row("level", "town", level["level"], "share_percent", level["share"])
    for area in figures["areas"]:
        for level in area["levels"]:
            yield people_row("area", area["slug"], level["level"], level["count"])
            yield csv_row("area", area["slug"], level["level"], "share_percent", level["share"])
    for ward in figures["wards"]:
        yield people_row("ward", ward["slug"], "", ward["participants"])
        yield csv_row("ward", ward["slug"], "", "ai_ready_share_percent", ward["ai_ready_share"])
        yield csv_row("ward", ward["slug"], "", "gap_points", ward["gap"])
    for quarter in figures["quarters"]:
        yield people_row("quarter", quarter["quarter"], "", quarter["participants"])
        yield csv_row("quarter", quarter["quarter"], "", "ai_ready_share_percent", quarter["ai_ready_share"])
    for language in figures["languages"]:
        yield people_row("language", language["language"], "", language["participants"])
        yield csv_row("language", language["language"], "", "share_percent", language["share"])


def _level_two_plus(area: dict) -> float | None:
    shares = [level["share"] for level in area["levels"] if level["level"] >= 2]
    return None if any(value is None for value in shares) else round(sum(shares), 1)


def areas_chart(chart_id: str, figures: dict):
    areas = figures["areas"]
    known = [(area["name"], _level_two_plus(area)) for area in areas if _level_two_plus(area) is not None]
    summary = _("Share of participants at each level, 0 to 3, in each of the six areas.")
    if known:
        best = max(known, key=lambda item: item[1])
        worst = min(known, key=lambda item: item[1])
        summary += " " + _(
            "Most people are at level 2 or above in %(best_area)s (%(best_share)s), "
            "fewest in %(worst_area)s (%(worst_share)s)."
        ) % {
            "best_area": best[0],
            "best_share": charts.percent_label(best[1]),
            "worst_area": worst[0],
            "worst_share": charts.percent_label(worst[1]),
        }
    rows = [(area["name"], [level["share"] for level in area["levels"]]) for area in areas]
    return charts.stacked_levels_chart(chart_id, _("Levels in each skill area"), summary, rows), summary


def quarters_chart(chart_id: str, figures: dict):
    points = [(quarter["quarter"], quarter["ai_ready_share"]) for quarter in figures["quarters"]]
    known = [point for point in points if point[1] is not None]
    if len(known) > 1:
        summary = _(
            "AI-ready share of participants by quarter, from %(first_share)s in %(first_quarter)s "
            "to %(last_share)s in %(last_quarter)s."
        ) % {
            "first_share": charts.percent_label(known[0][1]),
            "first_quarter": known[0][0],
            "last_share": charts.percent_label(known[-1][1]),
            "last_quarter": known[-1][0],
        }
    elif known:
        summary = _("AI-ready share of participants by quarter, from %(share)s in %(quarter)s.") % {
            "share": charts.percent_label(known[0][1]),
            "quarter": known[0][0],
        }
    else:
        summary = _("Too few people took part in any quarter to show a rate.")
    return charts.line_chart(chart_id, _("AI-ready share over time"), summary, points), summary


def dashboard_charts(figures: dict) -> dict:
    wards = [ward for ward in figures["wards"] if ward["slug"] != "not-given"]
    known = [ward for ward in wards if ward["ai_ready_share"] is not None]
    numbers = {"shown": len(known), "count": len(wards)}
    if known:
        shown = ngettext(
            "%(shown)s of %(count)s ward shown; lowest %(lowest)s (%(lowest_share)s), "
            "highest %(highest)s (%(highest_share)s); the others are withheld to protect people.",
            "%(shown)s of %(count)s wards shown; lowest %(lowest)s (%(lowest_share)s), "
            "highest %(highest)s (%(highest_share)s); the others are withheld to protect people.",
            len(wards),
        ) % {
            **numbers,
            "lowest": known[0]["name"],
            "lowest_share": charts.percent_label(known[0]["ai_ready_share"]),
            "highest": known[-1]["name"],
            "highest_share": charts.percent_label(known[-1]["ai_ready_share"]),
        }
    else:
        shown = (
            ngettext(
                "%(shown)s of %(count)s ward shown; the others are withheld to protect people.",
                "%(shown)s of %(count)s wards shown; the others are withheld to protect people.",
                len(wards),
            )
            % numbers
        )
    summary = _("AI-ready share of participants in each ward, lowest first.") + " " + shown
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
            _("AI-ready share by ward"),
            summary,
            [(ward["name"], ward["ai_ready_share"]) for ward in wards],
            marker=(_("town rate"), town),
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
            values = [value for _month, value in result["trend"] if value is not None]
            chart = summary = None
            if len(values) > 1:
                unit = result["unit"]

                def label(value, unit=unit):
                    return f"{value:,.1f}".removesuffix(".0") + ("%" if unit == "%" else "")

                low = min(values + [result["baseline"], result["target"]])
                high = max(values + [result["baseline"], result["target"]])
                first, last = result["trend"][0], result["trend"][-1]
                summary = _(
                    "%(title)s: %(first)s in %(first_month)s, %(last)s in %(last_month)s; target %(target)s."
                ) % {
                    "title": result["title"],
                    "first": label(values[0]),
                    "first_month": first[0],
                    "last": label(values[-1]),
                    "last_month": last[0],
                    "target": label(result["target"]),
                }
                title = _("Trend: %(title)s") % {"title": result["title"]}
                chart = charts.line_chart(f"chart-kr-{result['id']}", title, summary, result["trend"], low, high, label)
            results.append({**result, "trend_chart": chart, "trend_summary": summary})
        presented.append({**objective, "key_results": results})
    return presented
