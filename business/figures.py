"""The town's business figures from the AI adoption check, for the dashboard and its open data.

Each organisation counts once, by its latest check; a check not linked to an organisation
counts as an organisation of its own. Only the figures per quarter count every check.
Three grouped queries bring back a handful of rows however many checks there are, and the
disclosure control of `skills.dashboard` protects them (`build_figures`). The figures are
cached in the same way as the skills figures and retired with them when a check is saved
or deleted (`business.signals`).

Cached figures hold no words that depend on the reader's language, only slugs and codes
(and the editors' English dimension names); `localised` adds the names for each reader.
"""

from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import ExtractQuarter, ExtractYear
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy, gettext_noop

from portal.accounts.models import Sector, SizeBand
from skills import dashboard
from skills.dashboard import NOT_GIVEN, cell_json, protect_group, publish_count, share
from skills.dashboard_figures import cached, reference
from skills.translations import reading_language

from .models import BusinessCheck, DimensionResult, DimensionTranslation, NationalReference, Stage

CACHE_KEY = "dashboard:business"
NATIONAL_KEY = "dashboard:business:national"
STAGES = [stage.value for stage in Stage]

NATIONAL_NOTE = gettext_lazy(
    "The two figures are not measured the same way. Luton’s counts the organisations that chose to take the "
    "adoption check, charities and community groups among them, so it may differ from the town as a whole. "
    "The national survey asks a sample of firms its own question about its own period."
)
NOT_GIVEN_SECTOR = gettext_noop("Sector not given")
NOT_GIVEN_SIZE = gettext_noop("Size not given")


def latest_checks(as_of=None):
    """Each organisation's latest check (up to `as_of`, when given), and every check with
    no organisation, which has nothing later to compare with.

    "No later check by the same organisation" is a NOT EXISTS, which PostgreSQL answers
    with one hash anti-join (about 20 ms at 20,000 checks); checks completed at the same
    moment are told apart by their id."""
    later = BusinessCheck.objects.filter(organisation=OuterRef("organisation")).filter(
        Q(completed_at__gt=OuterRef("completed_at")) | Q(completed_at=OuterRef("completed_at"), pk__gt=OuterRef("pk"))
    )
    checks = BusinessCheck.objects.order_by()
    if as_of is not None:
        later = later.filter(completed_at__lte=as_of)
        checks = checks.filter(completed_at__lte=as_of)
    return checks.filter(~Exists(later))


def business_figures() -> dict:
    """The published (protected) business figures, cached like the dashboard's own."""
    from .tasks import refresh_figures

    return cached(CACHE_KEY, compute_figures, refresh_figures.enqueue)


def compute_figures() -> dict:
    """The grouped queries, then `build_figures`. With no checks at all there is nothing to
    group, and no national figure to set beside Luton's."""
    quarter_rows = list(
        BusinessCheck.objects.order_by()
        .annotate(year=ExtractYear("completed_at"), quarter=ExtractQuarter("completed_at"))
        .values_list("year", "quarter", "uses_ai", "is_demo")
        .annotate(n=Count("pk"))
    )
    latest_rows, stage_rows, national = [], [], None
    if quarter_rows:
        latest_rows = list(
            latest_checks().values_list("sector", "size_band", "uses_ai", "has_ai_policy").annotate(n=Count("pk"))
        )
        stage_rows = list(
            DimensionResult.objects.order_by()
            .filter(check_result__in=latest_checks().values("pk"))
            .values_list("dimension__slug", "dimension__name", "dimension__sort_order", "stage")
            .annotate(n=Count("pk"))
        )
        national = reference(NATIONAL_KEY, read_national_reference)
    figures = build_figures(
        latest_rows=latest_rows,
        stage_rows=stage_rows,
        quarter_rows=[(f"{year} Q{quarter}", uses_ai, count) for year, quarter, uses_ai, _demo, count in quarter_rows],
        national=national,
    )
    figures["generated_at"] = timezone.now().isoformat(timespec="seconds")
    # Invented organisations must never pass for real ones: every page showing these says so.
    figures["includes_demo_data"] = any(is_demo for *_groups, is_demo, _count in quarter_rows)
    return figures


def read_national_reference() -> dict | None:
    """The national figure (forgotten when editors change it; `business.signals`). Read,
    never made: NationalReference.load() would create the empty setting here, and saving it
    retires every cached figure, these included, on their way into the cache."""
    return national_reference(NationalReference.base_queryset().first())


def national_reference(setting: NationalReference | None) -> dict | None:
    """The national figure as plain data, or None while editors have not entered one."""
    if setting is None or setting.share_using_ai is None:
        return None
    return {
        "using_ai_share": float(setting.share_using_ai),
        "source": setting.source,
        "source_url": setting.source_url,
        "as_of": setting.as_of.isoformat() if setting.as_of else None,
    }


