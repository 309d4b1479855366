"""`make loadtest`: real journeys at 100 simultaneous people against the production shape.

Creates a fresh PostgreSQL database, loads the demo, adds people and small events, then
serves the portal with gunicorn (4 workers) on PostgreSQL and Redis, with one task worker
sending email to an SMTP server of the script's own. Locust ramps to 100 users and holds
them for the given time, headless; everything listens on loopback only and stops by itself.
Afterwards it prints a table per journey step and checks the budgets:

- no failed request and no server error;
- no event with more confirmed bookings than places;
- every booking email sent, and received exactly once;
- each page's p95 at most 10 times the trivial view's p95 in the same run.

    python scripts/loadtest/run.py [--users 100] [--minutes 3]
"""

import argparse
import csv
import io
import json
import os
import subprocess
import sys
import tempfile
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))

from tests.services import free_port, smtp_server, wait_until  # noqa: E402

P95_RATIO_BUDGET = 10
BOOKERS, ORGANISERS, EVENTS = 20, 8, 6
PASSWORD = "load-test-password-not-secret"


def database_url() -> str:
    url = os.environ.get("LOADTEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal_loadtest")
    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    subprocess.run(
        ["psql", "-q", admin, "-c", f"DROP DATABASE IF EXISTS {name}", "-c", f"CREATE DATABASE {name}"], check=True
    )
    return url


def prepare(env: dict) -> dict:
    """Migrate, load the demo and add the load test's people and events; returns them."""
    os.environ.update(env)
    import django

    django.setup()
    from allauth.account.models import EmailAddress
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.core.management import call_command

    from events.factories import EventPageFactory
    from events.models import EventIndexPage
    from portal.accounts.models import User

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0, stdout=io.StringIO())

    def person(email, **extra):
        user = User.objects.create_user(email=email, password=PASSWORD, **extra)
        EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
        return user

    bookers = [{"email": person(f"booker{n}@example.org").email, "password": PASSWORD} for n in range(BOOKERS)]
    organisers = []
    for n in range(ORGANISERS):
        user = person(f"organiser{n}@example.org", is_staff=True, is_superuser=True)
        secret = generate_totp_secret()
        TOTP.activate(user, secret)
        organisers.append({"email": user.email, "password": PASSWORD, "totp_secret": secret})
    index = EventIndexPage.objects.first()
    slugs = [EventPageFactory(parent=index, slug=f"load-test-{n}", capacity=5).slug for n in range(EVENTS)]
    return {"bookers": bookers, "organisers": organisers, "events": slugs}


def start(command: list[str], env: dict, log) -> subprocess.Popen:
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


