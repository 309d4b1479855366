"""Disclosure control and the town dashboard's published figures (DESIGN.md §9).

Pure functions over plain counts: nothing here touches the database or a request, so the
same rules protect the HTML page, the CSV, the JSON and the home page, and are tested with
crafted numbers.

The rules:
- a count based on fewer than 10 people is suppressed (published as None with a flag);
- other counts are rounded to the nearest 5;
- a percentage is a whole number worked out from the rounded counts, and withheld when its
  base or its own count is under 10 people or suppressed (one decimal place from exact
  counts would give the exact count back);
- secondary suppression: in any group of cells that adds up to a published total, more
  cells are suppressed (smallest first) until the suppressed cells together hold at least
  10 people, so no single suppressed cell can be worked out by taking the others from the
  total (the "differencing attack": town total minus the other wards), and again in every
  subgroup with a published total of its own (levels 2 and 3 add up to the AI-ready count);
- differences between views: a reader can ask for any run of whole quarters, so a count
  that differs by 1–9 people from the same count over another run is withheld (one view
  minus the other would single those people out), and then protected like a small cell.
  The whole period, the view everyone sees first, keeps its figures: the narrower view
  gives way.
"""

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext, gettext_noop

THRESHOLD = 10
ROUND_TO = 5

PRIMARY = "primary"
SECONDARY = "secondary"
DIFFERENCE = "difference"


@dataclass(frozen=True)
class Cell:
    """One published count: `value` is the rounded count, or None when suppressed."""

    value: int | None
    suppressed: str = ""  # "", PRIMARY or SECONDARY

    @property
    def is_suppressed(self) -> bool:
        return bool(self.suppressed)

    def as_json(self) -> dict:
        return {"value": self.value, "suppressed": self.is_suppressed}


