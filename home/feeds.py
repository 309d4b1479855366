from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _

from .models import NewsPage


class NewsFeed(Feed):
    """RSS feed of the latest news at /news/feed.xml."""

    feed_type = Rss201rev2Feed
    link = "/news/"
    item_count = 20

    def title(self):
        return _("Luton AI Club news")

    def description(self):
        return _("Updates from the Luton AI Club on the way to an AI native town.")

    def items(self):
        return NewsPage.objects.published()[: self.item_count]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.full_url

    def item_pubdate(self, item):
        return item.first_published_at

    def item_guid(self, item):
        return item.full_url
