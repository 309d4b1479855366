"""Disclosure control with crafted numbers: no database, no request."""

import pytest

from skills.dashboard import (
    DIFFERENCE,
    PRIMARY,
    SECONDARY,
    Cell,
    WardRate,
    points_gap,
    protect_group,
    publish_count,
    round_count,
    share,
    weighted_town_rate,
    withheld_by_differences,
)


@pytest.mark.parametrize(
    ("count", "published"),
    [(0, 0), (10, 10), (12, 10), (13, 15), (17, 15), (18, 20), (22, 20), (23, 25), (1002, 1000)],
)
def test_counts_round_to_the_nearest_five(count, published):
    assert round_count(count) == published


def test_nine_people_are_suppressed_and_ten_are_published():
    assert publish_count(9) == Cell(None, PRIMARY)
    assert publish_count(10) == Cell(10)
    assert publish_count(1) == Cell(None, PRIMARY)


def test_zero_names_nobody_and_is_published():
    assert publish_count(0) == Cell(0)


def test_a_group_with_no_small_cells_is_only_rounded():
    cells = protect_group({"a": 12, "b": 40, "c": 101})
    assert cells == {"a": Cell(10), "b": Cell(40), "c": Cell(100)}


def test_one_small_cell_takes_the_next_smallest_with_it():
    cells = protect_group({"a": 4, "b": 30, "c": 12, "d": 50})
    assert cells["a"] == Cell(None, PRIMARY)
    assert cells["c"] == Cell(None, SECONDARY)
    assert cells["b"].value == 30
    assert cells["d"].value == 50


def test_differencing_the_total_cannot_reveal_a_suppressed_ward():
    wards = {"Poets": 3, "Saints": 48, "South": 61, "Farley": 25, "Biscot": 15}
    total = sum(wards.values())
    cells = protect_group(wards)
    hidden = [ward for ward, cell in cells.items() if cell.is_suppressed]
    assert "Poets" in hidden
    assert len(hidden) >= 2, "a lone suppressed cell is total minus the others"
    # What an attacker learns from the unrounded total and the other wards' true counts
    # is the hidden wards' combined count, which is itself not disclosive.
    learned = total - sum(count for ward, count in wards.items() if ward not in hidden)
    assert learned >= 10


def test_two_tiny_cells_pull_in_more_until_the_hidden_sum_is_safe():
    cells = protect_group({"a": 2, "b": 3, "c": 11, "d": 40})
    assert cells["a"].suppressed == PRIMARY
    assert cells["b"].suppressed == PRIMARY
    assert cells["c"].suppressed == SECONDARY
    assert cells["d"] == Cell(40)


def test_empty_cells_are_never_used_to_hide_another():
    cells = protect_group({"a": 5, "b": 0, "c": 20})
    assert cells["b"] == Cell(0)
    assert cells["c"].suppressed == SECONDARY


def test_share_is_a_whole_percentage_of_the_rounded_counts():
    # 13 of 27 is 48.1 %; published as the rounded counts say, 15 of 25.
    assert share(13, 27) == 60


def test_a_share_cannot_be_turned_back_into_the_exact_count():
    # One decimal place from exact counts told 12 of 33 (36.4 %) from 13 of 33 (39.4 %),
    # though both counts are published as "10" or "15" of "35". Now the share says no more.
    assert share(12, 33) == share(12, 34) == share(11, 35) == round(100 * 10 / 35)
    assert share(13, 33) == share(14, 36) == round(100 * 15 / 35)


def test_a_share_of_fewer_than_10_people_is_withheld_even_of_a_large_base():
    # 5 AI-ready of 100 people would otherwise be published as "5 %", giving back the 5.
    assert share(5, 100) is None
    assert share(0, 100) == 0


def test_share_is_suppressed_with_its_base_or_its_count():
    assert share(3, 9) is None
    assert share(3, 40, count_cell=Cell(None, PRIMARY)) is None
    assert share(30, 40, base_cell=Cell(None, SECONDARY)) is None
    assert share(0, 0) is None
    assert share(0, 40) == 0.0


def test_weighted_rate_reweights_by_adult_population():
    wards = [
        WardRate(participants=100, ai_ready=50, adult_population=1000),  # 50 %, over-represented
        WardRate(participants=10, ai_ready=1, adult_population=9000),  # 10 %, most adults live here
    ]
    rate, coverage = weighted_town_rate(wards)
    assert rate == 14.0  # (1000 × 0.5 + 9000 × 0.1) / 10000
    assert coverage == 100.0


def test_weighted_rate_leaves_out_small_wards_and_says_how_much_it_covers():
    wards = [
        WardRate(participants=20, ai_ready=10, adult_population=3000),
        WardRate(participants=9, ai_ready=9, adult_population=1000),
        WardRate(participants=50, ai_ready=5, adult_population=None),
    ]
    rate, coverage = weighted_town_rate(wards)
    assert rate == 50.0
    assert coverage == 75.0


def test_weighted_rate_without_usable_wards_is_unknown():
    assert weighted_town_rate([WardRate(5, 1, 1000)]) == (None, 0.0)
    assert weighted_town_rate([]) == (None, 0.0)


def test_points_gap():
    assert points_gap(42, 50) == -8
    assert points_gap(None, 50.0) is None


def test_a_count_that_differs_by_a_few_people_from_another_run_of_quarters_is_withheld():
    # People quarter by quarter. Q1 alone (40) against Q1–Q2 (43) would single out 3 people;
    # "apart" is caught by a run that does not overlap: Q1 (12) against Q3 (5) gives 7.
    slices = {"everyone": [40, 3, 25], "apart": [12, 0, 5], "steady": [20, 0, 20], "busy": [20, 20, 20]}
    assert withheld_by_differences(slices, 0, 0) == {"everyone", "apart"}
    assert withheld_by_differences(slices, 0, 1) == {"everyone", "apart"}
    assert withheld_by_differences(slices, 0, 2) == set()  # the whole period keeps its figures
    assert withheld_by_differences(slices, 1, 1) == set()  # 3 and 0 are suppressed or name nobody already


def test_withheld_cells_are_protected_like_small_ones():
    cells = protect_group({"a": 40, "b": 30, "c": 12}, withheld={"a"})
    assert cells["a"] == Cell(None, DIFFERENCE)
    assert cells["c"] == Cell(None, SECONDARY)  # else the total minus b and c gives a back
    assert cells["b"] == Cell(30)
    assert publish_count(40, withheld=True) == Cell(None, DIFFERENCE)