def build_figures(latest_rows, stage_rows, quarter_rows, national: dict | None = None) -> dict:
    """Turn grouped counts into the published, protected business figures.

    latest_rows: (sector or "", size band or "", uses AI, has an AI policy, count) per group
    of latest checks, one per organisation.
    stage_rows: (dimension slug, its English name, its sort order, stage 0–3, count) from
    the same latest checks.
    quarter_rows: (quarter label like "2026 Q1", uses AI, count) of every check.
    national: the national reference (`national_reference`), or None.
    Returns plain JSON-serialisable data, every count a {"value", "suppressed", "reason"}
    dict (with "kind" when suppressed); names are added by `localised`.
    """
    latest_rows = list(latest_rows)
    organisations = sum(row[-1] for row in latest_rows)
    using = sum(count for *_groups, uses_ai, _policy, count in latest_rows if uses_ai)
    policies = sum(count for *_groups, has_policy, count in latest_rows if has_policy)
    organisations_cell = publish_count(organisations)
    using_cell, policies_cell = publish_count(using), publish_count(policies)
    return {
        "organisations": cell_json(organisations_cell),
        "using_ai_share": share(using, organisations, using_cell, organisations_cell),
        "ai_policy_share": share(policies, organisations, policies_cell, organisations_cell),
        "national": national,
        "stages": _stage_figures(stage_rows),
        "sectors": _group_figures(latest_rows, 0, [code for code, _label in Sector.choices], "sector"),
        "sizes": _group_figures(latest_rows, 1, [code for code, _label in SizeBand.choices], "size_band"),
        "quarters": _quarter_figures(quarter_rows),
    }


def _stage_figures(stage_rows) -> list[dict]:
    """Organisations at each stage in each dimension: four counts adding up to the
    organisations, protected as a group, each with its share."""
    dimensions: dict[str, dict] = {}
    for slug, name, sort_order, stage, count in stage_rows:
        dimension = dimensions.setdefault(slug, {"name": name, "order": sort_order, "counts": dict.fromkeys(STAGES, 0)})
        dimension["counts"][stage] += count
    figures = []
    for slug, dimension in sorted(dimensions.items(), key=lambda item: (item[1]["order"], item[0])):
        counts = dimension["counts"]
        base = sum(counts.values())
        base_cell = publish_count(base)
        cells = protect_group(counts)
        figures.append(
            {
                "slug": slug,
                "name": dimension["name"],
                "stages": [
                    {
                        "stage": stage,
                        "count": cell_json(cells[stage]),
                        "share": share(counts[stage], base, cells[stage], base_cell),
                    }
                    for stage in STAGES
                ],
            }
        )
    return figures


def _group_figures(latest_rows, position: int, codes: list[str], key: str) -> list[dict]:
    """Organisations by one of their context fields (sector or size band, at `position` in
    each row), with "not-given" for those who did not say, and the share using AI in each.
    The organisations and those using AI are each a group adding up to a total."""
    organisations = dict.fromkeys([*codes, NOT_GIVEN], 0)
    using = dict.fromkeys(organisations, 0)
    for row in latest_rows:
        code = row[position] or NOT_GIVEN
        organisations[code] = organisations.get(code, 0) + row[-1]
        using[code] = using.get(code, 0) + (row[-1] if row[2] else 0)
    organisation_cells, using_cells = protect_group(organisations), protect_group(using)
    return [
        {
            key: code,
            "organisations": cell_json(organisation_cells[code]),
            "using_ai_share": share(using[code], count, using_cells[code], organisation_cells[code]),
        }
        for code, count in organisations.items()
    ]


def _quarter_figures(quarter_rows) -> list[dict]:
    checks: dict[str, int] = {}
    using: dict[str, int] = {}
    for quarter, uses_ai, count in quarter_rows:
        checks[quarter] = checks.get(quarter, 0) + count
        using[quarter] = using.get(quarter, 0) + (count if uses_ai else 0)
    check_cells, using_cells = protect_group(checks), protect_group(using)
    return [
        {
            "quarter": quarter,
            "checks": cell_json(check_cells[quarter]),
            "using_ai_share": share(using[quarter], checks[quarter], using_cells[quarter], check_cells[quarter]),
        }
        for quarter in sorted(checks)
    ]


def localised(figures: dict, language: str | None = None) -> dict:
    """A copy of the figures with their words in the reader's language (the active one by
    default): each suppressed count's reason, and the names of stages, dimensions, sectors
    and size bands. Dimension names come from the editors' translations, one query; none
    for English."""
    copy = dashboard.localised(figures)
    sectors, sizes = dict(Sector.choices), dict(SizeBand.choices)
    for row in copy["sectors"]:
        row["name"] = str(sectors[row["sector"]]) if row["sector"] in sectors else gettext(NOT_GIVEN_SECTOR)
    for row in copy["sizes"]:
        row["name"] = str(sizes[row["size_band"]]) if row["size_band"] in sizes else gettext(NOT_GIVEN_SIZE)
    language = reading_language(language)
    translations = {}
    if language is not None and copy["stages"]:
        translations = {
            translation.dimension.slug: translation
            for translation in DimensionTranslation.objects.filter(language=language).select_related("dimension")
        }
    for dimension in copy["stages"]:
        if translation := translations.get(dimension["slug"]):
            dimension["name"] = translation.text("name", dimension["name"])
        for stage in dimension["stages"]:
            stage["name"] = str(Stage(stage["stage"]).label)
    if copy["national"] is not None:
        copy["national"] = {**copy["national"], "note": str(NATIONAL_NOTE)}
    return copy
