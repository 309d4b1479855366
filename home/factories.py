import factory
import wagtail_factories
from wagtail.models import Collection, Page, Site

from .models import HomePage, NewsIndexPage, NewsPage, PortalImage, StandardPage


class HomePageFactory(wagtail_factories.PageFactory):
    """The site's home page, made the default site's root."""

    title = "Luton AI Club"
    slug = "home"
    parent = factory.LazyFunction(Page.get_first_root_node)

    class Meta:
        model = HomePage
        skip_postgeneration_save = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # Wagtail's first migration leaves a placeholder page where the home page belongs.
        Page.objects.filter(depth=2, slug=kwargs.get("slug", "home"), content_type__model="page").delete()
        return super()._create(model_class, *args, **kwargs)

    @factory.post_generation
    def site(obj, create, extracted, **kwargs):
        if create:
            site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True, hostname="localhost")
            site.root_page = obj
            site.save()


def home_page() -> HomePage:
    """The existing home page, or a new one."""
    return HomePage.objects.first() or HomePageFactory()


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Standard page {n}")
    introduction = "A page about the AI Club."
    parent = factory.LazyFunction(home_page)

    class Meta:
        model = StandardPage
        skip_postgeneration_save = True


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "News"
    slug = "news"
    parent = factory.LazyFunction(home_page)

    class Meta:
        model = NewsIndexPage
        skip_postgeneration_save = True


class NewsPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"News item {n}")
    introduction = "Something happened at the AI Club."
    parent = factory.LazyFunction(lambda: NewsIndexPage.objects.first() or NewsIndexPageFactory())

    class Meta:
        model = NewsPage
        skip_postgeneration_save = True


class PortalImageFactory(wagtail_factories.ImageFactory):
    collection = factory.LazyFunction(Collection.get_first_root_node)

    class Meta:
        model = PortalImage
