"""Paginating a filtered list of learning pages for an index or search page."""

from __future__ import annotations

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

from learning.filters import LearningFilterForm, filter_learning_pages

PER_PAGE = 10


def paginate(
    request: HttpRequest, items, per_page: int = PER_PAGE, parameter: str = "page"
) -> PaginatorPage:
    """The requested page of items (its number in the query parameter `parameter`); a
    missing, non-numeric or out-of-range page number gives the nearest real page rather
    than an error."""
    return Paginator(items, per_page).get_page(request.GET.get(parameter))


def filtered_listing_context(request: HttpRequest, queryset: QuerySet) -> dict:
    """Context for an index page: the filter form, the current page of results and
    the query string to keep filters across pagination links."""
    form = LearningFilterForm(request.GET or None)
    results = filter_learning_pages(queryset, form.selected())
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "filter_form": form,
        "page_obj": paginate(request, results),
        "query_without_page": query.urlencode(),
    }
