"""Site search: statements found by Wagtail's database search backend."""

from django.template.response import TemplateResponse

from .models import StatementPage, paginate

SEARCH_PAGE_SIZE = 10
MAX_QUERY_LENGTH = 200


def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results_page = None
    if query:
        results = StatementPage.objects.live().public().defer_streamfields().search(query)
        results_page = paginate(results, request.GET.get("page"), SEARCH_PAGE_SIZE)
    return TemplateResponse(
        request,
        "search/search.html",
        {"search_query": query, "results_page": results_page},
    )
