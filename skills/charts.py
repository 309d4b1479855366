"""Server-rendered inline SVG charts: no chart library and no JavaScript.

Each chart is drawn in a narrow coordinate space (320 units wide) and scales with its
container, so it reads at 320 px. Labels carry every value as text, so colour is never the
only carrier of meaning; the page shows the same numbers in a table beside each chart.
"""

from django.utils.dateformat import format as format_date
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

WIDTH = 320
LABEL_GAP = 16
BAR_HEIGHT = 14
ROW_HEIGHT = LABEL_GAP + BAR_HEIGHT + 8


WITHHELD = gettext_lazy("not shown, to protect people (see the table)")


def _svg(chart_id: str, title: str, summary: str, height: int, body: SafeString) -> SafeString:
    return format_html(
        '<svg class="portal-chart" viewBox="0 0 {} {}" role="img" aria-labelledby="{}-title {}-desc" '
        'xmlns="http://www.w3.org/2000/svg"><title id="{}-title">{}</title><desc id="{}-desc">{}</desc>{}</svg>',
        WIDTH,
        height,
        chart_id,
        chart_id,
        chart_id,
        title,
        chart_id,
        summary,
        body,
    )


def withheld_note(top: int) -> SafeString:
    return format_html('<text class="portal-chart__note" x="0" y="{}">{}</text>', top + 28, WITHHELD)


def percent_label(value: float) -> str:
    """A whole or decimal percentage as the charts and their summaries write it: "54%"."""
    return f"{value:g}%"


def _percent(value: float | None) -> str:
    return _("not shown") if value is None else percent_label(value)


def bar_chart(chart_id: str, title: str, summary: str, rows: list[tuple[str, float | None]], marker=None) -> SafeString:
    """Horizontal bars of percentages, one per row, label above each bar; `marker` is an
    optional (label, percent) drawn as a dashed line across every row (e.g. the town rate)."""
    parts = []
    for index, (label, value) in enumerate(rows):
        top = index * ROW_HEIGHT
        parts.append(format_html('<text class="portal-chart__label" x="0" y="{}">{}</text>', top + 12, label))
        if value is None:
            parts.append(withheld_note(top))
            continue
        width = round(value / 100 * (WIDTH - 60), 1)
        parts.append(
            format_html(
                '<rect class="portal-chart__bar" x="0" y="{}" width="{}" height="{}"></rect>'
                '<text class="portal-chart__value" x="{}" y="{}">{}</text>',
                top + LABEL_GAP,
                width,
                BAR_HEIGHT,
                width + 4,
                top + LABEL_GAP + 11,
                _percent(value),
            )
        )
    height = max(1, len(rows)) * ROW_HEIGHT + 20
    if marker and marker[1] is not None:
        x = round(marker[1] / 100 * (WIDTH - 60), 1)
        parts.append(
            format_html(
                '<line class="portal-chart__marker" x1="{}" x2="{}" y1="0" y2="{}"></line>'
                '<text class="portal-chart__note" x="0" y="{}">{}</text>',
                x,
                x,
                height - 20,
                height - 4,
                # Translators: the key to a chart's dashed line, such as "Dashed line: town rate (54%)".
                _("Dashed line: %(label)s (%(value)s)") % {"label": marker[0], "value": _percent(marker[1])},
            )
        )
    return _svg(chart_id, title, summary, height, mark_safe("".join(parts)))


def stacked_levels_chart(
    chart_id: str, title: str, summary: str, rows: list[tuple[str, list[float | None]]]
) -> SafeString:
    """One 100% bar per row split by level 0–3; each segment wide enough carries its level
    number, and the legend names levels in text."""
    parts = []
    for index, (label, shares) in enumerate(rows):
        top = index * ROW_HEIGHT
        parts.append(format_html('<text class="portal-chart__label" x="0" y="{}">{}</text>', top + 12, label))
        if any(value is None for value in shares):
            parts.append(withheld_note(top))
            continue
        x = 0.0
        for level, value in enumerate(shares):
            width = round(value / 100 * WIDTH, 1)
            parts.append(
                format_html(
                    '<rect class="portal-chart__level-{}" x="{}" y="{}" width="{}" height="{}"></rect>',
                    level,
                    x,
                    top + LABEL_GAP,
                    width,
                    BAR_HEIGHT,
                )
            )
            if width >= 14:
                parts.append(
                    format_html(
                        '<text class="portal-chart__segment portal-chart__segment--{}" x="{}" y="{}">{}</text>',
                        level,
                        round(x + 3, 1),
                        top + LABEL_GAP + 11,
                        level,
                    )
                )
            x = round(x + width, 1)
    height = max(1, len(rows)) * ROW_HEIGHT + 20
    parts.append(
        format_html(
            '<text class="portal-chart__note" x="0" y="{}">{}</text>',
            height - 4,
            _("Numbers on the bars are levels, 0 to 3"),
        )
    )
    return _svg(chart_id, title, summary, height, mark_safe("".join(parts)))


