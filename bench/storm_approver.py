# Run by bench/storm.py through `dateline shell -c`: from STORM_START (a Unix time) for
# STORM_SECONDS, approve a new reply on the bench article STORM_RATE times a second (each a pending
# comment, then a moderator's approval, which purges the article), while a fresh reader (no
# cookies) reads the article every 10 ms and notes when each approved reply first shows. Prints
# one JSON line: approvals, how many never showed, and the delays from approval to first sight.
import json
import os
import threading
import time
import urllib.request

from dateline.discussion import services as discussion
from dateline.discussion.models import Comment
from dateline.news.queries import public_articles

article = public_articles().order_by("-first_published_at").first()
root = (
    Comment.objects.filter(page=article, depth=1, status="approved").order_by("created_at").first()
)
url = os.environ["STORM_URL"] + article.url
start, seconds = float(os.environ["STORM_START"]), float(os.environ["STORM_SECONDS"])
interval = 1 / float(os.environ.get("STORM_RATE", "20"))
approved_at: dict[str, float] = {}
seen_at: dict[str, float] = {}
done = threading.Event()


def fresh_reader():
    while not done.is_set():
        try:
            page = urllib.request.urlopen(url, timeout=5).read().decode()  # noqa: S310 - loopback
        except OSError:
            continue
        now = time.time()
        for marker in list(approved_at):
            if marker not in seen_at and marker in page:
                seen_at[marker] = now
        time.sleep(0.01)


time.sleep(max(0, start - time.time()))
reader = threading.Thread(target=fresh_reader, daemon=True)
reader.start()
n = 0
while time.time() < start + seconds:
    due = start + n * interval
    time.sleep(max(0, due - time.time()))
    marker = f"storm-reply-{n}-x"
    comment = discussion.create_comment(
        article,
        text=f"Live update {marker}",
        name=f"Storm {n}",
        email=f"storm{n}@example.org",
        parent=root,
        status="pending",
    )
    approved_at[marker] = time.time()
    discussion.moderate(comment, "approve", send_mail=False)
    n += 1
deadline = time.time() + 5
while len(seen_at) < len(approved_at) and time.time() < deadline:
    time.sleep(0.05)
done.set()
delays = sorted(seen_at[m] - approved_at[m] for m in seen_at)
print(
    json.dumps(
        {
            "approvals": len(approved_at),
            "unseen": len(approved_at) - len(seen_at),
            "delay_max_s": round(delays[-1], 3) if delays else None,
            "delay_p50_s": round(delays[len(delays) // 2], 3) if delays else None,
            "approved_per_s": round(len(approved_at) / seconds, 1),
        }
    )
)
