"""StreamField blocks shared by every page type that has a body."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import blocks
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class LinkStructValue(blocks.StructValue):
    @property
    def href(self) -> str:
        page = self.get("page")
        return page.url if page else self.get("url") or ""

    @property
    def label(self) -> str:
        """The text in the reader's language where an editor wrote one; otherwise the text,
        or the title of the page in the reader's language."""
        language = translation.get_language()
        for item in self.get("translations") or []:
            if item["language"] == language:
                return item["text"]
        page = self.get("page")
        return self.get("text") or (page.localized.title if page else self.get("url") or "")


def other_languages() -> list[tuple[str, str]]:
    return [(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


class TranslatedTextBlock(blocks.StructBlock):
    language = blocks.ChoiceBlock(choices=other_languages, label=gettext_lazy("Language"))
    text = blocks.CharBlock(max_length=80, label=gettext_lazy("Text"))

    class Meta:
        icon = "globe"


class LinkBlock(blocks.StructBlock):
    """A link to a page on the site or to another website."""

    text = blocks.CharBlock(
        required=False, max_length=80, help_text=gettext_lazy("Leave blank to use the page's title.")
    )
    page = blocks.PageChooserBlock(required=False)
    url = blocks.URLBlock(required=False, label=gettext_lazy("Or a web address"))

    class Meta:
        icon = "link"
        value_class = LinkStructValue

    def clean(self, value):
        value = super().clean(value)
        has_page, has_url = bool(value.get("page")), bool(value.get("url"))
        if has_page == has_url:
            message = (
                _("Choose a page or enter a web address, not both.")
                if has_page
                else _("Choose a page or enter a web address.")
            )
            raise blocks.StructBlockValidationError(block_errors={"page": ValidationError(message)})
        if has_url and not value.get("text"):
            raise blocks.StructBlockValidationError(
                block_errors={"text": ValidationError(_("Enter the link text for a web address."))}
            )
        return value


class SiteLinkBlock(LinkBlock):
    """A link in the site's navigation or footer, with its text in each language: settings
    are not pages, so editors translate these labels here rather than with wagtail-localize."""

    translations = blocks.ListBlock(
        TranslatedTextBlock(),
        default=[],
        label=gettext_lazy("Link text in other languages"),
        help_text=gettext_lazy("Where a language has none, the link shows the text above or the page's title."),
    )

    def clean(self, value):
        value = super().clean(value)
        seen, errors = set(), {}
        for index, item in enumerate(value["translations"]):
            if item["language"] in seen:
                message = _("This language already has link text. Remove one of the two.")
                errors[index] = blocks.StructBlockValidationError(block_errors={"language": ValidationError(message)})
            seen.add(item["language"])
        if errors:
            raise blocks.StructBlockValidationError(
                block_errors={"translations": ListBlockValidationError(block_errors=errors)}
            )
        return value


class ImageWithAltBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        max_length=250,
        help_text=gettext_lazy("Describe the image for people who cannot see it, in a sentence."),
    )
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "components/blocks/image.html"


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120)
    text = blocks.TextBlock(required=False, max_length=400)
    link = LinkBlock()
    button_text = blocks.CharBlock(max_length=60, required=False, help_text=gettext_lazy("Defaults to the link text."))

    class Meta:
        icon = "pick"
        template = "components/blocks/call_to_action.html"


class AccordionSectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120)
    content = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)


class AccordionBlock(blocks.StructBlock):
    sections = blocks.ListBlock(AccordionSectionBlock(), min_num=1)

    class Meta:
        icon = "list-ul"
        template = "components/blocks/accordion.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(max_length=600)
    attribution = blocks.CharBlock(required=False, max_length=120)

    class Meta:
        icon = "openquote"
        template = "components/blocks/quote.html"


class BodyBlock(blocks.StreamBlock):
    """The body of standard pages, news and other content pages."""

    rich_text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, template="components/blocks/rich_text.html")
    image = ImageWithAltBlock()
    call_to_action = CallToActionBlock()
    accordion = AccordionBlock()
    quote = QuoteBlock()


SOCIAL_PLATFORMS = [
    ("linkedin", "LinkedIn"),
    ("instagram", "Instagram"),
    ("facebook", "Facebook"),
    ("x", "X (Twitter)"),
    ("youtube", "YouTube"),
    ("bluesky", "Bluesky"),
    ("mastodon", "Mastodon"),
]


class SocialLinkStructValue(blocks.StructValue):
    @property
    def label(self) -> str:
        return dict(SOCIAL_PLATFORMS).get(self.get("platform"), self.get("platform"))


class SocialLinkBlock(blocks.StructBlock):
    platform = blocks.ChoiceBlock(choices=SOCIAL_PLATFORMS)
    url = blocks.URLBlock()

    class Meta:
        icon = "site"
        value_class = SocialLinkStructValue
