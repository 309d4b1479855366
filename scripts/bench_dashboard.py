"""Benchmark the town dashboard at town scale (PERFORMANCE.md, "How to measure").

Tops the PostgreSQL database in DATABASE_URL up to --assessments synthetic assessments,
--business-checks synthetic AI adoption checks (shown in the dashboard's Businesses
section) and --learners signed-in people with results before and after workshops (for
"Do workshops help?"), counts each path's queries and cold server time in-process, then serves the portal with
gunicorn (2 workers, DEBUG off) and drives each path with wrk, three rounds of 10 s.
Every figure is reported beside a trivial view (/healthz) and a plain Wagtail page from
the same run, because only ratios from one run compare on a shared machine.

Requests carry a throwaway session cookie so the anonymous whole-page cache is bypassed:
the numbers are the server's own work (with the dashboard's figure cache, as in production).

    DATABASE_URL=postgres://... REDIS_URL=redis://... python scripts/bench_dashboard.py
"""

import argparse
import io
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRIVIAL, PLAIN = "/healthz", "/about/"
PATHS = [TRIVIAL, PLAIN, "/skills/dashboard/", "/skills/dashboard.csv", "/skills/dashboard.json"]
BUDGET_QUERIES, BUDGET_RATIO = 15, 5.0
BATCH = 2000


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    os.environ["DJANGO_DEBUG"] = "false"
    import django

    django.setup()


def top_up(target: int) -> int:
    from datetime import timedelta

    from django.utils import timezone

    from skills.models import Assessment
    from skills.okrs.synthetic import generate

    missing = target - Assessment.objects.count()
    if missing > 0:
        print(f"Generating {missing:,} synthetic assessments…", flush=True)
        end = timezone.now()
        generate(missing, end - timedelta(days=730), end, seed=target)
    return Assessment.objects.count()


