"""The metrics key results measure, gathered from every app through the `okr_metrics` hook.

Each hook returns {metric key: callable(as_of datetime) -> int | float | None}. A metric no
installed app provides reads as "not available" rather than failing.
"""

from collections.abc import Callable
from datetime import datetime

from wagtail import hooks

from .models import KeyResult, Metric

MetricFunction = Callable[[datetime], int | float | None]


def collect_metrics() -> dict[str, MetricFunction]:
    metrics: dict[str, MetricFunction] = {}
    for provide in hooks.get_hooks("okr_metrics"):
        metrics.update(provide())
    return metrics


def measure(key_result: KeyResult, as_of: datetime, metrics: dict[str, MetricFunction]) -> float | None:
    """The key result's value at `as_of`, or None when it is not available."""
    if key_result.metric == Metric.MANUAL:
        if key_result.manual_value_date and key_result.manual_value_date > as_of.date():
            return None
        return key_result.manual_value
    metric = metrics.get(key_result.metric)
    if metric is None:
        return None
    value = metric(as_of)
    return None if value is None else float(value)
