# Run by bench/cluster.py through `dateline shell -c` inside the first server's network
# namespace: reads one word a line on stdin (publish, correct, approve, kill), makes that change
# through the services an editor's or moderator's screen calls (purges after commit, as in the
# admin), and answers each with one JSON line: the addresses to read and the text that must (or
# must no longer) show there, or the status they must answer.
import json
import sys
import uuid

from dateline.discussion import services as discussion
from dateline.discussion.models import Comment
from dateline.news import services as news
from dateline.news.models import AuthorPage, SectionPage
from dateline.news.queries import public_articles

hot = public_articles().order_by("-first_published_at").first()
section = SectionPage.objects.live().first()
author = AuthorPage.objects.live().first()
root = Comment.objects.filter(page=hot, depth=1, status="approved").order_by("created_at").first()
published = None
print(json.dumps({"ready": hot.url}), flush=True)
for line in sys.stdin:
    step, marker = line.strip(), f"cluster-{uuid.uuid4().hex[:10]}"
    if step == "publish":
        published = news.create_article(
            section,
            title=f"Breaking {marker}",
            standfirst="Filed on one server, read through every server.",
            bylines=[(author, "")],
            body=[("paragraph", f"<p>First lines {marker}.</p>")],
        )
        answer = {"shows": marker, "paths": ["/", section.url, published.url]}
    elif step == "correct":
        news.add_correction(hot, kind="correction", text=f"An earlier version erred {marker}.")
        answer = {"shows": marker, "paths": [hot.url]}
    elif step == "approve":
        comment = discussion.create_comment(
            hot,
            text=f"A reader's view {marker}",
            name="Cluster reader",
            email="cluster@example.org",
            parent=root,
            status="pending",
        )
        discussion.moderate(comment, "approve", send_mail=False)
        answer = {"shows": marker, "paths": [hot.url]}
    elif step == "kill":
        title = published.title.split()[-1]
        news.kill_article(published, reason="Legal: cluster drill")
        answer = {"gone": published.url, "hides": title, "paths": ["/", section.url]}
    else:
        answer = {"error": f"unknown step {step!r}"}
    print(json.dumps({"step": step, **answer}), flush=True)
