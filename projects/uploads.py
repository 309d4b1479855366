"""Checks and cleaning for images people upload from front-end forms."""

import io
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from PIL import Image, ImageOps, UnidentifiedImageError
from wagtail.images import get_image_model

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
NOT_AN_IMAGE = "The file must be a JPEG, PNG or WebP image."
TOO_MANY_PIXELS = "The image must be at most 40 megapixels."


def check_image(upload) -> str:
    """Raise ValidationError unless `upload` is a JPEG, PNG or WebP image (judged by its
    content) within the size limits; return its format name."""
    if upload.size > MAX_BYTES:
        raise ValidationError("The image must be smaller than 10 MB.")
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
    """Store an already checked upload as a Wagtail image editors can reuse."""
    image_format = check_image(upload)
    data = strip_metadata(upload, image_format)
    name = f"{Path(upload.name).stem[:80] or 'image'}.{FORMATS[image_format]}"
    image = get_image_model()(title=title[:255], uploaded_by_user=user)
    image.file = ImageFile(io.BytesIO(data), name=name)
    image.save()
    return image
