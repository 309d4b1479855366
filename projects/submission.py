"""Front-end submissions: draft pages owned by the submitter, reviewed in Wagtail workflows."""

from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Page, Workflow, WorkflowPage, WorkflowState

from portal.accounts.models import Role
from portal.emails import send_templated_email

from .models import ChallengeIndexPage, ChallengePage, ProjectGalleryImage, ProjectIndexPage, ProjectPage
from .uploads import save_image

CHALLENGE_WORKFLOW = "Challenge review"
PROJECT_WORKFLOW = "Project review"


def can_submit_challenge(user) -> bool:
    return user.is_authenticated and user.profile.role == Role.ORGANISATION


def can_submit_project(user) -> bool:
    return user.is_authenticated and user.profile.role == Role.STUDENT


def is_submitter(user, page: Page) -> bool:
    """The person who submitted the page, or for projects anyone in its team."""
    if not user.is_authenticated:
        return False
    if page.owner_id == user.pk:
        return True
    return isinstance(page, ProjectPage) and page.team_members.filter(pk=user.pk).exists()


def can_edit(user, page: Page) -> bool:
    """Submitters may edit until the page is published."""
    return not page.live and is_submitter(user, page)


def review_status(page: Page) -> str:
    """Where a submission stands, in words for its submitter."""
    if page.live:
        return "Published"
    state = page.current_workflow_state
    if state and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        return "Changes requested"
    if state:
        return "In review"
    return "Draft"


def unique_slug(parent: Page, title: str) -> str:
    base = slugify(title)[:60] or "submission"
    taken = set(parent.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def send_for_review(page: Page, user, workflow_name: str) -> None:
    """Save a revision and make sure it is (back) in review."""
    page.save_revision(user=user, log_action=True)
    state = page.current_workflow_state
    if state and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user)
    elif not state:
        Workflow.objects.get(name=workflow_name).start(page, user)


def apply_fields(page: Page, form, names: list[str]) -> None:
    for name in names:
        setattr(page, name, form.cleaned_data[name])
    page.areas = form.cleaned_data["areas"]


@transaction.atomic
def submit_challenge(form, user, page: ChallengePage | None = None) -> ChallengePage:
    """Create (or update) the draft challenge from a valid form and send it for review."""
    if page is None:
        parent = ChallengeIndexPage.objects.get()
        page = ChallengePage(live=False, owner=user, slug=unique_slug(parent, form.cleaned_data["title"]))
        # Only an editor-confirmed membership names the organisation; editors can set it in review.
        membership = user.memberships.filter(is_confirmed=True).select_related("organisation").first()
        page.organisation = membership.organisation if membership else None
        apply_fields(page, form, form.page_fields)
        parent.add_child(instance=page)
    else:
        apply_fields(page, form, form.page_fields)
        page.save()
    send_for_review(page, user, CHALLENGE_WORKFLOW)
    return page


@transaction.atomic
def submit_project(form, user, page: ProjectPage | None = None) -> ProjectPage:
    """Create (or update) the draft project from a valid form and send it for review."""
    data = form.cleaned_data
    previous_team = set(page.team_members.all()) if page else set()
    if page is None:
        parent = ProjectIndexPage.objects.get()
        page = ProjectPage(live=False, owner=user, slug=unique_slug(parent, data["title"]))
        apply_fields(page, form, form.page_fields)
        page.team_members = {user, *data["team_emails"]}
        parent.add_child(instance=page)
    else:
        apply_fields(page, form, form.page_fields)
        page.team_members = {page.owner, *data["team_emails"]} - {None}
    if data.get("image"):
        image = save_image(data["image"], data["image_alt_text"] or data["title"], user)
        page.gallery_images.add(ProjectGalleryImage(image=image, alt_text=data["image_alt_text"]))
    page.save()
    send_for_review(page, user, PROJECT_WORKFLOW)
    for member in set(page.team_members.all()) - previous_team - {user}:
        send_templated_email("projects_team_added", member.email, {"page": page, "submitter": user})
    return page


def editable_draft(page: Page) -> Page:
    """The newest version of a submission, which is what its submitter edits."""
    return page.get_latest_revision_as_object() if page.has_unpublished_changes else page


def assign_review_workflows() -> None:
    """Attach the review workflows to the index pages, so editors see them in the admin too."""
    for index_model, name in ((ChallengeIndexPage, CHALLENGE_WORKFLOW), (ProjectIndexPage, PROJECT_WORKFLOW)):
        workflow = Workflow.objects.filter(name=name).first()
        for index_page in index_model.objects.all():
            if workflow:
                WorkflowPage.objects.update_or_create(page=index_page.page_ptr, defaults={"workflow": workflow})
