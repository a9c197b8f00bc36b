"""Admin and serving hooks of the importers app."""

from wagtail import hooks

from dateline.importers.wordpress.redirects import query_link_response


@hooks.register("before_serve_page")
def follow_old_wordpress_query_links(page, request, serve_args, serve_kwargs):
    """`/?p=1149` asks the front page, which exists, so Wagtail's redirect middleware (which
    acts only on a 404) would never see it: answer the imported redirect here instead."""
    return query_link_response(request)
