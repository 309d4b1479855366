"""Benchmark the portal's pages against gunicorn (PERFORMANCE.md, "How to measure").

Loads the demo content into the configured database, serves the portal with gunicorn
(2 workers, DEBUG off) and drives each page with wrk, several rounds. Every page is
reported as a share of a trivial view's (/healthz) requests per second in the same run,
because only ratios from one run compare on a shared machine:

- anonymous pages, served whole from the page cache: budget ≥ 30 % of the trivial view;
- the same pages for a signed-in person (never cached): budget ≥ 5 %.

    python scripts/bench.py [--seconds 5] [--rounds 2]
"""

import argparse
import io
import shutil
import sys
import urllib.request

from bench_dashboard import TRIVIAL, serve, setup_django, wrk

# Urdu pages too: translated ones (their own tree, the interface) and a news item shown in English.
PAGES = [
    *["/", "/events/", "/challenges/", "/projects/", "/skills/", "/skills/framework/", "/news/", "/about/"],
    *["/ur/", "/ur/about/", "/ur/skills/", "/ur/news/first-ai-drop-ins-at-luton-libraries/"],
]
SIGNED_IN_PAGES = [*PAGES, "/me/"]
ANONYMOUS_SHARE, SIGNED_IN_SHARE = 30.0, 5.0


def signed_in_cookie() -> str:
    """A real session for the demo resident, in the database all workers share."""
    from django.test import Client

    from portal.accounts.demo import DEMO_PASSWORD

    client = Client()
    assert client.login(email="resident@example.org", password=DEMO_PASSWORD)
    return f"sessionid={client.cookies['sessionid'].value}"


def best_rate(url: str, cookie: str | None, seconds: int, rounds: int) -> float:
    return max(wrk(url, seconds, cookie)[0] for _ in range(rounds))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--port", type=int, default=8766)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed (Debian package: wrk).")
    setup_django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=io.StringIO())
    cookie = signed_in_cookie()
    base = f"http://127.0.0.1:{args.port}"
    process = serve(args.port)
    try:
        for path in SIGNED_IN_PAGES:  # warm the workers, their connections and the caches
            for headers in ({}, {"Cookie": cookie}):
                for _ in range(3):
                    urllib.request.urlopen(urllib.request.Request(base + path, headers=headers))
        trivial = best_rate(base + TRIVIAL, None, args.seconds, args.rounds)
        anonymous = {path: best_rate(base + path, None, args.seconds, args.rounds) for path in PAGES}
        signed_in = {path: best_rate(base + path, cookie, args.seconds, args.rounds) for path in SIGNED_IN_PAGES}
    finally:
        process.terminate()
        process.wait(timeout=30)

    print(f"\nTrivial view {TRIVIAL}: {trivial:,.0f} req/s\n")
    print(f"{'page':<22}{'anonymous req/s':>17}{'% trivial':>11}{'signed in req/s':>17}{'% trivial':>11}")
    failures = []
    for path in SIGNED_IN_PAGES:
        row = f"{path:<22}"
        if path in anonymous:
            share = 100 * anonymous[path] / trivial
            row += f"{anonymous[path]:>17,.0f}{share:>10.1f}%"
            if share < ANONYMOUS_SHARE:
                failures.append(f"{path} anonymous")
        else:
            row += f"{'–':>17}{'':>11}"
        share = 100 * signed_in[path] / trivial
        row += f"{signed_in[path]:>17,.0f}{share:>10.1f}%"
        if share < SIGNED_IN_SHARE:
            failures.append(f"{path} signed in")
        print(row)
    print(f"\nBudget: anonymous ≥ {ANONYMOUS_SHARE:g} % and signed in ≥ {SIGNED_IN_SHARE:g} % of the trivial view.")
    print("Under budget: " + ", ".join(failures) if failures else "All within budget.")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
