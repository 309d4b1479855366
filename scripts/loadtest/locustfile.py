"""The journeys of `make loadtest`: what real people do on the portal, in realistic shares.

- 70 % browse anonymously (home, events, an event, challenges, the dashboard);
- 15 % take the skills check from start to result;
- 10 % sign in, then book places and cancel them;
- 5 % are organisers who sign in with a second factor and read an attendee list.

Every request also counts the trivial view (/healthz), so each page's latency can be read as
a ratio to it in the same run. `scripts/loadtest/run.py` prepares the people and events and
passes them in LOADTEST_PEOPLE (a JSON file).
"""

import hashlib
import hmac
import json
import os
import random
import re
import struct
import time
from html.parser import HTMLParser
from itertools import count

from locust import HttpUser, between, task

with open(os.environ["LOADTEST_PEOPLE"]) as people_file:
    PEOPLE = json.load(people_file)
_bookers, _organisers = count(), count()


class FormReader(HTMLParser):
    """The first POST form's fields: hidden values and, per radio group, the values offered."""

    def __init__(self):
        super().__init__()
        self.in_form = False
        self.done = False
        self.hidden: dict[str, str] = {}
        self.radios: dict[str, list[str]] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("method", "").lower() == "post" and not self.done:
            self.in_form = True
        elif tag == "input" and self.in_form:
            kind, name = attrs.get("type", "text"), attrs.get("name")
            if name and kind == "hidden":
                self.hidden[name] = attrs.get("value", "")
            elif name and kind == "radio":
                self.radios.setdefault(name, []).append(attrs.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form" and self.in_form:
            self.in_form, self.done = False, True


def read_form(html: str) -> FormReader:
    reader = FormReader()
    reader.feed(html)
    return reader


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    return match.group(1) if match else ""


def totp(secret_base32: str) -> str:
    """The code an authenticator app shows now (RFC 6238, 30-second steps, 6 digits)."""
    import base64

    key = base64.b32decode(secret_base32.upper() + "=" * (-len(secret_base32) % 8))
    digest = hmac.new(key, struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


class PortalUser(HttpUser):
    abstract = True
    wait_time = between(1, 3)

    def trivial(self):
        self.client.get("/healthz", name="trivial /healthz")

    def sign_in(self, email: str, password: str):
        page = self.client.get("/accounts/login/", name="sign in form")
        self.client.post(
            "/accounts/login/",
            {"login": email, "password": password, "csrfmiddlewaretoken": csrf_token(page.text)},
            headers={"Referer": self.host + "/accounts/login/"},
            name="sign in",
        )


class AnonymousVisitor(PortalUser):
    weight = 70

    @task(3)
    def home(self):
        self.client.get("/", name="/")
        self.trivial()

    @task(3)
    def events(self):
        self.client.get("/events/", name="/events/")
        self.client.get(f"/events/{random.choice(PEOPLE['events'])}/", name="/events/<slug>/")

    @task(2)
    def challenges(self):
        self.client.get("/challenges/", name="/challenges/")

    @task(2)
    def dashboard(self):
        self.client.get("/skills/dashboard/", name="/skills/dashboard/")
        self.trivial()


class SkillsCheckTaker(PortalUser):
    weight = 15

    @task
    def take_the_check(self):
        self.client.cookies.clear()  # each run is a new person
        page = self.client.get("/skills/assessment/", name="skills check: start")
        for _ in range(12):  # the context screen, six areas and the check page, with room to spare
            if "/skills/results/" in page.url:
                break
            form = read_form(page.text)
            data = {**form.hidden, **{name: random.choice(values) for name, values in form.radios.items()}}
            step = "check your answers" if page.url.rstrip("/").endswith("check") else "answers"
            page = self.client.post(page.url, data, headers={"Referer": page.url}, name=f"skills check: {step}")
        with self.client.get(page.url, name="skills check: result", catch_response=True) as result:
            if "/skills/results/" not in result.url:
                result.failure(f"the check did not reach a result (ended at {result.url})")
        self.trivial()


class Booker(PortalUser):
    weight = 10

    def on_start(self):
        person = PEOPLE["bookers"][next(_bookers) % len(PEOPLE["bookers"])]
        self.sign_in(person["email"], person["password"])

    @task
    def book_then_maybe_cancel(self):
        slug = random.choice(PEOPLE["events"])
        form = self.client.get(f"/events/{slug}/register/", name="/events/<slug>/register/ (form)")
        if 'name="access_needs"' not in form.text:
            return  # already booked on this one: the page says so
        self.client.post(
            f"/events/{slug}/register/",
            {"access_needs": "", "csrfmiddlewaretoken": csrf_token(form.text)},
            headers={"Referer": form.url},
            name="/events/<slug>/register/ (book)",
        )
        self.client.get("/me/", name="/me/")
        if random.random() < 0.5:
            confirm = self.client.get(f"/events/{slug}/cancel/", name="/events/<slug>/cancel/ (confirm)")
            self.client.post(
                f"/events/{slug}/cancel/",
                {"csrfmiddlewaretoken": csrf_token(confirm.text)},
                headers={"Referer": confirm.url},
                name="/events/<slug>/cancel/ (cancel)",
            )
        self.trivial()


class Organiser(PortalUser):
    weight = 5

    def on_start(self):
        person = PEOPLE["organisers"][next(_organisers) % len(PEOPLE["organisers"])]
        self.sign_in(person["email"], person["password"])
        for _ in range(3):  # as a person would, try a fresh code if a slow answer let one expire
            left_in_step = 30 - time.time() % 30
            if left_in_step < 10:
                time.sleep(left_in_step)
            second = self.client.get("/accounts/2fa/authenticate/", name="second factor form")
            if "/accounts/2fa/authenticate/" not in second.url:
                return
            self.client.post(
                "/accounts/2fa/authenticate/",
                {"code": totp(person["totp_secret"]), "csrfmiddlewaretoken": csrf_token(second.text)},
                headers={"Referer": second.url},
                name="second factor",
            )

    @task
    def attendee_list(self):
        slug = random.choice(PEOPLE["events"])
        with self.client.get(
            f"/events/{slug}/attendees/", name="/events/<slug>/attendees/", catch_response=True
        ) as page:
            if "/attendees/" not in page.url:
                page.failure(f"sent to {page.url} instead of the attendee list")
        self.trivial()
