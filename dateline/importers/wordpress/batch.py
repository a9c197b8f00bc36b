"""Posts in batches: new published posts take the bulk path, a batch to a transaction.

The runner hands over posts (and, at the end, pages) a few hundred at a time (fewer when they
carry many comments), and one batch is one transaction:

1. The batch's bookkeeping rows are read with one query.
2. Each post is prepared in its own savepoint. A new post that is published (or scheduled for
   a time already past) with no password is *planned*: its section, topics, author and images
   are found or created and its body converted, but its article is not written yet. Any other
   post (a draft, scheduled, in review, private, with a password, imported before, or a page) goes
   through :func:`.items.import_post` and Wagtail's own machinery, as it always did. A post
   that fails here is rolled back alone, reported, and the rest of the batch carries on.
3. The planned posts are written together: their articles by :mod:`dateline.news.bulk`, then
   their bookkeeping rows, redirects and comments with bulk inserts.

If step 3 fails (a database error), the whole batch is rolled back and the runner tries each
of its posts again alone, so the post that broke is reported and the others are kept.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dateline.news import bulk

from . import comments, items, posts

if TYPE_CHECKING:
    from dateline.importers.wxr import Post

    from .job import Job

# Bigger batches share more of the fixed costs (tree and slug lookups, a search-index call
# that on SQLite rescans the whole index, a commit); smaller ones hold SQLite's write lock for
# less time and lose less work to a crash. About two seconds of work each.
MAX_POSTS = 250
MAX_COMMENTS = 5000  # a batch closes early when its posts carry this many comments


def import_batch(job: Job, batch: list[Post]) -> None:
    """Import a batch of posts and pages (call inside the batch's transaction)."""
    rows = job.ledger.find_many([items.key_of(p) for p in batch])
    planned = []
    for post in batch:
        key = items.key_of(post)
        kind, name = items.kind_of(post), items.label(post)
        if key not in rows and key not in job.seen and posts.takes_bulk_path(post):
            result = job.attempt(kind, name, lambda post=post: posts.plan(job, post))
            if result is not None:
                planned.append((post, *result))
                job.seen.add(key)  # a second copy later in the export is reported as one
        else:
            job.attempt(
                kind,
                name,
                lambda post=post, key=key: items.import_post(job, post, row=rows.get(key)),
            )
    if planned:
        _write(job, planned)


def _write(job: Job, planned: list) -> None:
    articles = bulk.create_articles(
        [article for _, article, _ in planned], index=not job.options.dry_run
    )
    done = [(post, article) for (post, _, _), article in zip(planned, articles, strict=True)]
    rows = [
        items.record_created(job, post, article, note)
        for (post, _, note), article in zip(planned, articles, strict=True)
    ]
    job.redirects.for_posts(done)
    prepared = []
    for post, article in done:
        prepared += comments.prepare(job, post, article, new_article=True)
    comments.store(job, prepared)
    job.ledger.record_many(rows)
