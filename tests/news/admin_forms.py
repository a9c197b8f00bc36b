"""The admin's page edit form as an editor's browser would post it."""

from __future__ import annotations

from django.urls import reverse
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)


def edit_form_data(client, page):
    """The fields of `page`'s edit form, as loaded by the signed-in `client`."""
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    data = querydict_from_html(html, form_id="page-edit-form")
    if hasattr(page.specific, "body") and "body-count" not in data:
        # The body's inputs are built by the admin's JavaScript; post what it would.
        body = {"body": streamfield([("paragraph", rich_text("<p>A draft paragraph.</p>"))])}
        data.update(nested_form_data(body))
    return data