def line_chart(
    chart_id: str,
    title: str,
    summary: str,
    points: list[tuple[str, float | None]],
    low: float = 0,
    high: float = 100,
    label=_percent,
) -> SafeString:
    """Values over time (percentages unless told otherwise), with a labelled marker at
    every known point; gaps where a value is not shown."""
    top, bottom, left, right = 20, 150, 40, WIDTH - 25
    height = bottom + 40
    step = (right - left) / max(1, len(points) - 1)
    span = (high - low) or 1

    def y(value):
        return round(bottom - (value - low) / span * (bottom - top), 1)

    parts = [
        format_html(
            '<line class="portal-chart__axis" x1="{}" x2="{}" y1="{}" y2="{}"></line>'
            '<text class="portal-chart__note" x="0" y="{}">{}</text>'
            '<text class="portal-chart__note" x="0" y="{}">{}</text>',
            left,
            right,
            bottom,
            bottom,
            top + 4,
            label(high),
            bottom,
            label(low),
        )
    ]
    segment = []
    crowded = len(points) > 6  # then only every third tick and the end values are labelled
    for index, (tick, value) in enumerate(points):
        x = round(left + index * step, 1)
        ends = index in (0, len(points) - 1)
        if not crowded or ends or index % 3 == 0:
            parts.append(
                format_html(
                    '<text class="portal-chart__tick portal-chart__tick--middle" x="{}" y="{}">{}</text>',
                    x,
                    bottom + 14 + (index % 2) * 12,
                    tick,
                )
            )
        if value is None:
            segment = _flush_line(parts, segment)
            continue
        segment.append(f"{x},{y(value)}")
        parts.append(format_html('<circle class="portal-chart__point" cx="{}" cy="{}" r="3"></circle>', x, y(value)))
        if not crowded or ends:
            parts.append(
                format_html(
                    '<text class="portal-chart__value portal-chart__tick--middle" x="{}" y="{}">{}</text>',
                    x,
                    y(value) - 6,
                    label(value),
                )
            )
    _flush_line(parts, segment)
    return _svg(chart_id, title, summary, height, mark_safe("".join(parts)))


def _flush_line(parts: list, segment: list[str]) -> list:
    if len(segment) > 1:
        parts.insert(1, format_html('<polyline class="portal-chart__line" points="{}"></polyline>', " ".join(segment)))
    return []


# A person's progress chart: coordinates only, the template draws them. As narrow as the
# dashboard's charts, so its text stays readable on a 320 px screen.
CHART_WIDTH, CHART_HEIGHT, CHART_LEFT, CHART_BOTTOM = 320, 200, 30, 30


def progress_chart(areas, assessments) -> dict:
    """Coordinates for an SVG line per area across the person's results, oldest first."""
    count = len(assessments)
    step = (CHART_WIDTH - CHART_LEFT - 20) / max(count - 1, 1)
    plot_height = CHART_HEIGHT - CHART_BOTTOM - 10

    def y(level):
        return 10 + plot_height - level * plot_height / 3

    lines = []
    for index, area in enumerate(areas):
        points = [
            (round(CHART_LEFT + position * step, 1), round(y(assessment.levels_in_order[index]), 1))
            for position, assessment in enumerate(assessments)
            if assessment.levels_in_order[index] is not None
        ]
        lines.append(
            {
                "area": area,
                "points": " ".join(f"{x},{y}" for x, y in points),
                "dots": points,
                "series": index + 1,
                "radius": 3 + 2 * index,
            }
        )
    return {
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "lines": lines,
        "gridlines": [{"level": level, "y": round(y(level), 1)} for level in range(4)],
        # Every date fits up to three results; beyond that the first and last (the table has all).
        "labels": [
            {
                "x": round(CHART_LEFT + position * step, 1),
                # The month in the reader's language; in English as "%-d %b %y" (5 Mar 26).
                "text": format_date(assessment.completed_at, "j M y"),
                "anchor": "start" if position == 0 else "end" if position == count - 1 else "middle",
            }
            for position, assessment in enumerate(assessments)
            if count <= 3 or position in (0, count - 1)
        ],
        "baseline": CHART_HEIGHT - 8,
    }