def read_stats(prefix: str) -> list[dict]:
    with open(f"{prefix}_stats.csv") as file:
        return [row for row in csv.DictReader(file) if row["Name"] != "Aggregated"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--minutes", type=float, default=3)
    args = parser.parse_args()
    bin_dir = Path(sys.executable).parent
    workdir = Path(tempfile.mkdtemp(prefix="loadtest-"))
    port = free_port()
    problems = []
    with smtp_server() as smtp:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
            "DJANGO_DEBUG": "false",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": database_url(),
            "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
            "CACHE_KEY_PREFIX": f"loadtest-{os.getpid()}",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp.port),
            "EMAIL_USE_TLS": "false",
            "PORTAL_TASK_QUEUE": "database",
            "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{port}",
        }
        print("Preparing a fresh database with the demo, people and events…", flush=True)
        people = prepare(env)
        people_file = workdir / "people.json"
        people_file.write_text(json.dumps(people))
        log = (workdir / "servers.log").open("w")
        servers = [
            start([str(bin_dir / "gunicorn"), "portal.wsgi", "-w", "4", "-b", f"127.0.0.1:{port}"], env, log),
            start([sys.executable, "manage.py", "db_worker"], env, log),
        ]
        try:
            base = f"http://127.0.0.1:{port}"

            def answers():
                try:
                    return urllib.request.urlopen(base + "/healthz", timeout=1).status == 200
                except OSError:
                    return False

            wait_until(answers, timeout=60, what="gunicorn to start")
            print(f"Load: {args.users} users for {args.minutes:g} minutes…", flush=True)
            prefix = str(workdir / "locust")
            subprocess.run(
                [str(bin_dir / "locust"), "-f", str(Path(__file__).with_name("locustfile.py")), "--headless",
                 "--host", base, "-u", str(args.users), "-r", "10", "-t", f"{int(args.minutes * 60)}s",
                 "--csv", prefix, "--only-summary", "--stop-timeout", "10", "--loglevel", "WARNING"],
                cwd=ROOT, env={**env, "LOADTEST_PEOPLE": str(people_file)}, check=False,
                timeout=args.minutes * 60 + 120,
            )  # fmt: skip
            print("Waiting for the worker to send every email…", flush=True)
            from portal.outbox.models import OutgoingMessage

            wait_until(lambda: not OutgoingMessage.objects.backlog().exists(), timeout=120, what="the outbox to drain")
        finally:
            for server in servers:
                server.terminate()
            for server in servers:
                server.wait(timeout=30)
        stats = read_stats(prefix)
        received = Counter(
            line.split(":", 1)[1].strip()
            for envelope in smtp.received
            for line in envelope.content.decode(errors="replace").splitlines()
            if line.lower().startswith("message-id:")
        )
    problems += check(stats, received)
    sys.exit(1 if problems else 0)


def check(stats: list[dict], received: Counter) -> list[str]:
    from django.db.models import Count, F, Q

    from events.models import EventPage
    from portal.outbox.models import OutgoingMessage

    trivial = next(row for row in stats if row["Name"] == "trivial /healthz")
    trivial_p95 = float(trivial["95%"])
    seconds = float(trivial.get("Requests/s") or 0)
    print(
        f"\n{'journey step':<40}{'requests':>9}{'failures':>9}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}"
        f"{'p95 ÷ trivial':>15}"
    )
    problems = []
    for row in sorted(stats, key=lambda row: row["Name"]):
        ratio = float(row["95%"]) / trivial_p95 if trivial_p95 else 0
        print(
            f"{row['Name']:<40}{row['Request Count']:>9}{row['Failure Count']:>9}"
            f"{row['50%']:>8}{row['95%']:>8}{row['99%']:>8}{ratio:>14.1f}×"
        )
        if int(row["Failure Count"]):
            problems.append(f"{row['Name']}: {row['Failure Count']} failed request(s)")
        if ratio > P95_RATIO_BUDGET:
            problems.append(f"{row['Name']}: p95 is {ratio:.1f}× the trivial view's (budget {P95_RATIO_BUDGET}×)")
    print(f"\nTrivial view /healthz under load: {seconds:.1f} req/s, p95 {trivial_p95:g} ms")

    oversold = EventPage.objects.annotate(
        confirmed=Count("registrations", filter=Q(registrations__status="confirmed"))
    ).filter(capacity__isnull=False, confirmed__gt=F("capacity"))
    for event in oversold:
        problems.append(f"{event.slug}: {event.confirmed} confirmed for {event.capacity} places")
    booking_emails = OutgoingMessage.objects.filter(kind__startswith="events_")
    unsent = booking_emails.exclude(status=OutgoingMessage.Status.SENT).count()
    ids = [message.message_id for message in booking_emails]
    twice = sum(1 for message_id in ids if received[message_id] > 1)
    missing = sum(1 for message_id in ids if received[message_id] == 0)
    print(
        f"Booking emails: {len(ids)} stored, {len(ids) - unsent} sent, {missing} not received, {twice} received twice"
    )
    print(f"Events over capacity: {oversold.count()}")
    if unsent or missing or twice:
        problems.append(f"booking emails: {unsent} unsent, {missing} not received, {twice} received twice")
    print("\n" + ("Budget missed:\n- " + "\n- ".join(problems) if problems else "All within budget."))
    return problems


if __name__ == "__main__":
    main()
