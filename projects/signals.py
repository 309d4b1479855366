"""Emails at each step of review, Creator awards when a project is published, and the
uploads that go when a project is deleted."""

from django.db.models.signals import post_delete, pre_delete
from django.dispatch import receiver
from wagtail.signals import page_published, workflow_approved, workflow_rejected

from portal.emails import send_templated_email
from skills.models import CreatorAward

from .models import ChallengePage, ProjectPage
from .uploads import delete_unused_uploads, submission_uploads


def submission_recipients(page) -> list[str]:
    people = {page.owner} if page.owner else set()
    if isinstance(page, ProjectPage):
        people |= set(page.team_members.all())
    return sorted(person.email for person in people)


def reviewed_page(workflow_state):
    page = workflow_state.content_object
    page = getattr(page, "specific", page)
    return page if isinstance(page, ChallengePage | ProjectPage) else None


@receiver(workflow_approved)
def email_on_approval(sender, instance, user=None, **kwargs):
    page = reviewed_page(instance)
    if page and (recipients := submission_recipients(page)):
        send_templated_email("projects_published", recipients, {"page": page, "kind": page._meta.verbose_name})


@receiver(workflow_rejected)
def email_on_changes_requested(sender, instance, user=None, **kwargs):
    page = reviewed_page(instance)
    if page and (recipients := submission_recipients(page)):
        task_state = instance.current_task_state
        send_templated_email(
            "projects_changes_requested",
            recipients,
            {"page": page, "kind": page._meta.verbose_name, "comment": task_state.comment if task_state else ""},
        )


@receiver(pre_delete, sender=ProjectPage)
def note_uploads(sender, instance, **kwargs):
    """Before the gallery and revisions go, note which pictures the submitters uploaded."""
    instance.uploads_to_delete = submission_uploads(instance)


@receiver(post_delete, sender=ProjectPage)
def delete_uploads(sender, instance, **kwargs):
    """However the page goes (the admin, a parent page, account deletion), what its team
    uploaded for it goes too, unless something else shows it. Requesting changes keeps
    them: the team still needs them to send the project again."""
    delete_unused_uploads(getattr(instance, "uploads_to_delete", set()), deleted_page=instance)


@receiver(page_published, sender=ProjectPage)
def award_creators(sender, instance, **kwargs):
    """Each team member with an account becomes a Creator in every area the project used."""
    award_creator_levels(instance)


def award_creator_levels(project: ProjectPage) -> int:
    """Record the awards (once per person, area and project); return how many are new."""
    areas = list(project.areas.all())
    created = 0
    for member in project.team_members.all():
        for area in areas:
            _, new = CreatorAward.objects.get_or_create(user=member, area=area, project=project.page_ptr)
            created += new
    return created
