"""The labelled YouTube spam files replayed through the real comment pipeline, each unseen.

    PYTHONPATH=$PWD .venv/bin/python bench/spam_pipeline.py   # --corpus ../shared/corpora/spam

For each YouTube file: a model trained without it and hold/spam-folder scores chosen without it
(exactly as training.cross_source does), made the active model of a throwaway SQLite database
(a temporary DATELINE_DATA_DIR, dev settings, no Redis); then every comment of the file is posted,
in DATE order, to one fresh article through services.post_comment (no form token, as a trusted
caller), with the CSV's AUTHOR as the name, a stable made-up email per author and a distinct
documentation IP per author. Site settings are the defaults except the fold's two scores and
the rate limits (flood_interval_seconds, max_per_minute, max_per_hour = 0): the replay posts
hundreds of comments a minute, which real limits would refuse. Comments are posted at the
current time (not the CSV's dates).

"Kept from publication" = stored as PENDING or SPAM, or refused (REJECT/LIMIT, counted apart).
Printed per file: F1 of kept against the labels, genuine held %, spam published %, genuine
refused, how many comments each check held (hold or spam verdict; "only" = it alone), and
which checks held the genuine ones.
"model alone" is the same F1 with the fold's model alone (score >= hold), as cross_source.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import ipaddress
import os
import sys
import tempfile
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def address(n: int) -> str:
    """The n-th distinct documentation address: 3 x 254 IPv4 ones, then IPv6 /64s."""
    nets = ("192.0.2.", "198.51.100.", "203.0.113.")
    if n < 3 * 254:
        return f"{nets[n // 254]}{n % 254 + 1}"
    return str(ipaddress.IPv6Address(f"2001:db8:{n:x}::1"))


def email_for(author: str) -> str:
    from django.utils.text import slugify

    digest = hashlib.sha256(author.encode()).hexdigest()[:6]  # two authors, one slug: apart
    return f"{(slugify(author) or 'reader')[:40]}-{digest}@example.org"


def f1(kept: list[bool], spam: list[bool]) -> float:
    tp = sum(k and s for k, s in zip(kept, spam, strict=True))
    precision, recall = tp / max(sum(kept), 1), tp / max(sum(spam), 1)
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def setup_django(data_dir: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "dateline.settings.dev"
    os.environ["DATELINE_DATA_DIR"] = data_dir
    for name in ("REDIS_URL", "DATABASE_URL"):  # the throwaway SQLite database, nothing shared
        os.environ.pop(name, None)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def make_active(model, thresholds) -> None:
    from wagtail.models import Site

    from dateline.discussion.models import Comment, DiscussionSettings, SpamModelVersion
    from dateline.discussion.spamfilter import active

    Comment.objects.all().delete()  # each file starts from an empty discussion
    SpamModelVersion.objects.all().delete()
    SpamModelVersion.objects.create(data=model.to_bytes(), accepted=True, summary="bench")
    rules = DiscussionSettings.for_site(Site.objects.get(is_default_site=True))
    rules.spam_hold_from, rules.spam_folder_from = thresholds.hold_from, thresholds.spam_from
    rules.flood_interval_seconds = rules.max_per_minute = rules.max_per_hour = 0
    rules.save()
    active.model_changed()
    probe = "check out my channel"
    assert active.active_model().score(probe).probability == model.score(probe).probability


def replay(path: Path, model, thresholds, news) -> None:
    from wagtail.models import Page

    from dateline.discussion import services
    from dateline.discussion.services.posting import CommentRejected

    with path.open(encoding="utf-8", newline="") as handle:
        rows = sorted(csv.DictReader(handle), key=lambda r: r["DATE"])
    spam = [r["CLASS"].strip() == "1" for r in rows]
    make_active(model, thresholds)
    article = news.create_article(
        news.create_section(path.stem),
        title=f"Replay of {path.stem}",
        standfirst="Labelled comments, replayed.",
        bylines=[(news.create_author(f"Bench {path.stem}"), "reporting")],
        body=[("paragraph", "<p>A story to comment on.</p>")],
    )
    ips: dict[str, str] = {}
    outcomes, held_by, only_by, genuine_by = [], Counter(), Counter(), Counter()
    for row, is_spam in zip(rows, spam, strict=True):
        ip = ips.setdefault(row["AUTHOR"], address(len(ips)))
        page = Page.objects.get(pk=article.pk).specific  # a fresh page per post, as a request
        try:
            comment = services.post_comment(
                page,
                text=row["CONTENT"],
                name=row["AUTHOR"],
                email=email_for(row["AUTHOR"]),
                ip=ip,
            ).comment
        except CommentRejected as refused:
            outcomes.append("LIMIT" if refused.status == 429 else "REJECT")
            continue
        outcomes.append(comment.status.upper())
        checks = {r["check"] for r in comment.reasons if r["action"] in ("hold", "spam")}
        held_by.update(checks)
        if len(checks) == 1:
            only_by.update(checks)
        if not is_spam:
            genuine_by.update(checks)
    kept = [o != "APPROVED" for o in outcomes]
    genuine = [o for o, s in zip(outcomes, spam, strict=True) if not s]
    spam_out = [o for o, s in zip(outcomes, spam, strict=True) if s]
    alone = [p >= thresholds.hold_from for p in model.probabilities([r["CONTENT"] for r in rows])]
    print(
        f"{path.stem:<22} {len(rows)} comments, {sum(spam)} spam  "
        f"(hold {thresholds.hold_from}, spam folder {thresholds.spam_from})\n"
        f"  pipeline     F1 {f1(kept, spam):.3f}  genuine held "
        f"{sum(o != 'APPROVED' for o in genuine) / len(genuine):6.2%}  spam published "
        f"{spam_out.count('APPROVED') / len(spam_out):6.2%}  genuine refused "
        f"{sum(o in ('REJECT', 'LIMIT') for o in genuine)}\n"
        f"  model alone  F1 {f1(alone, spam):.3f}\n"
        f"  outcomes     {dict(Counter(outcomes))}; genuine {dict(Counter(genuine))}\n"
        f"  held by      "
        + ", ".join(f"{c} {n} (only {only_by[c]})" for c, n in held_by.most_common())
        + f"\n  genuine held by {dict(genuine_by)}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared/corpora/spam")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    with tempfile.TemporaryDirectory(prefix="dateline-spam-pipeline-") as data_dir:
        setup_django(data_dir)
        from dateline.discussion.spamfilter import corpus, training
        from dateline.news import services as news

        news.ensure_site_tree()
        sources = corpus.read_collection(args.corpus)
        for name, train, _test in training.folds(sources):
            if name not in sources or not name.startswith("Youtube"):
                continue  # the SMS split is no comment thread
            thresholds = training.choose_thresholds(
                *training.out_of_fold(training._inner_sources(sources, name), salt="inner")
            )
            model = training.fit(train)
            replay(args.corpus / "youtube" / f"{name}.csv", model, thresholds, news)


if __name__ == "__main__":
    main()
