"""OKR progress maths: pure functions over plain numbers."""

from collections.abc import Iterable

GOOD_STRETCH = 0.7


def progress(current: float | None, baseline: float, target: float) -> float | None:
    """(current − baseline) / (target − baseline), clamped to 0.0–1.0 and rounded to two
    places. Works for targets below the baseline (a number to bring down). None when the
    current value is not available."""
    if current is None:
        return None
    if target == baseline:
        return 1.0 if current == target else 0.0
    score = (current - baseline) / (target - baseline)
    return round(min(1.0, max(0.0, score)), 2)


def objective_score(progresses: Iterable[float | None]) -> float | None:
    """The mean progress of an objective's key results that have a value."""
    known = [value for value in progresses if value is not None]
    if not known:
        return None
    return round(sum(known) / len(known), 2)
