# Run by bench/run.py through `dateline shell -c`: give the newest article exactly COMMENTS
# approved comments in threads, and print its path (the last line of output).
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
    for i in range(COMMENTS):
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
print(article.url)
