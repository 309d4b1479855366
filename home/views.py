from django.core.paginator import Paginator
from django.shortcuts import render
from wagtail.models import Page

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


def search(request):
    """Site search over every live, public page: content, news, events, challenges, projects."""
    # Control characters (a NUL byte above all) mean nothing in a search and upset databases.
    query = "".join(ch for ch in request.GET.get("q", "") if ch.isprintable()).strip()[:MAX_QUERY_LENGTH]
    results = None
    if query:
        found = Page.objects.live().public().specific().search(query)
        results = Paginator(found, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "home/search.html", {"query": query, "results": results})
