"""Content pages, news and the site-wide settings editors manage."""

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import StreamField
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.models import Page, PageManager, PageQuerySet, PageViewRestriction
from wagtail.search import index

from .blocks import BodyBlock, SiteLinkBlock, SocialLinkBlock
from .localised import ReadersLanguageMixin, language_locale, locale_language


class PortalImage(AbstractImage):
    """The site's image model (custom from the first migration so uploads can be checked)."""

    admin_form_fields = Image.admin_form_fields

    class Meta(AbstractImage.Meta):
        verbose_name = gettext_lazy("image")
        verbose_name_plural = gettext_lazy("images")
        permissions = [("choose_image", "Can choose image")]


class PortalRendition(AbstractRendition):
    image = models.ForeignKey(PortalImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


VIEW_RESTRICTIONS_KEY = "pageviewrestrictions:any"


def any_view_restrictions() -> bool:
    """Whether any page is private at all. Almost never, so the two queries Wagtail makes
    on every page view to look for restrictions on the page and its ancestors are skipped."""
    return cache.get_or_set(VIEW_RESTRICTIONS_KEY, PageViewRestriction.objects.exists, timeout=None)


def forget_view_restrictions() -> None:
    cache.delete(VIEW_RESTRICTIONS_KEY)


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def view_restrictions_changed(**kwargs):
    # Again on commit: a request during the transaction may have cached the old answer.
    forget_view_restrictions()
    transaction.on_commit(forget_view_restrictions)


class BasePage(ReadersLanguageMixin, Page):
    """Fields and behaviour every public page shares: a plain-English summary used in
    listings, search results and link previews."""

    # No translated verbose name here: it would change every page model in every app that uses BasePage.
    introduction = models.TextField(
        blank=True,
        max_length=500,
        help_text=gettext_lazy("One or two sentences. Shown under the title, in search results and in listings."),
    )

    search_fields = Page.search_fields + [index.SearchField("introduction")]
    api_fields = [APIField("introduction")]
    # What search results call it, in the reader's words.
    search_kind = pgettext_lazy("kind of search result, when the page has no more specific kind", "Page")

    class Meta:
        abstract = True

    @property
    def summary(self) -> str:
        return self.introduction or self.search_description

    @cached_property
    def original(self):
        """The page as first written, in the site's own language: a translated listing page
        lists the original's children, which are shown in English until translated."""
        if locale_language(self.locale_id) == settings.LANGUAGE_CODE:
            return self
        return self.get_translation_or_none(language_locale(settings.LANGUAGE_CODE)) or self

    def get_view_restrictions(self):
        if not any_view_restrictions():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


class HomePage(BasePage):
    """The front page: the ambition, then live sections from the rest of the portal."""

    hero_heading = models.CharField(gettext_lazy("hero heading"), max_length=120, default="Luton: an AI native town")
    hero_text = models.TextField(
        gettext_lazy("hero text"),
        max_length=400,
        default="A town where everyone has a level of AI skills. Find out where you stand, "
        "learn with the AI Club, and help local businesses and causes put AI to good use.",
    )
    hero_link_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=gettext_lazy("hero link page"),
    )
    hero_link_url = models.CharField(
        gettext_lazy("hero link url"),
        max_length=255,
        blank=True,
        help_text=gettext_lazy("Or a path on this site (such as /skills/) or a web address."),
    )
    hero_link_text = models.CharField(
        gettext_lazy("hero link text"), max_length=60, blank=True, default="Check your AI skills"
    )
    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name=gettext_lazy("body"),
        help_text=gettext_lazy("Extra sections shown below the live figures."),
    )

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("hero_heading"),
                FieldPanel("hero_text"),
                FieldPanel("hero_link_page"),
                FieldPanel("hero_link_url"),
                FieldPanel("hero_link_text"),
            ],
            heading=gettext_lazy("Hero"),
        ),
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("hero_text"), index.SearchField("body")]
    api_fields = BasePage.api_fields + [APIField("hero_heading"), APIField("hero_text"), APIField("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = gettext_lazy("home page")
        verbose_name_plural = gettext_lazy("home pages")

    def clean(self):
        super().clean()
        if self.hero_link_page and self.hero_link_url:
            raise ValidationError({"hero_link_url": _("Choose a page or enter an address, not both.")})

    @property
    def hero_href(self) -> str:
        return self.hero_link_page.url if self.hero_link_page else self.hero_link_url

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Lazy, so that a cached home page fragment skips the sections' queries too.
        context["sections"] = SimpleLazyObject(lambda: home_page_sections(request))
        return context


def home_page_sections(request) -> list[dict]:
    """Live sections other apps add to the home page through the `home_page_sections` hook.
    Each hook returns a dict with `template`, `order` and its own context, or None."""
    sections = [section for fn in hooks.get_hooks("home_page_sections") if (section := fn(request))]
    return sorted(sections, key=lambda section: section.get("order", 100))


class StandardPage(BasePage):
    """An ordinary content page: about, accessibility statement, privacy notice, guides."""

    body = StreamField(BodyBlock(), blank=True, verbose_name=gettext_lazy("body"))

    content_panels = BasePage.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]
    api_fields = BasePage.api_fields + [APIField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]

    class Meta:
        verbose_name = gettext_lazy("standard page")
        verbose_name_plural = gettext_lazy("standard pages")


class NewsPageQuerySet(PageQuerySet):
    def published(self):
        return self.live().public().order_by("-date", "-pk")


class NewsIndexPage(BasePage):
    """The news listing at /news/, with an RSS feed at /news/feed.xml."""

    per_page = 10

    content_panels = BasePage.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.NewsPage"]
    max_count = 1

    class Meta:
        verbose_name = gettext_lazy("news index page")
        verbose_name_plural = gettext_lazy("news index pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        items = (
            NewsPage.objects.published()
            .child_of(self.original)
            .select_related("image")
            .prefetch_related("image__renditions")
        )
        context["news_items"] = Paginator(items, self.per_page).get_page(request.GET.get("page"))
        return context


class NewsPage(BasePage):
    search_kind = pgettext_lazy("kind of search result", "News")
    date = models.DateField(gettext_lazy("date published"), default=timezone.localdate)
    image = models.ForeignKey(
        PortalImage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=gettext_lazy("image"),
    )
    image_alt_text = models.CharField(
        gettext_lazy("image alt text"),
        max_length=250,
        blank=True,
        help_text=gettext_lazy("Describe the image for people who cannot see it."),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=gettext_lazy("body"))

    objects = PageManager.from_queryset(NewsPageQuerySet)()

    content_panels = BasePage.content_panels + [
        FieldPanel("date"),
        FieldPanel("introduction"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt_text")], heading=gettext_lazy("Image")),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("body"), index.FilterField("date")]
    api_fields = BasePage.api_fields + [APIField("date"), APIField("body")]

    parent_page_types = ["home.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = gettext_lazy("news item")
        verbose_name_plural = gettext_lazy("news items")

    def clean(self):
        super().clean()
        if self.image and not self.image_alt_text.strip():
            raise ValidationError(
                {"image_alt_text": _("Describe the image so people who cannot see it know what it shows.")}
            )


@register_setting(icon="site")
class SiteSettings(BaseGenericSetting):
    """Contact details, navigation, footer and social links, edited in Settings › Site settings."""

    contact_email = models.EmailField(gettext_lazy("contact email"), default="hello@lutonaiclub.org.uk")
    main_navigation = StreamField(
        [("link", SiteLinkBlock())],
        blank=True,
        verbose_name=gettext_lazy("main navigation"),
        help_text=gettext_lazy("The links across the top of every page, in order."),
    )
    footer_links = StreamField([("link", SiteLinkBlock())], blank=True, verbose_name=gettext_lazy("footer links"))
    social_links = StreamField([("social", SocialLinkBlock())], blank=True, verbose_name=gettext_lazy("social links"))

    edit_handler = TabbedInterface(
        [
            ObjectList([FieldPanel("main_navigation")], heading=gettext_lazy("Navigation")),
            ObjectList([FieldPanel("footer_links"), FieldPanel("social_links")], heading=gettext_lazy("Footer")),
            ObjectList([FieldPanel("contact_email")], heading=gettext_lazy("Contact")),
        ]
    )

    class Meta:
        verbose_name = gettext_lazy("site settings")