def top_up_checks(target: int, seed: int = 2030) -> int:
    """Top the adoption checks up to `target`: about one in six with no organisation, the
    rest from organisations taking it once to a few times, over two years. Bulk inserts
    send no signals, so the cached figures are retired at the end."""
    from datetime import timedelta
    from uuid import uuid4

    from django.db import transaction
    from django.utils import timezone

    from business.models import BusinessCheck, CheckVersion, Dimension, DimensionResult
    from business.scoring import overall_stage
    from portal.accounts.models import Organisation, Sector, SizeBand
    from skills.dashboard_figures import invalidate_figures

    missing = target - BusinessCheck.objects.count()
    if missing <= 0:
        return BusinessCheck.objects.count()
    print(f"Generating {missing:,} synthetic adoption checks…", flush=True)
    rng = random.Random(seed + target)
    version = CheckVersion.objects.order_by("-number").first()
    dimensions = list(Dimension.objects.all())
    slugs = [dimension.slug for dimension in dimensions]
    sectors, sizes = [code for code, _ in Sector.choices] + [""], [code for code, _ in SizeBand.choices] + [""]
    names = [f"Benchmark organisation {uuid4().hex[:12]}" for _ in range(max(1, missing * 5 // 9))]
    organisations = [
        Organisation(name=name, slug=name.lower().replace(" ", "-"), sector=rng.choice(sectors),
                     size_band=rng.choice(sizes))
        for name in names
    ]  # fmt: skip
    organisations = Organisation.objects.bulk_create(organisations, batch_size=BATCH)
    end = timezone.now()
    span = timedelta(days=730).total_seconds()
    made = 0
    while made < missing:
        size = min(BATCH, missing - made)
        checks, all_stages = [], []
        for _ in range(size):
            organisation = rng.choice(organisations) if rng.random() > 1 / 6 else None
            progress = rng.random() ** 0.8  # more checks lately, and further along
            readiness = rng.gauss(0.9, 0.8) + 0.6 * progress
            stages = [max(0, min(3, round(readiness + rng.gauss(0, 0.5)))) for _ in dimensions]
            checks.append(
                BusinessCheck(
                    organisation=organisation,
                    version=version,
                    completed_at=end - timedelta(seconds=(1 - progress) * span),
                    sector=organisation.sector if organisation else rng.choice(sectors),
                    size_band=organisation.size_band if organisation else rng.choice(sizes),
                    overall_stage=overall_stage(stages),
                    uses_ai=stages[slugs.index("current-use")] >= 2,
                    has_ai_policy=stages[slugs.index("governance")] >= 2 and rng.random() < 0.7,
                    is_demo=True,
                )
            )
            all_stages.append(stages)
        with transaction.atomic():
            checks = BusinessCheck.objects.bulk_create(checks)
            DimensionResult.objects.bulk_create(
                [
                    DimensionResult(check_result=check, dimension=dimension, stage=stage, score=stage * 25 + 12)
                    for check, stages in zip(checks, all_stages, strict=True)
                    for dimension, stage in zip(dimensions, stages, strict=True)
                ],
                batch_size=BATCH,
            )
        made += size
    invalidate_figures()
    return BusinessCheck.objects.count()


def top_up_learners(target: int, seed: int = 2031) -> int:
    """Top up to `target` signed-in people (bench-learner-N@example.org) with two or three
    skills checks each, about two in five checked in at a benchmark workshop between their
    first two, so the "Do workshops help?" query pairs real results. Bulk inserts send no
    signals, so the cached figures are retired at the end. Returns how many there are."""
    from datetime import timedelta

    from django.db import transaction
    from django.utils import timezone

    from events.models import EventIndexPage, EventPage, Registration
    from home.demo import child_page
    from portal.accounts.models import User
    from skills.dashboard_figures import invalidate_figures
    from skills.models import Area, AreaResult, Assessment, FrameworkVersion
    from skills.scoring import is_ai_ready, overall_level

    prefix = "bench-learner-"
    have = User.objects.filter(email__startswith=prefix).count()
    if have >= target:
        return have
    print(f"Generating {target - have:,} signed-in people with results before and after workshops…", flush=True)
    rng = random.Random(seed + have)
    now = timezone.now()
    areas = list(Area.objects.order_by("sort_order"))
    version = FrameworkVersion.objects.order_by("-number").first()
    index = EventIndexPage.objects.first()
    events = []
    for number in range(24):  # one workshop a month over two years, on two areas each
        start = (now - timedelta(days=720 - 30 * number)).replace(minute=0, second=0, microsecond=0)
        event = child_page(index, EventPage, f"bench-workshop-{number}", title=f"Benchmark workshop {number}",
                           introduction="A benchmark workshop.", start=start, end=start + timedelta(hours=2),
                           is_online=True, joining_link="https://meet.example.org/bench", capacity=None)  # fmt: skip
        if not event.areas.exists():
            event.areas.set(rng.sample(areas, 2))
            event.save_revision().publish()
        events.append((event.start, event.pk, {area.pk for area in event.areas.all()}))
    made = have
    while made < target:
        size = min(BATCH // 5, target - made)
        with transaction.atomic():
            people = User.objects.bulk_create([User(email=f"{prefix}{made + n + 1}@example.org") for n in range(size)])
            assessments, all_levels, registrations = [], [], []
            for person in people:
                moments = sorted(now - timedelta(days=rng.uniform(1, 720)) for _ in range(rng.choice((2, 2, 3))))
                levels = [max(0, min(3, round(rng.gauss(1.2, 0.8)))) for _ in areas]
                between = [event for event in events if moments[0] < event[0] < moments[1]]
                covered = set()
                if between and rng.random() < 0.4:
                    start, event_pk, covered = rng.choice(between)
                    registrations.append(Registration(event_id=event_pk, user=person, status="confirmed",
                                                      checked_in_at=start))  # fmt: skip
                for number, moment in enumerate(moments):
                    if number:
                        levels = [min(3, level + (rng.random() < (0.45 if area.pk in covered else 0.2)))
                                  for area, level in zip(areas, levels, strict=True)]  # fmt: skip
                    assessments.append(
                        Assessment(user=person, framework_version=version, completed_at=moment,
                                   overall_level=overall_level(levels), is_ai_ready=is_ai_ready(levels), is_demo=True)
                    )  # fmt: skip
                    all_levels.append(list(levels))
            assessments = Assessment.objects.bulk_create(assessments)
            AreaResult.objects.bulk_create(
                [
                    AreaResult(assessment=assessment, area=area, level=level, score=level * 25 + 12)
                    for assessment, levels in zip(assessments, all_levels, strict=True)
                    for area, level in zip(areas, levels, strict=True)
                ],
                batch_size=BATCH,
            )
            Registration.objects.bulk_create(registrations)
        made += size
    invalidate_figures()
    return made


def in_process(path: str) -> tuple[int, float, float]:
    """(queries, cold ms, warm ms) for one anonymous GET just after the figures were
    retired, as they are whenever anyone finishes a check. Reference data (wards, areas,
    the national figure) stays cached: it is forgotten only when editors change it."""
    from django.db import connection
    from django.test import Client

    from skills.dashboard_figures import invalidate_figures

    client = Client(HTTP_COOKIE="sessionid=bench", HTTP_HOST="127.0.0.1")
    client.get(path)
    invalidate_figures()
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        started = time.perf_counter()
        response = client.get(path)
        cold = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, (path, response.status_code)
    started = time.perf_counter()
    client.get(path)
    warm = (time.perf_counter() - started) * 1000
    return len(queries), cold, warm


def wrk(url: str, seconds: int, cookie: str | None = "sessionid=bench") -> tuple[float, float]:
    """(requests per second, mean latency ms) from one wrk run; by default with a throwaway
    session cookie, which bypasses the anonymous page cache."""
    headers = ["-H", f"Cookie: {cookie}"] if cookie else []
    output = subprocess.run(
        ["wrk", "-t2", "-c8", f"-d{seconds}s", *headers, url],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    value, unit = re.search(r"Latency\s+([\d.]+)(us|ms|s)", output).groups()
    latency = float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
    return rate, latency


def serve(port: int) -> subprocess.Popen:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.dev", "DJANGO_DEBUG": "false"}
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    process = subprocess.Popen(
        [gunicorn, "portal.wsgi", "-w", "2", "-b", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT,
        env=env,
    )
    for _ in range(60):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}{TRIVIAL}", timeout=1)
            return process
        except OSError:
            time.sleep(0.5)
    process.terminate()
    raise SystemExit("gunicorn did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--assessments", type=int, default=200_000)
    parser.add_argument("--business-checks", type=int, default=20_000)
    parser.add_argument("--learners", type=int, default=5_000)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("Set DATABASE_URL to a PostgreSQL database: the benchmark is about town scale.")
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed (Debian package: wrk).")
    setup_django()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=io.StringIO())
    learners = top_up_learners(args.learners)
    total = top_up(args.assessments)
    checks = top_up_checks(args.business_checks)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh planner statistics after the bulk inserts, as autovacuum would give
    print(
        f"{total:,} assessments ({learners:,} signed-in people with two or three each) and {checks:,} adoption "
        "checks in the database.\n"
    )

    measured = {path: in_process(path) for path in PATHS}
    process = serve(args.port)
    try:
        for path in PATHS:  # warm every worker's connections and the figure cache
            for _ in range(6):
                urllib.request.urlopen(urllib.request.Request(f"http://127.0.0.1:{args.port}{path}",
                                                              headers={"Cookie": "sessionid=bench"}))  # fmt: skip
        rounds = {path: [] for path in PATHS}
        for _ in range(args.rounds):
            for path in PATHS:
                rounds[path].append(wrk(f"http://127.0.0.1:{args.port}{path}", args.seconds))
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)

    def best(path):
        return max(rate for rate, _ in rounds[path]), min(latency for _, latency in rounds[path])

    trivial_rate, _ = best(TRIVIAL)
    _, plain_latency = best(PLAIN)
    plain_cold = measured[PLAIN][1]
    header = (
        f"{'path':<24}{'queries':>8}{'cold ms':>9}{'cold × plain':>13}{'warm ms':>9}{'req/s':>9}{'% trivial':>11}"
        f"{'× plain':>9}"
    )
    print(header)
    print("-" * len(header))
    failures = []
    for path in PATHS:
        queries, cold, warm = measured[path]
        rate, latency = best(path)
        ratio = latency / plain_latency
        share = 100 * rate / trivial_rate
        print(
            f"{path:<24}{queries:>8}{cold:>9.0f}{cold / plain_cold:>13.1f}{warm:>9.1f}{rate:>9.0f}{share:>10.1f}%"
            f"{ratio:>9.2f}"
        )
        if path.startswith("/skills/dashboard") and (queries > BUDGET_QUERIES or ratio > BUDGET_RATIO):
            failures.append(path)
    print(
        f"\nBudget: dashboard and its open data ≤ {BUDGET_QUERIES} queries and ≤ {BUDGET_RATIO:g}× a plain page's time."
    )
    print("Over budget: " + ", ".join(failures) if failures else "All within budget.")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
