"""Pagination that treats a reader's hand-typed ?page= kindly and a nonsense one firmly."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404

MAX_PAGE_DIGITS = 6


def paginate(request, queryset, per_page: int):
    """Return the requested page of `queryset`.

    A missing, non-numeric or non-positive ?page= gives the first page; a page past the end (or an
    absurd number such as 10**30) is a 404, so search engines never index empty listings.
    """
    raw = request.GET.get("page", "")
    if not raw.isdigit():
        number = 1
    elif len(raw) > MAX_PAGE_DIGITS:
        raise Http404("No such page")
    else:
        number = max(int(raw), 1)
    paginator = Paginator(queryset, per_page)
    if number > max(paginator.num_pages, 1):
        raise Http404("No such page")
    return paginator.page(number)
