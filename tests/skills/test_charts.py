"""The progress chart's geometry, without a database."""

from types import SimpleNamespace

from django.utils import timezone

from skills.charts import progress_chart


def test_progress_chart_draws_a_line_per_area_oldest_left_and_level_three_at_the_top():
    areas = [SimpleNamespace(name="One"), SimpleNamespace(name="Two")]
    results = [
        SimpleNamespace(levels_in_order=[0, 1], completed_at=timezone.now() - timezone.timedelta(days=30)),
        SimpleNamespace(levels_in_order=[3, None], completed_at=timezone.now()),
    ]

    chart = progress_chart(areas, results)

    first, second = chart["lines"]
    (x0, y0), (x1, y1) = first["dots"]
    assert x0 < x1 and y1 < y0
    assert y1 == min(line["y"] for line in chart["gridlines"])
    assert len(second["dots"]) == 1  # an area missing from a result leaves a gap, not a zero
    assert [label["anchor"] for label in chart["labels"]] == ["start", "end"]
