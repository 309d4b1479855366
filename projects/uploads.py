"""Checks and cleaning for images people upload from front-end forms, and their removal
with the submission they came with."""

import io
import secrets

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, ImageOps, UnidentifiedImageError
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex

from .models import ProjectGalleryImage, ProjectPage

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
NOT_AN_IMAGE = gettext_lazy("The file must be a JPEG, PNG or WebP image.")
TOO_MANY_PIXELS = gettext_lazy("The image must be at most 40 megapixels.")


def check_image(upload) -> str:
    """Raise ValidationError unless `upload` is a JPEG, PNG or WebP image (judged by its
    content) within the size limits; return its format name."""
    if upload.size > MAX_BYTES:
        raise ValidationError(_("The image must be smaller than 10 MB."))
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            image_format = image.format
            width, height = image.size
            if image_format not in FORMATS:
                raise ValidationError(NOT_AN_IMAGE)
            if width * height > MAX_PIXELS:
                raise ValidationError(TOO_MANY_PIXELS)
            image.verify()
        upload.seek(0)
        with Image.open(upload) as image:
            image.load()  # verify() misses pixel data cut short, which only decoding finds
    except Image.DecompressionBombError as error:  # Pillow's own limit, met before ours
        raise ValidationError(TOO_MANY_PIXELS) from error
    except (UnidentifiedImageError, OSError, SyntaxError) as error:
        raise ValidationError(NOT_AN_IMAGE) from error
    finally:
        upload.seek(0)
    return image_format


def strip_metadata(upload, image_format: str) -> bytes:
    """The image re-encoded from its pixels alone, so EXIF (GPS above all), XMP and
    comments are gone; the EXIF orientation is applied first so the picture stays upright."""
    with Image.open(upload) as image:
        image = ImageOps.exif_transpose(image)
        if image_format == "JPEG" and image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        clean = Image.new(image.mode, image.size)
        clean.paste(image)
        if image.mode == "P":
            clean.putpalette(image.getpalette())
        output = io.BytesIO()
        options = {"quality": 90} if image_format in ("JPEG", "WEBP") else {}
        clean.save(output, format=image_format, **options)
    return output.getvalue()


def save_image(upload, title: str, user):
    """Store an already checked upload as a Wagtail image editors can reuse.

    Media files are public, so the stored name is random: nobody can guess the address of
    a picture in a draft before it is published, and the uploader's own file name is not kept."""
    image_format = check_image(upload)
    data = strip_metadata(upload, image_format)
    name = f"{secrets.token_urlsafe(16)}.{FORMATS[image_format]}"
    image = get_image_model()(title=title[:255], uploaded_by_user=user)
    image.file = ImageFile(io.BytesIO(data), name=name)
    image.save()
    return image


def submission_uploads(project: ProjectPage) -> set[int]:
    """The ids of the images the project's gallery shows, on the page or in any of its
    revisions, that one of its submitters (its owner or anyone in its team, now or in a
    revision) uploaded. Pictures an editor chose from the library are not among them."""
    image_ids = set(ProjectGalleryImage.objects.filter(page_id=project.pk).values_list("image_id", flat=True))
    submitters = {project.owner_id, *ProjectPage.objects.filter(pk=project.pk).values_list("team_members", flat=True)}
    for content in project.revisions.values_list("content", flat=True):
        image_ids |= {item.get("image") for item in content.get("gallery_images", [])}
        submitters |= set(content.get("team_members", []))
    submitters.discard(None)
    images = get_image_model().objects.filter(pk__in=image_ids - {None}, uploaded_by_user_id__in=submitters)
    return set(images.values_list("pk", flat=True))


def delete_unused_uploads(image_ids: set[int], deleted_page: Page) -> None:
    """Delete each of the images that nothing but `deleted_page` shows: no other project's
    gallery and nothing else Wagtail indexes (pages, snippets, settings). Their renditions go
    with them, and Wagtail removes the files once the transaction commits."""
    page_type = ContentType.objects.get_for_model(Page)
    for image in get_image_model().objects.filter(pk__in=image_ids):
        in_a_gallery = ProjectGalleryImage.objects.filter(image=image).exclude(page_id=deleted_page.pk).exists()
        referenced = (
            ReferenceIndex.get_references_to(image)
            .exclude(base_content_type=page_type, object_id=str(deleted_page.pk))
            .exists()
        )
        if not in_a_gallery and not referenced:
            image.delete()
