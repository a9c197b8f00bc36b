"""Side effects of the news app, connected in NewsConfig.ready()."""


def ensure_site_tree_after_migrate(sender, **kwargs):
    """After `migrate`, a new database already has the front page, /topics/ and /authors/."""
    from dateline.news.services import ensure_site_tree

    ensure_site_tree()
