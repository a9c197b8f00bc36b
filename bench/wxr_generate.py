"""Generate a synthetic WordPress export (WXR 1.2) of any size, and time the parser on it.

Generate::

    python bench/wxr_generate.py --posts 10000 --comments-per-post 10 --out /tmp/big.xml

Measure (run from the repository root, one file per process so peak RSS is the file's own)::

    python bench/wxr_generate.py --measure /tmp/big.xml

The file is written as it is generated, so making a multi-gigabyte export needs no memory.
Content is deterministic for a given size (seeded), threaded (every third comment replies to
the one before), and mixes approved, pending and spam comments as real exports do.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
import tracemalloc
from datetime import UTC, datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

HEADER = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
\txmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
\txmlns:content="http://purl.org/rss/1.0/modules/content/"
\txmlns:wfw="http://wellformedweb.org/CommentAPI/"
\txmlns:dc="http://purl.org/dc/elements/1.1/"
\txmlns:wp="http://wordpress.org/export/1.2/"
>
<channel>
\t<title>Synthetic Gazette</title>
\t<link>https://synthetic.example</link>
\t<description>Generated for benchmarks</description>
\t<pubDate>Mon, 01 Jan 2024 00:00:00 +0000</pubDate>
\t<language>en</language>
\t<wp:wxr_version>1.2</wp:wxr_version>
\t<wp:base_site_url>https://synthetic.example</wp:base_site_url>
\t<wp:base_blog_url>https://synthetic.example</wp:base_blog_url>
"""
WORDS = [
    *("harbour", "council", "ferry", "storm", "budget", "school", "election", "river"),
    *("market", "bridge", "police", "festival", "hospital", "railway", "library", "museum"),
    *("strike", "weather", "tide", "mayor", "court", "farm", "factory", "port"),
]
APPROVED = ["1"] * 8 + ["0", "spam"]


def _words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def _comment(rng: random.Random, comment_id: int, parent: int, when: datetime) -> str:
    stamp = when.strftime("%Y-%m-%d %H:%M:%S")
    return f"""\t\t<wp:comment>
\t\t\t<wp:comment_id>{comment_id}</wp:comment_id>
\t\t\t<wp:comment_author><![CDATA[Reader {comment_id % 997}]]></wp:comment_author>
\t\t\t<wp:comment_author_email>reader{comment_id % 997}@example.org</wp:comment_author_email>
\t\t\t<wp:comment_author_url>https://reader{comment_id % 997}.example</wp:comment_author_url>
\t\t\t<wp:comment_author_IP>192.0.2.{comment_id % 250}</wp:comment_author_IP>
\t\t\t<wp:comment_date>{stamp}</wp:comment_date>
\t\t\t<wp:comment_date_gmt>{stamp}</wp:comment_date_gmt>
\t\t\t<wp:comment_content><![CDATA[<p>{_words(rng, 40)}</p>]]></wp:comment_content>
\t\t\t<wp:comment_approved>{rng.choice(APPROVED)}</wp:comment_approved>
\t\t\t<wp:comment_type></wp:comment_type>
\t\t\t<wp:comment_parent>{parent}</wp:comment_parent>
\t\t\t<wp:comment_user_id>0</wp:comment_user_id>
\t\t</wp:comment>
"""


