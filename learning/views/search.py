"""Site search: words, filters or both, over every published learning page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from learning.filters import LearningFilterForm
from learning.listing import paginate
from learning.search import find_learning, normalise_query, search_result_items


def search(request: HttpRequest) -> HttpResponse:
    query = normalise_query(request.GET.get("q"))
    filter_form = LearningFilterForm(request.GET or None)
    selected = filter_form.selected()
    searched = bool(query or selected)
    context = {
        "query": query,
        "filter_form": filter_form,
        "selected": selected,
        "searched": searched,
    }
    # With neither words nor filters there is nothing to look for: the page shows the
    # form and how to use it instead of listing everything.
    if searched:
        found = find_learning(query=query, selected=selected)
        page_obj = paginate(request, found.pages)
        keep = request.GET.copy()
        keep.pop("page", None)
        context.update(
            page_obj=page_obj,
            results=search_result_items(page_obj.object_list, query),
            query_without_page=keep.urlencode(),
            also_searched_for=found.also_searched_for,
        )
    return render(request, "learning/search.html", context)
