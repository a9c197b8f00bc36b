"""Scale benchmark: does a page's cost grow with the archive, or with its own thread?

    .venv/bin/python bench/scale.py [--sizes 1000,100000] [--comments-per-article 10]
                                    [--threads 10,100,1000] [--repeat 15]

For each archive size it builds a data set with the demo generator (`seed_demo --articles N`) in
a temporary folder, gives every article of it the same number of approved comments (10 by
default: 1,000,000 comments on 100,000 articles, written in bulk from a pool of 5,000 readers),
then renders pages in-process with the page cache off and reports the median time and the query
count of each: an article, the front page, a section, a topic and an author page. Then it
renders one article with threads of 10, 100 and 1,000 approved comments.
Results: a table on stdout and JSON in bench/results/scale.json.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATELINE = str(Path(sys.executable).with_name("dateline"))

MEASURE = r"""
import json, statistics, time
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from dateline.news.models import ArticlePage, AuthorPage, SectionPage, TopicPage
from dateline.news.queries import public_articles

settings.DATELINE_PAGE_CACHE = False
client = Client(HTTP_HOST="127.0.0.1")
REPEAT = int("REPEAT_N")


def measure(url):
    client.get(url)  # warm
    times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return {"median_ms": round(statistics.median(times), 1), "queries": len(ctx)}


newest = public_articles().order_by("-first_published_at").first()
# Like for like: the middle one of the articles that have a lead image, as the newest has (one
# without is a query and a figure lighter, which made the two archive sizes look apart).
illustrated = public_articles().filter(lead_image__isnull=False).order_by("first_published_at")
mid = illustrated[illustrated.count() // 2]
urls = {
    "article (newest)": newest.url,
    "article (middle of archive)": mid.url,
    "front page": "/",
    "section": SectionPage.objects.live().first().url,
    "topic": TopicPage.objects.live().first().url,
    "author": AuthorPage.objects.live().first().url,
}
results = {name: measure(url) for name, url in urls.items()}
results["articles"] = public_articles().count()
print("RESULT " + json.dumps(results))
"""

COMMENTS = r"""
import random, time
from datetime import timedelta
from django.db import transaction
from dateline.discussion.models import Comment
from dateline.news.queries import public_articles

PER = int("PER_ARTICLE")
rng = random.Random(11)
readers = []
for i in range(5000):  # readers comment again and again: encrypt each address once
    holder = Comment()
    holder.set_email(f"reader{i}@example.org")
    readers.append((f"Reader {i}", holder.email_encrypted, holder.email_index))
articles = list(public_articles().values_list("pk", "first_published_at"))
made, started = 0, time.monotonic()
for start in range(0, len(articles), 2000):
    rows = []
    for pk, published in articles[start : start + 2000]:
        for n in range(PER):
            name, encrypted, index = rng.choice(readers)
            rows.append(Comment(
                page_id=pk, depth=1, status=Comment.Status.APPROVED, name=name,
                email_encrypted=encrypted, email_index=index,
                text=f"Comment {n} on this story. " + "Considered words. " * 6,
                created_at=published + timedelta(minutes=5 + n), source="scale",
            ))
    with transaction.atomic():
        Comment.objects.bulk_create(rows, batch_size=500)
    made += len(rows)
    print(f"  {made:,} comments ({made / (time.monotonic() - started):,.0f}/s)", flush=True)
print("RESULT " + '{"comments": %d}' % Comment.objects.count())
"""

THREAD = r"""
import json, random, statistics, time
from datetime import timedelta
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from dateline.discussion.models import Comment
from dateline.discussion.services.posting import create_comment
from dateline.news.queries import public_articles

settings.DATELINE_PAGE_CACHE = False
client = Client(HTTP_HOST="127.0.0.1")
article = public_articles().order_by("-first_published_at")[3]
out = {}
rng = random.Random(3)
for size in SIZES:
    Comment.objects.filter(page=article).delete()
    made = []
    start = timezone.now() - timedelta(days=1)
    for i in range(size):
        parent = rng.choice(made[-50:]) if made and rng.random() < 0.4 else None
        made.append(create_comment(article, text=f"Comment {i}. " + "Considered words. " * 8,
                                   name=f"Reader {i}", email=f"r{i}@example.org",
                                   parent=parent, created_at=start + timedelta(seconds=i)))
    url = article.url
    client.get(url)
    times = []
    for _ in range(5):
        t = time.perf_counter(); client.get(url); times.append((time.perf_counter() - t) * 1000)
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    out[size] = {"median_ms": round(statistics.median(times), 1), "queries": len(ctx)}
print("RESULT " + json.dumps(out))
"""


def run_shell(env, code: str) -> dict:
    result = subprocess.run(
        [DATELINE, "shell", "-c", code], env=env, capture_output=True, text=True, check=False
    )
    lines = [ln for ln in result.stdout.splitlines() if ln.startswith("RESULT ")]
    if result.returncode or not lines:
        sys.exit(f"measurement failed:\n{result.stderr[-3000:]}")
    return json.loads(lines[-1][7:])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Dateline scale benchmark")
    parser.add_argument("--sizes", default="1000,100000")
    parser.add_argument("--comments-per-article", type=int, default=10)
    parser.add_argument("--threads", default="10,100,1000")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--reuse", help="measure an existing data folder instead of building one")
    args = parser.parse_args(argv)
    report: dict = {"archives": {}, "threads": {}}
    env = None
    for size in [int(s) for s in args.sizes.split(",")]:
        data = (
            Path(args.reuse)
            if args.reuse
            else Path(tempfile.mkdtemp(prefix=f"dateline-scale-{size}-"))
        )
        env = {
            **os.environ,
            "DATELINE_DATA_DIR": str(data),
            "DATELINE_PAGE_CACHE": "0",
            "DJANGO_SETTINGS_MODULE": "dateline.settings.dev",
        }
        env.pop(
            "DATABASE_URL", None
        ) if "DATELINE_SCALE_USE_DATABASE_URL" not in os.environ else None
        print(f"Building {size:,} articles in {data} ...", flush=True)
        subprocess.run([DATELINE, "migrate", "--no-input", "-v", "0"], env=env, check=True)
        subprocess.run(
            [DATELINE, "seed_demo", "--articles", str(size), "--no-index"],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        if args.comments_per_article and not args.reuse:
            comments = COMMENTS.replace("PER_ARTICLE", str(args.comments_per_article))
            total = run_shell(env, comments)["comments"]
            subprocess.run([DATELINE, "optimize_database"], env=env, check=True)
            print(f"  {total:,} comments in the archive", flush=True)
        print(f"Measuring {size:,} articles in {data}", flush=True)
        report["archives"][size] = run_shell(env, MEASURE.replace("REPEAT_N", str(args.repeat)))
        if args.comments_per_article and not args.reuse:
            report["archives"][size]["comments"] = total
        for name, figures in report["archives"][size].items():
            if isinstance(figures, dict):
                print(
                    f"  {name:<30} {figures['median_ms']:>8.1f} ms  {figures['queries']:>3} queries"
                )
    sizes = [int(s) for s in args.threads.split(",")]
    print("Threads (on the last archive):", flush=True)
    report["threads"] = run_shell(env, THREAD.replace("SIZES", repr(sizes)))
    for size, figures in report["threads"].items():
        print(
            f"  {size:>5} comments  {figures['median_ms']:>8.1f} ms"
            f"  {figures['queries']:>3} queries"
        )
    out = HERE / "results" / "scale.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, indent=2))
    print(f"JSON: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
