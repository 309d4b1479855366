import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from projects import uploads
from projects.sanitise import clean_rich_text

from .conftest import image_upload

pytestmark = pytest.mark.django_db


def gps_exif() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "Test camera maker"
    exif[0x8825] = {1: "N", 2: (51.0, 52.0, 48.0), 3: "W", 4: (0.0, 25.0, 12.0)}
    return exif.tobytes()


def test_non_image_with_image_name_is_rejected():
    fake = SimpleUploadedFile("holiday.jpg", b"MZ\x90\x00 this is a program, not a picture")
    with pytest.raises(ValidationError, match="JPEG, PNG or WebP"):
        uploads.check_image(fake)


def test_other_image_formats_are_rejected():
    with pytest.raises(ValidationError, match="JPEG, PNG or WebP"):
        uploads.check_image(image_upload("drawing.png", image_format="GIF"))


def test_an_image_too_large_for_pillow_to_open_is_called_too_large(monkeypatch):
    from PIL import Image

    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 10 * 10)  # Pillow refuses at twice this
    with pytest.raises(ValidationError, match="40 megapixels"):
        uploads.check_image(image_upload(size=(60, 60)))


def test_an_image_cut_short_is_rejected():
    whole = image_upload(size=(200, 200)).read()
    with pytest.raises(ValidationError, match="JPEG, PNG or WebP"):
        uploads.check_image(SimpleUploadedFile("photo.jpg", whole[: len(whole) // 2]))


def test_oversized_file_is_rejected(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_BYTES", 100)
    with pytest.raises(ValidationError, match="smaller than 10 MB"):
        uploads.check_image(image_upload(size=(200, 200)))


def test_too_many_pixels_is_rejected(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_PIXELS", 50 * 50)
    with pytest.raises(ValidationError, match="40 megapixels"):
        uploads.check_image(image_upload(size=(60, 60)))


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP"])
def test_saved_image_has_no_exif_or_gps(image_format, user):
    upload = image_upload(f"photo.{image_format.lower()}", image_format=image_format, exif=gps_exif())
    with Image.open(io.BytesIO(upload.read())) as original:
        assert original.getexif().get_ifd(0x8825), "the test image must carry GPS data"
    upload.seek(0)
    image = uploads.save_image(upload, "A photo", user)
    with image.file.open("rb") as saved, Image.open(saved) as stored:
        assert not stored.getexif()
        assert "exif" not in stored.info
    assert image.uploaded_by_user == user


def test_rich_text_keeps_only_the_safe_subset():
    html = clean_rich_text(
        '<h1>Big</h1><p onclick="x()">Hi <a href="javascript:alert(1)">bad</a> <a href="https://example.org">ok</a>'
        "</p><script>alert(1)</script><ul><li>one</li></ul><img src=x onerror=alert(1)>"
    )
    assert "<script" not in html and "onclick" not in html and "<img" not in html and "<h1>" not in html
    assert "javascript:" not in html
    assert '<a href="https://example.org" rel="nofollow ugc">ok</a>' in html
    assert "<ul><li>one</li></ul>" in html


def test_plain_text_becomes_escaped_paragraphs():
    assert clean_rich_text("a < b\n\nsecond") == "<p>a &lt; b</p><p>second</p>"