def _post(rng: random.Random, post_id: int, comments: int, next_comment: int) -> str:
    when = datetime(2010, 1, 1, tzinfo=UTC) + timedelta(hours=post_id * 7)
    stamp, title = when.strftime("%Y-%m-%d %H:%M:%S"), escape(_words(rng, 6).title())
    paragraphs = "\n".join(f"<p>{_words(rng, 60)}</p>" for _ in range(4))
    section = rng.choice(WORDS)
    thread, previous = [], 0
    for n in range(comments):
        comment_id = next_comment + n
        parent = previous if n % 3 == 2 else 0
        thread.append(_comment(rng, comment_id, parent, when + timedelta(minutes=n + 5)))
        previous = comment_id
    return f"""\t<item>
\t\t<title>{title}</title>
\t\t<link>https://synthetic.example/?p={post_id}</link>
\t\t<pubDate>{when.strftime("%a, %d %b %Y %H:%M:%S +0000")}</pubDate>
\t\t<dc:creator><![CDATA[editor{post_id % 7}]]></dc:creator>
\t\t<guid isPermaLink="false">https://synthetic.example/?p={post_id}</guid>
\t\t<description></description>
\t\t<content:encoded><![CDATA[{paragraphs}]]></content:encoded>
\t\t<excerpt:encoded><![CDATA[{_words(rng, 20)}]]></excerpt:encoded>
\t\t<wp:post_id>{post_id}</wp:post_id>
\t\t<wp:post_date>{stamp}</wp:post_date>
\t\t<wp:post_date_gmt>{stamp}</wp:post_date_gmt>
\t\t<wp:comment_status>open</wp:comment_status>
\t\t<wp:ping_status>closed</wp:ping_status>
\t\t<wp:post_name>post-{post_id}</wp:post_name>
\t\t<wp:status>publish</wp:status>
\t\t<wp:post_parent>0</wp:post_parent>
\t\t<wp:menu_order>0</wp:menu_order>
\t\t<wp:post_type>post</wp:post_type>
\t\t<wp:post_password></wp:post_password>
\t\t<wp:is_sticky>0</wp:is_sticky>
\t\t<category domain="category" nicename="{section}"><![CDATA[{section.title()}]]></category>
\t\t<wp:postmeta>
\t\t\t<wp:meta_key>_edit_last</wp:meta_key>
\t\t\t<wp:meta_value><![CDATA[1]]></wp:meta_value>
\t\t</wp:postmeta>
{"".join(thread)}\t</item>
"""


def generate(out: Path, posts: int, comments_per_post: int, seed: int = 1) -> None:
    """Write an export of ``posts`` posts with ``comments_per_post`` comments each."""
    rng = random.Random(seed)
    with out.open("w", encoding="utf-8") as stream:
        stream.write(HEADER)
        for n in range(7):
            stream.write(
                f"\t<wp:author><wp:author_id>{n + 1}</wp:author_id><wp:author_login>editor{n}"
                f"</wp:author_login><wp:author_email>editor{n}@synthetic.example"
                "</wp:author_email></wp:author>\n"
            )
        for term_id, word in enumerate(sorted(set(WORDS)), start=1):
            stream.write(
                f"\t<wp:category><wp:term_id>{term_id}</wp:term_id><wp:category_nicename>{word}"
                f"</wp:category_nicename><wp:cat_name>{word.title()}</wp:cat_name>"
                "</wp:category>\n"
            )
        for post_id in range(1, posts + 1):
            first_comment = (post_id - 1) * comments_per_post + 1
            stream.write(_post(rng, post_id, comments_per_post, first_comment))
        stream.write("</channel>\n</rss>\n")


def measure(path: Path) -> None:
    """Parse ``path`` twice: once plain for speed and peak RSS, once under tracemalloc."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from dateline.importers.wxr import Post, WXRReader

    started = time.perf_counter()
    posts = comments = records = 0
    reader = WXRReader(path)
    for record in reader:
        records += 1
        if isinstance(record, Post):
            posts += 1
            comments += len(record.comments)
    elapsed = time.perf_counter() - started
    rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    tracemalloc.start()
    for _ in WXRReader(path):
        pass
    traced_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    size_mib = path.stat().st_size / 2**20
    print(
        f"{path.name}: {size_mib:.0f} MiB, {records} records ({posts} posts, {comments} comments),"
        f" {len(reader.problems)} problems\n"
        f"  {elapsed:.1f} s: {posts / elapsed:,.0f} posts/s, {(posts + comments) / elapsed:,.0f}"
        f" posts+comments/s, {size_mib / elapsed:.1f} MiB/s\n"
        f"  peak RSS {rss_mib:.0f} MiB (whole process); tracemalloc peak"
        f" {traced_peak / 2**20:.2f} MiB"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--comments-per-post", type=int, default=10)
    parser.add_argument("--out", type=Path, help="where to write the export")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--measure", type=Path, metavar="FILE", help="parse FILE and report")
    args = parser.parse_args(argv)
    if args.measure:
        measure(args.measure)
    elif args.out:
        generate(args.out, args.posts, args.comments_per_post, args.seed)
    else:
        parser.error("give --out to generate, or --measure FILE to time the parser")


if __name__ == "__main__":
    main()
