# Run by bench/run.py through `dateline shell -c`: give the newest article exactly
# BENCH_COMMENTS approved comments in threads, lift the comment rate limits for the POST
# benchmark (site settings, in this throwaway database only), and print the article's path.
import os
import random
from datetime import timedelta

from django.utils import timezone

from dateline.news.queries import public_articles

article = public_articles().order_by("-first_published_at").first()
try:
    from dateline.discussion.models import Comment
    from dateline.discussion.services.posting import create_comment
except ImportError:
    Comment = None
if Comment is not None:
    Comment.objects.filter(page=article).delete()
    rng = random.Random(7)
    made = []
    start = timezone.now() - timedelta(hours=6)
    for i in range(int(os.environ.get("BENCH_COMMENTS", "50"))):
        parent = rng.choice(made) if made and rng.random() < 0.4 else None
        made.append(
            create_comment(
                article,
                text=f"Reader comment {i}: " + "A considered view on the story. " * 6,
                name=f"Reader {i}",
                email=f"reader{i}@example.org",
                parent=parent,
                status="approved",
                created_at=start + timedelta(minutes=i),
            )
        )
    from dateline.discussion.models import DiscussionSettings

    rules = DiscussionSettings.for_site(article.get_site())
    rules.flood_interval_seconds = 0
    rules.max_per_minute = rules.max_per_hour = 0  # 0: no limit
    rules.save()
print(article.url)
