"""A business posts a challenge, an editor approves it, a student team takes it on."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from portal.accounts.factories import PASSWORD, MembershipFactory, StaffFactory, UserFactory
from portal.accounts.models import Role
from projects.factories import (
    ChallengeIndexPageFactory,
    ChallengePageFactory,
    ProjectIndexPageFactory,
    ProjectPageFactory,
)
from projects.invitations import hash_token
from projects.models import ChallengePage, ChallengeStatus, ProjectPage, TeamInvitation
from skills.models import Area
from tests.mfa import current_code, enrol_totp

from .conftest import assert_accessible, assert_page_basics

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def sign_in(tab, user, code: bool = False):
    tab.goto("/accounts/login/")
    tab.get_by_label("Email address").fill(user.email)
    tab.get_by_label("Password").fill(PASSWORD)
    tab.get_by_role("button", name="Sign in").click()
    if code:
        tab.get_by_label(re.compile("code", re.I)).first.fill(current_code(user))
        tab.get_by_role("button", name=re.compile("Sign in|Continue|Verify", re.I)).first.click()
    tab.wait_for_load_state()


def new_tab(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    return context.new_page()


def test_challenge_from_submission_to_picked_team(page, browser, live_server, home_page):
    ChallengeIndexPageFactory(parent=home_page)
    ProjectIndexPageFactory(parent=home_page)
    business = MembershipFactory().user
    student = UserFactory(role=Role.STUDENT, first_name="Tomasz")
    editor = StaffFactory(groups=["Moderators"])
    enrol_totp(editor)

    # The organisation member posts a challenge; a first try with gaps shows the error summary.
    sign_in(page, business)
    page.goto("/challenges/submit/")
    assert_page_basics(page)
    assert_accessible(page)
    page.get_by_label("Title").fill("Forecast bread sales")
    page.get_by_role("button", name="Send for review").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    assert_accessible(page)
    page.get_by_label("Summary").fill("Bake closer to what sells.")
    page.get_by_label("The problem in plain words").fill("We throw away a fifth of our bread.")
    page.get_by_label("Local economy").check()
    page.get_by_label("Who benefits").fill("Our staff and the community fridge")
    page.get_by_label("What success looks like").fill("Half the waste")
    page.get_by_label("What data exists").fill("Two years of till records")
    page.get_by_label("No", exact=True).check()
    page.get_by_label("Who owns the results").fill("Shared")
    page.get_by_label("Using AI tools").check()
    page.get_by_label("Timescale").fill("Six weeks")
    page.get_by_role("button", name="Send for review").click()
    expect(page.get_by_text("is with our editors for review")).to_be_visible()
    expect(page.get_by_role("cell", name="In review")).to_be_visible()
    assert_accessible(page)
    challenge = ChallengePage.objects.get()
    assert not challenge.live

    # An editor approves it in the admin.
    admin = new_tab(browser, live_server)
    sign_in(admin, editor, code=True)
    admin.goto(f"/admin/pages/{challenge.pk}/edit/")
    admin.get_by_role("button", name="More actions").click()
    admin.get_by_role("button", name="Approve and Publish").click()
    expect(admin.get_by_role("heading", name="Exploring: Challenges")).to_be_visible()
    challenge.refresh_from_db()
    assert challenge.live
    admin.context.close()

    # It is public, and a student registers interest.
    student_tab = new_tab(browser, live_server)
    student_tab.goto("/challenges/")
    assert_accessible(student_tab)
    student_tab.get_by_role("link", name="Forecast bread sales").click()
    expect(student_tab).to_have_title(re.compile("Forecast bread sales"))
    sign_in(student_tab, student)
    student_tab.goto(challenge.url)
    student_tab.get_by_label("About your team").fill("Three data science students, free on Wednesdays.")
    student_tab.get_by_role("button", name="Register your team’s interest").click()
    expect(student_tab.get_by_text("Your interest is registered")).to_be_visible()
    assert business.email not in student_tab.content()

    # The organisation picks the team; both sides now see each other's contact details.
    page.goto(challenge.url)
    expect(page.get_by_text("Three data science students")).to_be_visible()
    assert student.email not in page.content()
    assert_accessible(page)
    page.get_by_role("button", name=re.compile("Pick this team")).click()
    expect(page.get_by_role("link", name=student.email)).to_be_visible()
    assert ChallengePage.objects.get().status == ChallengeStatus.IN_PROGRESS
    student_tab.goto(challenge.url)
    expect(student_tab.get_by_role("link", name=business.email)).to_be_visible()
    student_tab.context.close()


def test_listing_detail_and_form_pages_are_accessible(page, home_page):
    ChallengeIndexPageFactory(parent=home_page)
    ProjectIndexPageFactory(parent=home_page)
    area = Area.objects.first()
    challenge = ChallengePageFactory(title="Plan community transport routes", areas=[area])
    ProjectPageFactory(title="Route planner", challenge=challenge, areas=[area])
    for path in [
        "/challenges/",
        "/challenges/?status=open&theme=health",
        "/projects/",
        challenge.url,
        "/projects/route-planner/",
    ]:
        page.goto(path)
        assert_page_basics(page)
        assert_accessible(page)
    student = UserFactory(role=Role.STUDENT)
    TeamInvitation.objects.create(
        project=ProjectPage.objects.get(), email=student.email, token_hash=hash_token("a-token"),
        invited_by=UserFactory(role=Role.STUDENT), expires_at=timezone.now() + datetime.timedelta(days=1),
    )  # fmt: skip
    sign_in(page, student)
    for path in ["/projects/submit/", "/challenges/submit/", challenge.url, "/me/", "/projects/invitations/a-token/"]:
        page.goto(path)
        assert_page_basics(page)
        assert_accessible(page)
