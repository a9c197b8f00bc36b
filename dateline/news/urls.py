"""Routes of the news app that are not pages: feeds, sitemaps, search and the read API."""

urlpatterns: list = []