def round_count(count: int) -> int:
    """Round to the nearest 5, halves up (12 → 10, 13 → 15)."""
    return ((count + ROUND_TO // 2) // ROUND_TO) * ROUND_TO


def is_too_small(count: int) -> bool:
    """A count of 1–9 people could identify someone. Zero is not suppressed: it names nobody."""
    return 0 < count < THRESHOLD


def publish_count(count: int, withheld: bool = False) -> Cell:
    """One stand-alone count, e.g. the town total; `withheld` when comparing views would
    single people out (see `withheld_by_differences`)."""
    if is_too_small(count):
        return Cell(None, PRIMARY)
    if withheld:
        return Cell(None, DIFFERENCE)
    return Cell(round_count(count))


def withheld_by_differences(slices: Mapping[Hashable, Sequence[int]], first: int, last: int) -> set[Hashable]:
    """The keys whose count over quarters `first`..`last` (indexes into each key's counts per
    quarter, inclusive) differs by 1–9 people from their count over some other run of whole
    quarters, the views a reader can ask for. None for the whole period. A zero names
    nobody, and a count of 1–9 is suppressed in the other view already."""
    withheld = set()
    for key, counts in slices.items():
        if (first, last) == (0, len(counts) - 1):
            continue
        totals = [0]
        for count in counts:
            totals.append(totals[-1] + count)
        mine = totals[last + 1] - totals[first] if first <= last else 0
        if mine == 0:
            continue
        if any(
            is_too_small(abs(totals[end + 1] - totals[start] - mine))
            for start in range(len(counts))
            for end in range(start, len(counts))
        ):
            withheld.add(key)
    return withheld


def protect_group(counts: Mapping[Hashable, int], withheld: Iterable[Hashable] = ()) -> dict[Hashable, Cell]:
    """Publish a group of counts that add up to a published total (wards of the town,
    levels of all participants, quarters of a date range).

    Returns a Cell per key. Primary suppression first; then, if any cell is suppressed,
    the smallest remaining non-zero cells are suppressed too until the suppressed cells
    hold at least THRESHOLD people together, so subtracting the published cells from the
    total reveals only a combined figure that is itself safe. Keys in `withheld` are
    suppressed first like small cells (see `withheld_by_differences`).
    """
    primary = {key for key, count in counts.items() if is_too_small(count)}
    differences = {key for key in withheld if key in counts and key not in primary}
    suppressed = primary | differences
    if suppressed:
        candidates = sorted(
            (key for key, count in counts.items() if key not in suppressed and count > 0),
            key=lambda key: (counts[key], str(key)),
        )
        while candidates and (len(suppressed) < 2 or sum(counts[key] for key in suppressed) < THRESHOLD):
            suppressed.add(candidates.pop(0))
    cells = {}
    for key, count in counts.items():
        if key in primary:
            cells[key] = Cell(None, PRIMARY)
        elif key in differences:
            cells[key] = Cell(None, DIFFERENCE)
        elif key in suppressed:
            cells[key] = Cell(None, SECONDARY)
        else:
            cells[key] = Cell(round_count(count))
    return cells


def share(count: int, base: int, count_cell: Cell | None = None, base_cell: Cell | None = None) -> int | None:
    """Whole percentage of `count` in `base`, worked out from the published (rounded) counts,
    so it gives back nothing the rounded counts do not already say.

    None when the base is empty or under 10 people, when the count is 1–9 people, or when
    either is suppressed (a share of a published base would otherwise give the hidden count back).
    """
    if base <= 0 or is_too_small(base) or is_too_small(count):
        return None
    if (base_cell and base_cell.is_suppressed) or (count_cell and count_cell.is_suppressed):
        return None
    return round(100 * round_count(count) / round_count(base))


def protect_nested(
    counts: Mapping[Hashable, int], subgroups: Iterable[Iterable[Hashable]], withheld: Iterable[Hashable] = ()
) -> dict[Hashable, Cell]:
    """Publish a group of counts that adds up to a published total and has subgroups that
    add up to published totals of their own (levels 2 and 3 make the AI-ready count).

    Like `protect_group`, but secondary suppression is repeated in every subgroup until no
    published total, the whole or a subgroup, lets a single withheld cell be worked out.
    """
    cells = protect_group(counts, withheld)
    subgroups = [list(subgroup) for subgroup in subgroups]
    changed = True
    while changed:
        changed = False
        for subgroup in subgroups:
            hidden = [key for key in subgroup if cells[key].is_suppressed]
            if not hidden:
                continue
            open_cells = sorted(
                (key for key in subgroup if not cells[key].is_suppressed and counts[key] > 0),
                key=lambda key: (counts[key], str(key)),
            )
            while open_cells and (len(hidden) < 2 or sum(counts[key] for key in hidden) < THRESHOLD):
                key = open_cells.pop(0)
                cells[key] = Cell(None, SECONDARY)
                hidden.append(key)
                changed = True
    return cells


@dataclass(frozen=True)
class WardRate:
    participants: int
    ai_ready: int
    adult_population: int | None


def weighted_town_rate(wards: Iterable[WardRate]) -> tuple[float | None, float]:
    """Estimate the town-wide AI-ready rate by reweighting each ward's participant rate by
    the ward's adult population, so over-represented wards do not dominate.

    Only wards with at least THRESHOLD participants and a known population count. Returns
    (rate in whole per cent or None, share of the town's adults covered in whole per cent).
    """
    wards = list(wards)
    known_population = sum(ward.adult_population or 0 for ward in wards)
    used = [ward for ward in wards if ward.adult_population and ward.participants >= THRESHOLD]
    used_population = sum(ward.adult_population for ward in used)
    if not used_population:
        return None, 0.0
    rate = sum(ward.adult_population * ward.ai_ready / ward.participants for ward in used) / used_population
    coverage = used_population / known_population if known_population else 0.0
    return round(100 * rate), round(100 * coverage)


def points_gap(rate: float | None, town_rate: float | None) -> float | None:
    """A ward's rate minus the town rate, in whole percentage points."""
    if rate is None or town_rate is None:
        return None
    return round(rate - town_rate)


NOT_GIVEN = "not-given"

# The figures are cached and shared by readers of every language, so the words in them stay
# in English (marked for translators here) and `localised` translates them for each reader.
# Code tells suppressed counts apart by their "kind", never by these words.
REASONS = {
    PRIMARY: gettext_noop("fewer than 10 people"),
    SECONDARY: gettext_noop("hidden to protect another cell"),
    DIFFERENCE: gettext_noop(
        "hidden because comparing it with another date range would single out fewer than 10 people"
    ),
}
NOT_GIVEN_NAME = gettext_noop("Ward not given")


def cell_json(cell: Cell) -> dict:
    """{"value", "suppressed", "reason"}, and for a suppressed count its "kind" too:
    "primary", "secondary" or "difference"."""
    published = {"value": cell.value, "suppressed": cell.is_suppressed, "reason": REASONS.get(cell.suppressed)}
    if cell.is_suppressed:
        published["kind"] = cell.suppressed
    return published


def localised(figures):
    """A copy of published figures (or any part of them) with their words in the reader's
    language: each suppressed count's reason, and the name of the "Ward not given" row."""
    if isinstance(figures, list):
        return [localised(item) for item in figures]
    if not isinstance(figures, dict):
        return figures
    copy = {key: localised(value) for key, value in figures.items()}
    if copy.get("kind") in REASONS and "reason" in copy:
        copy["reason"] = gettext(REASONS[copy["kind"]])
    if copy.get("slug") == NOT_GIVEN and "name" in copy:
        copy["name"] = gettext(NOT_GIVEN_NAME)
    return copy


def build_figures(
    level_rows: Iterable[tuple[int | None, int, bool, int]],
    quarter_rows: Iterable[tuple[str, bool, int]],
    area_rows: Iterable[tuple[int, int, int]],
    wards: list[dict],
    areas: list[dict],
    level_names: Mapping[int, str],
    withheld: Iterable[tuple] = (),
    language_rows: Iterable[tuple[str, int]] = (),
    languages: Sequence[tuple[str, str]] = (),
) -> dict:
    """Turn grouped counts from the database into the published, protected figures.

    level_rows: (ward id or None, overall level, AI-ready, count) per group.
    quarter_rows: (quarter label like "2026 Q1", AI-ready, count).
    area_rows: (area id, level in that area, count).
    wards: dicts with id, slug, name, is_outside_luton, adult_population.
    areas: dicts with id, slug, name. level_names: {0: "Starting out", ...} for levels 0–3.
    withheld: `figure_keys` of counts that comparing date ranges would give away.
    language_rows: (language code, count): the language each assessment was taken in.
    languages: (code, name) of every language the portal speaks, each named in itself.
    Returns plain JSON-serialisable data; every count is a {"value", "suppressed", "reason"} dict
    (with "kind" when suppressed), its words in English: see `localised`.
    """
    withheld = set(withheld)
    participants_by_level = dict.fromkeys(level_names, 0)
    participants_by_ward: dict[str, int] = {}
    ready_by_ward: dict[str, int] = {}
    ward_key = {ward["id"]: ward["slug"] for ward in wards}
    for ward_id, level, ready, count in level_rows:
        key = ward_key.get(ward_id, NOT_GIVEN)
        participants_by_level[level] = participants_by_level.get(level, 0) + count
        participants_by_ward[key] = participants_by_ward.get(key, 0) + count
        ready_by_ward[key] = ready_by_ward.get(key, 0) + (count if ready else 0)
    participants = sum(participants_by_level.values())
    ready = sum(ready_by_ward.values())
    participants_cell = publish_count(participants, ("participants",) in withheld)
    ready_cell = publish_count(ready, ("ai_ready",) in withheld)
    town_rate = share(ready, participants, ready_cell, participants_cell)

    # Levels 2 and 3 add up to the AI-ready count (AI-ready is level 2 or more in every
    # area, and the overall level is the lowest area level), so they are a subgroup too.
    level_cells = protect_nested(
        participants_by_level, [[level for level in level_names if level >= 2]], _of_kind(withheld, "level")
    )
    levels = [
        {
            "level": level,
            "name": name,
            "count": cell_json(level_cells[level]),
            "share": share(participants_by_level[level], participants, level_cells[level], participants_cell),
        }
        for level, name in sorted(level_names.items())
    ]

    return {
        "participants": cell_json(participants_cell),
        "ai_ready": cell_json(ready_cell),
        "ai_ready_share": town_rate,
        "levels": levels,
        "areas": _area_figures(area_rows, areas, level_names, participants_cell, withheld),
        "wards": _ward_figures(wards, participants_by_ward, ready_by_ward, town_rate, withheld),
        **_weighted_estimate(wards, participants_by_ward, ready_by_ward),
        "quarters": _quarter_figures(quarter_rows),
        "languages": _language_figures(language_rows, languages, participants, participants_cell, withheld),
    }


def figure_keys(level_row: tuple, ward_slug: str, language: str | None = None) -> list[tuple]:
    """The published counts one group of assessments adds into, for `withheld_by_differences`:
    level_row is (ward id, overall level, AI-ready), ward_slug the ward's key and language
    the language the assessments were taken in."""
    _, level, ready = level_row
    keys = [("participants",), ("level", level), ("ward", ward_slug)]
    if ready:
        keys += [("ai_ready",), ("ward_ready", ward_slug)]
    if language is not None:
        keys.append(("language", language))
    return keys


def _of_kind(withheld: set[tuple], kind: str) -> set:
    """The rest of each withheld key of this kind: ("area", 3, 2) → (3, 2)."""
    return {key[1:] if len(key) > 2 else key[1] for key in withheld if key[0] == kind}


def _area_figures(area_rows, areas, level_names, participants_cell, withheld) -> list[dict]:
    counts = {(area_id, level): count for area_id, level, count in area_rows}
    figures = []
    for area in areas:
        by_level = {level: counts.get((area["id"], level), 0) for level in level_names}
        base = sum(by_level.values())
        cells = protect_group(
            by_level, {level for area_id, level in _of_kind(withheld, "area") if area_id == area["id"]}
        )
        figures.append(
            {
                "slug": area["slug"],
                "name": area["name"],
                "levels": [
                    {
                        "level": level,
                        "name": name,
                        "count": cell_json(cells[level]),
                        "share": share(by_level[level], base, cells[level], participants_cell),
                    }
                    for level, name in sorted(level_names.items())
                ],
            }
        )
    return figures


def _ward_figures(wards, participants_by_ward, ready_by_ward, town_rate, withheld) -> list[dict]:
    rows = [(ward["slug"], ward["name"]) for ward in wards] + [(NOT_GIVEN, NOT_GIVEN_NAME)]
    participants_cells = protect_group(
        {slug: participants_by_ward.get(slug, 0) for slug, _ in rows}, _of_kind(withheld, "ward")
    )
    ready_cells = protect_group(
        {slug: ready_by_ward.get(slug, 0) for slug, _ in rows}, _of_kind(withheld, "ward_ready")
    )
    figures = []
    for slug, name in rows:
        count = participants_by_ward.get(slug, 0)
        rate = share(ready_by_ward.get(slug, 0), count, ready_cells[slug], participants_cells[slug])
        figures.append(
            {
                "slug": slug,
                "name": name,
                "participants": cell_json(participants_cells[slug]),
                "ai_ready_share": rate,
                "gap": points_gap(rate, town_rate),
            }
        )
    # Lowest rate first: the wards that need attention lead; unknown rates go last.
    return sorted(figures, key=lambda row: (row["ai_ready_share"] is None, row["ai_ready_share"] or 0, row["name"]))


def _weighted_estimate(wards, participants_by_ward, ready_by_ward) -> dict:
    luton = [ward for ward in wards if not ward["is_outside_luton"]]
    rate, coverage = weighted_town_rate(
        WardRate(
            participants_by_ward.get(ward["slug"], 0), ready_by_ward.get(ward["slug"], 0), ward["adult_population"]
        )
        for ward in luton
    )
    sources = sorted(
        {(ward["population_source"], ward["population_year"]) for ward in luton if ward["adult_population"]}
    )
    return {
        "weighted_ai_ready_share": rate,
        "weighted_coverage": coverage,
        "population_sources": [{"source": source, "year": year} for source, year in sources],
    }


def _language_figures(language_rows, languages, participants, participants_cell, withheld) -> list[dict]:
    """Participants by the language they took the skills check in: a group adding up to the
    participants, protected like the levels. Every language the portal speaks has a row."""
    counts = {code: 0 for code, _name in languages}
    for code, count in language_rows:
        counts[code] = counts.get(code, 0) + count
    names = dict(languages)
    cells = protect_group(counts, _of_kind(withheld, "language"))
    return [
        {
            "language": code,
            "name": names.get(code, code),
            "participants": cell_json(cells[code]),
            "share": share(count, participants, cells[code], participants_cell),
        }
        for code, count in counts.items()
    ]


def _quarter_figures(quarter_rows) -> list[dict]:
    participants: dict[str, int] = {}
    ready: dict[str, int] = {}
    for quarter, is_ready, count in quarter_rows:
        participants[quarter] = participants.get(quarter, 0) + count
        ready[quarter] = ready.get(quarter, 0) + (count if is_ready else 0)
    participant_cells = protect_group(participants)
    ready_cells = protect_group(ready)
    return [
        {
            "quarter": quarter,
            "participants": cell_json(participant_cells[quarter]),
            "ai_ready_share": share(
                ready[quarter], participants[quarter], ready_cells[quarter], participant_cells[quarter]
            ),
        }
        for quarter in sorted(participants)
    ]
