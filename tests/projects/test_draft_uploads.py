"""Pictures uploaded with a submission cannot be found before it is published, and go when
the submission is deleted unless something else shows them."""

import re

import pytest
from django.core.files.storage import default_storage
from wagtail.images import get_image_model
from wagtail.models import Page

from home.factories import StandardPageFactory
from portal.accounts.factories import StaffFactory, UserFactory
from portal.accounts.models import Role
from projects.factories import ProjectPageFactory
from projects.models import ProjectGalleryImage, ProjectPage
from projects.uploads import save_image

from .conftest import image_upload
from .test_submissions import PROJECT

pytestmark = pytest.mark.django_db


def submit_with_image(client, student, name="Our secret plans.jpg") -> ProjectPage:
    client.force_login(student)
    response = client.post(
        "/projects/submit/", {**PROJECT, "image": image_upload(name), "image_alt_text": "The forecast on a tablet"}
    )
    assert response.status_code == 302, response.content
    client.logout()
    return ProjectPage.objects.get(title=PROJECT["title"])


def uploaded_image(project: ProjectPage):
    return project.gallery_images.get().image


def files_of(image) -> list[str]:
    """The stored original and a rendition, so both can be checked after deletion."""
    return [image.file.name, image.get_rendition("max-20x20").file.name]


def test_a_draft_uploads_address_does_not_give_away_its_file_name(client, indexes, student):
    image = uploaded_image(submit_with_image(client, student))
    assert re.fullmatch(r"/media/original_images/[A-Za-z0-9_-]{22}\.jpg", image.file.url)
    assert "secret" not in image.file.url.lower() and "plans" not in image.get_rendition("max-20x20").url.lower()
    again = save_image(image_upload("Our secret plans.jpg"), "The same file again", student)
    assert again.file.name != image.file.name


def test_the_pages_api_shows_neither_a_draft_nor_its_picture(client, indexes, student):
    project = submit_with_image(client, student)
    image = uploaded_image(project)
    listing = client.get("/api/v2/pages/", {"type": "projects.ProjectPage", "fields": "*"})
    assert listing.status_code == 200 and listing.json()["meta"]["total_count"] == 0
    assert client.get(f"/api/v2/pages/{project.pk}/").status_code == 404
    assert client.get("/api/v2/pages/", {"fields": "*"}).text.count(image.file.name.split("/")[-1]) == 0
    assert client.get(f"/api/v2/images/{image.pk}/").status_code == 404


def test_deleting_a_draft_removes_its_unused_upload_with_its_files(
    client, indexes, student, django_capture_on_commit_callbacks
):
    project = submit_with_image(client, student)
    image = uploaded_image(project)
    files = files_of(image)
    assert all(default_storage.exists(name) for name in files)
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=project.pk).delete(user=StaffFactory(groups=["Editors"]))
    assert not get_image_model().objects.filter(pk=image.pk).exists()
    assert not any(default_storage.exists(name) for name in files)


def test_an_upload_another_project_shows_is_kept(client, indexes, student, django_capture_on_commit_callbacks):
    project = submit_with_image(client, student)
    image = uploaded_image(project)
    ProjectGalleryImage.objects.create(page=ProjectPageFactory(), image=image, alt_text="Reused by editors")
    with django_capture_on_commit_callbacks(execute=True):
        project.delete()
    assert get_image_model().objects.filter(pk=image.pk).exists()
    assert default_storage.exists(image.file.name)


def test_an_upload_another_pages_body_shows_is_kept(client, indexes, student, django_capture_on_commit_callbacks):
    project = submit_with_image(client, student)
    image = uploaded_image(project)
    page = StandardPageFactory()
    page.body = [("image", {"image": image, "alt_text": "Students at work", "caption": ""})]
    page.save()
    project.delete()
    assert get_image_model().objects.filter(pk=image.pk).exists()


def test_an_editors_library_picture_in_a_draft_is_kept(indexes, student):
    project = ProjectPageFactory(live=False, owner=student, team_members=[student])
    library = save_image(image_upload(), "From the library", StaffFactory(groups=["Editors"]))
    ProjectGalleryImage.objects.create(page=project, image=library, alt_text="Chosen by an editor")
    project.delete()
    assert get_image_model().objects.filter(pk=library.pk).exists()


def test_a_teammates_upload_that_a_moderator_took_out_of_the_gallery_goes_too(indexes, student, moderator):
    teammate = UserFactory(role=Role.STUDENT)
    project = ProjectPageFactory(live=False, owner=student, team_members=[student, teammate])
    image = save_image(image_upload(), "Uploaded by a teammate", teammate)
    ProjectGalleryImage.objects.create(page=project, image=image, alt_text="Team photo")
    project.save_revision(user=teammate)
    ProjectGalleryImage.objects.filter(page=project).delete()  # now only the revision shows it
    ProjectPage.objects.get(pk=project.pk).save_revision(user=moderator)
    ProjectPage.objects.get(pk=project.pk).delete()
    assert not get_image_model().objects.filter(pk=image.pk).exists()


def test_deleting_the_showcase_takes_its_drafts_uploads(client, indexes, student):
    image = uploaded_image(submit_with_image(client, student))
    indexes[1].delete()
    assert not get_image_model().objects.filter(pk=image.pk).exists()


def test_asking_for_changes_keeps_the_uploads(client, indexes, student, moderator):
    project = submit_with_image(client, student)
    image = uploaded_image(project)
    project.current_workflow_state.current_task_state.reject(user=moderator, comment="Add the data source")
    project = ProjectPage.objects.get(pk=project.pk)
    assert project.current_workflow_state.status == "needs_changes"
    assert get_image_model().objects.filter(pk=image.pk).exists()
    assert default_storage.exists(image.file.name)
