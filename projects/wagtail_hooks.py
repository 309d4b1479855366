"""How challenges and projects plug into the home page, /me/, data export, deletion,
the town dashboard and the demo."""

from operator import attrgetter

from django.db.models import Q
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import Page

from portal.accounts.models import Organisation, Role

from . import invitations
from .matching import is_student, withdraw_interest
from .models import (
    ChallengePage,
    ChallengeStatus,
    Interest,
    InterestStatus,
    ProjectPage,
    TeamInvitation,
)
from .okrs import project_metrics
from .submission import can_edit, editable_draft, review_status


def submissions_of(user) -> list:
    """The person's challenges and projects, newest first, with status and edit permission."""
    pages = list(
        Page.objects.type(ChallengePage, ProjectPage)
        .filter(Q(owner=user) | Q(projectpage__team_members=user))
        .distinct()
        .specific()
        .prefetch_workflow_states()
    )
    pages.sort(key=lambda page: page.latest_revision_created_at or page.first_published_at, reverse=True)
    return [
        {
            "page": page,
            "kind": page._meta.verbose_name,
            "is_challenge": isinstance(page, ChallengePage),
            "status": review_status(page),
            "can_edit": can_edit(user, page),
        }
        for page in pages
    ]


@hooks.register("me_sections")
def submissions_section(request):
    user = request.user
    submissions = submissions_of(user)
    role = user.profile.role
    if not submissions and role not in ("student", "organisation"):
        return None
    return {
        "key": "submissions",
        "title": _("Your challenges and projects"),
        "template": "projects/me_submissions.html",
        "order": 30,
        "submissions": submissions,
        "can_post_challenge": role == "organisation",
        "can_add_project": role == "student",
    }


@hooks.register("me_sections")
def interests_section(request):
    user = request.user
    mine = list(Interest.objects.filter(student=user).select_related("challenge"))
    # The challenges the person manages now (matching.manages_challenge), not every one they ever posted.
    speaks_for = Organisation.objects.filter(memberships__user=user, memberships__is_confirmed=True)
    managed_challenges = Q(challenge__organisation__in=speaks_for)
    if user.profile.role == Role.ORGANISATION:
        managed_challenges |= Q(challenge__organisation__isnull=True, challenge__owner=user)
    managed = list(
        Interest.objects.filter(managed_challenges, status=InterestStatus.INTERESTED)
        .select_related("challenge")
        .order_by("challenge__title", "created_at")
    )
    if not mine and not managed and not is_student(user):
        return None
    return {
        "key": "challenge-interest",
        "title": _("Teams and challenges"),
        "template": "projects/me_interests.html",
        "order": 31,
        "my_interests": mine,
        "interests_to_review": managed,
    }


@hooks.register("home_page_sections")
def open_challenges_section(request):
    challenges = list(ChallengePage.objects.listing().filter(status=ChallengeStatus.OPEN)[:3])
    if not challenges:
        return None
    return {
        "title": _("Open challenges"),
        "template": "projects/home_challenges.html",
        "order": 30,
        "challenges": challenges,
    }


@hooks.register("home_page_sections")
def featured_projects_section(request):
    """Projects editors chose to feature; otherwise the newest."""
    projects = list(ProjectPage.objects.listing().order_by("-is_featured", "-first_published_at")[:3])
    if projects and projects[0].is_featured:
        projects = [project for project in projects if project.is_featured]
    if not projects:
        return None
    return {
        "title": _("Student projects"),
        "template": "projects/home_projects.html",
        "order": 31,
        "projects": projects,
    }


@hooks.register("personal_data_export")
def export_submissions_and_interests(user):
    def page_entry(page):
        return {"kind": page._meta.verbose_name, "title": page.title, "status": review_status(page), "url": page.url}

    return "challenges_and_projects", {
        "submissions": [page_entry(item["page"]) for item in submissions_of(user)],
        "interests": [
            {
                "challenge": interest.challenge.title,
                "note": interest.note,
                "status": interest.get_status_display(),
                "registered_at": interest.created_at.isoformat(),
            }
            for interest in Interest.objects.filter(student=user).select_related("challenge")
        ],
        "team_invitations_received": [
            invitation_entry(invitation) for invitation in invitations.received_by(user).order_by("created_at")
        ],
        "team_invitations_sent": [
            invitation_entry(invitation)
            for invitation in TeamInvitation.objects.filter(invited_by=user).select_related("project")
        ],
    }


def invitation_entry(invitation: TeamInvitation) -> dict:
    return {
        "project": invitation.project.title,
        "email": invitation.email,
        "status": invitation.status,
        "sent_at": invitation.created_at.isoformat(),
    }


@hooks.register("before_account_delete")
def delete_unpublished_submissions(user):
    """Drafts never published are the person's own words: delete them, unless teammates still
    work on the project, who then own it. Published pages stay, without the person's name.
    Interests and invitations received go with the account; a challenge the person's team was picked for opens again."""
    for interest in Interest.objects.filter(student=user, status=InterestStatus.SELECTED):
        withdraw_interest(interest)
    invitations.received_by(user).delete()
    for page in ChallengePage.objects.filter(owner=user, first_published_at__isnull=True):
        page.delete()
    for project in ProjectPage.objects.filter(owner=user):
        teammates = sorted(set(editable_draft(project).team_members.all()) - {user}, key=attrgetter("pk"))
        if teammates:  # the person leaves the team with the account; the project stays the team's
            ProjectPage.objects.filter(pk=project.pk).update(owner=teammates[0])
        elif project.first_published_at is None:
            project.delete()  # with the images the person uploaded for it that nothing else uses (signals.py)


hooks.register("okr_metrics", project_metrics)


@hooks.register("load_demo", order=30)
def load_demo(stdout):
    from .demo import load

    load(stdout)
