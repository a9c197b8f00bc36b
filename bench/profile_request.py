"""Profile one kind of request in-process, for finding where a page's or a POST's time goes.

    DATELINE_DATA_DIR=... DJANGO_SETTINGS_MODULE=dateline.settings.production ... \
        .venv/bin/dateline shell -c "$(cat bench/profile_request.py)"

Environment: PROFILE_PATH (a page to GET, default the bench article), PROFILE_POST=1 (post
distinct comments to that article instead), PROFILE_N (requests, default 200), PROFILE_SORT
(cProfile sort key, default cumulative). Prints the mean wall time per request and the profile.
Run against a data set built as bench/run.py builds it (seed_demo + prepare_article.py).
"""

import cProfile
import os
import pstats
import re
import time

from django.test import Client

from dateline.news.queries import public_articles

n = int(os.environ.get("PROFILE_N", "200"))
path = os.environ.get("PROFILE_PATH") or public_articles().order_by("-first_published_at")[0].url
client = Client(HTTP_HOST="127.0.0.1")
html = client.get(path).content.decode()
posting = os.environ.get("PROFILE_POST") == "1"
if posting:
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    page_id = re.search(r'name="page" value="(\d+)"', html).group(1)
    time.sleep(3.2)  # the form token must be at least 3 seconds old


def one(i):
    if not posting:
        return client.get(path)
    return client.post(
        "/discussion/post/",
        {
            "page": page_id,
            "token": token,
            "parent": "",
            "homepage": "",
            "url": "",
            "author": f"Profile reader {i}",
            "email": f"profile{i}-{time.time_ns()}@example.org",
            "comment": f"Profiling comment number {i} on the story.",
        },
        HTTP_ORIGIN="http://127.0.0.1",
    )


print("status", one(0).status_code)
profiler = cProfile.Profile()
start = time.perf_counter()
profiler.enable()
for i in range(1, n + 1):
    one(i)
profiler.disable()
print(f"{(time.perf_counter() - start) / n * 1000:.2f} ms per request (with profiler)")
pstats.Stats(profiler).sort_stats(os.environ.get("PROFILE_SORT", "cumulative")).print_stats(45)
