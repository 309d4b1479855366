"""Front-end submissions: draft pages owned by the submitter, reviewed in Wagtail workflows."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy, pgettext
from wagtail.models import Page, Workflow, WorkflowPage, WorkflowState

from portal.accounts.models import Role

from . import invitations
from .matching import manages_challenge
from .models import ChallengeIndexPage, ChallengePage, ProjectGalleryImage, ProjectIndexPage, ProjectPage
from .uploads import save_image

CHALLENGE_WORKFLOW = "Challenge review"
# {form field: text} another app may put in the session to start a new challenge from.
CHALLENGE_DRAFT_SESSION_KEY = "challenge_draft"
PROJECT_WORKFLOW = "Project review"
IN_REVIEW = gettext_lazy(
    "Our editors are reviewing this now, so it cannot be changed until they finish. We will email you when "
    "it is published or if they ask for changes, and you can edit it then."
)
SAVED_AT_THE_SAME_MOMENT = gettext_lazy(
    "Something else was saved at the same moment, so this was not saved. Send the form again."
)
PUBLISHED_NOW = gettext_lazy("This is published now, so only our editors can change it.")


def can_submit_challenge(user) -> bool:
    return user.is_authenticated and user.profile.role == Role.ORGANISATION


def can_submit_project(user) -> bool:
    return user.is_authenticated and user.profile.role == Role.STUDENT


def is_submitter(user, page: Page) -> bool:
    """The person who submitted the page, or for projects anyone in its team. A challenge's
    poster counts only while they still speak for its organisation."""
    if not user.is_authenticated:
        return False
    if isinstance(page, ChallengePage):
        return page.owner_id == user.pk and manages_challenge(user, page)
    if page.owner_id == user.pk:
        return True
    return isinstance(page, ProjectPage) and page.team_members.filter(pk=user.pk).exists()


def is_in_review(page: Page) -> bool:
    """True while moderators are reviewing it: approving publishes the latest revision, so
    nothing may change it meanwhile."""
    state = page.current_workflow_state
    return bool(state and state.status == WorkflowState.STATUS_IN_PROGRESS)


def can_edit(user, page: Page) -> bool:
    """Submitters may edit a draft that is not being reviewed: before it is sent, or once
    changes are requested. Published pages are for editors only."""
    return not page.live and not is_in_review(page) and is_submitter(user, page)


def review_status(page: Page) -> str:
    """Where a submission stands, in words for its submitter."""
    if page.live:
        return pgettext("status of a submission", "Published")
    state = page.current_workflow_state
    if state and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        return pgettext("status of a submission", "Changes requested")
    if state:
        return pgettext("status of a submission", "In review")
    return pgettext("status of a submission", "Draft")


def unique_slug(parent: Page, title: str) -> str:
    """A slug for `title` that no child of `parent` uses yet."""
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


def add_submission(index_model: type[Page], page: Page, attempts: int = 3) -> None:
    """Add the new draft under its index page with a slug no sibling has.

    The index row is locked first, so submissions queue for it and each sees the slugs (and
    tree positions) of those before it. Pages added another way at the same moment (an editor
    in the admin) can still take the slug or position: then it tries again with fresh ones,
    and after `attempts` it gives up with a message instead of an error page."""
    for _attempt in range(attempts):
        parent = index_model.objects.select_for_update().get()
        page.slug = unique_slug(parent, page.title)
        try:
            with transaction.atomic():
                parent.add_child(instance=page)
            return
        except ValidationError as error:
            if "slug" not in getattr(error, "error_dict", {}):
                raise
        except IntegrityError:
            pass
    raise ValidationError(SAVED_AT_THE_SAME_MOMENT)


def lock_for_editing(page: Page) -> None:
    """Lock the page while its submitter's edit is saved, and refuse if it was published or
    sent for review since the form was shown."""
    current = Page.objects.select_for_update().get(pk=page.pk)
    if current.live:
        raise PermissionDenied(PUBLISHED_NOW)
    if is_in_review(current):
        raise PermissionDenied(IN_REVIEW)


@transaction.atomic
def submit_challenge(form, user, page: ChallengePage | None = None) -> ChallengePage:
    """Create the draft challenge from a valid form, or update `page` (its latest revision,
    from `editable_draft`), and send it for review."""
    if page is None:
        page = ChallengePage(live=False, owner=user)
        # Only an editor-confirmed membership names the organisation; editors can set it in review.
        membership = user.memberships.filter(is_confirmed=True).select_related("organisation").first()
        page.organisation = membership.organisation if membership else None
        apply_fields(page, form, form.page_fields)
        add_submission(ChallengeIndexPage, page)
    else:
        lock_for_editing(page)
        apply_fields(page, form, form.page_fields)
        page.save()
    send_for_review(page, user, CHALLENGE_WORKFLOW)
    return page


@transaction.atomic
def submit_project(form, user, page: ProjectPage | None = None) -> ProjectPage:
    """Create the draft project from a valid form, or update `page` (its latest revision,
    from `editable_draft`), send it for review and email the invitations it asks for
    (recorded as `form.invited_emails`)."""
    data = form.cleaned_data
    if page is not None:
        lock_for_editing(page)
    if page is None:
        page = ProjectPage(live=False, owner=user)
        apply_fields(page, form, form.page_fields)
        page.team_members = {user}
        add_submission(ProjectIndexPage, page)
    else:
        apply_fields(page, form, form.page_fields)
        page.team_members = set(page.team_members.all()) - set(data.get("remove_members") or [])
    if data.get("image"):
        try:
            image = save_image(data["image"], data["image_alt_text"] or data["title"], user)
        except ValidationError as error:
            raise ValidationError({"image": error.error_list}) from error
        page.gallery_images.add(ProjectGalleryImage(image=image, alt_text=data["image_alt_text"]))
    page.save()
    send_for_review(page, user, PROJECT_WORKFLOW)
    # People join the team only by accepting; the form reports who was invited.
    try:
        form.invited_emails = invitations.invite(page, data["invite_emails"], user)
    except ValidationError as error:
        raise ValidationError({"invite_emails": error.error_list}) from error
    return page


def editable_draft(page: Page) -> Page:
    """The newest version of a submission, which is what its submitter edits: its latest
    revision, with any changes a moderator saved, not the database row."""
    return page.get_latest_revision_as_object()


def assign_review_workflows() -> None:
    """Attach the review workflows to the index pages, so editors see them in the admin too."""
    for index_model, name in ((ChallengeIndexPage, CHALLENGE_WORKFLOW), (ProjectIndexPage, PROJECT_WORKFLOW)):
        workflow = Workflow.objects.filter(name=name).first()
        for index_page in index_model.objects.all():
            if workflow:
                WorkflowPage.objects.update_or_create(page=index_page.page_ptr, defaults={"workflow": workflow})
