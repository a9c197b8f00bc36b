"""Discussions for the demo newsroom, posted and moderated through the real services.

Every comment goes through `post_comment` (the whole check pipeline, minus the form token) and
every decision through `moderate`, so a newcomer sees real reasons and audit trails: every
comment scored by the learned spam filter (genuine ones published, doubtful ones waiting with
their score), link spam sent to the spam folder, recent comments still waiting, a few reader
reports.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone
from django.utils.text import slugify

from dateline.discussion import checks, services
from dateline.discussion.models import Comment
from dateline.discussion.rules import rules_for

MODERATOR = "Demo moderator"
USER_AGENT = "Mozilla/5.0 (demo reader)"

_FIRST = ["Amara", "Ben", "Chloé", "Dmitri", "Elif", "Farid", "Grace", "Hiro", "Ines", "Jonas",
          "Kwame", "Lena", "Mateo", "Nadia", "Olu", "Priya", "Quentin", "Rosa", "Sami", "Tomás",
          "Uma", "Viktor", "Wen", "Yara", "Zoltan"]  # fmt: skip
_LAST = ["Okafor", "Lindqvist", "Moreau", "Ivanov", "Kaya", "Haddad", "Mensah", "Tanaka",
         "Silva", "Becker", "Asante", "Novak", "Ruiz", "Karimi", "Adeyemi"]  # fmt: skip
_OPENERS = ["Thank you for this report.", "Interesting piece.", "I live nearby, and",
            "As someone who works in this field,", "Good reporting, but", "I disagree:",
            "Finally someone covers this.", "A question for the reporter:",
            "This matches what I saw last week.", "Careful here:"]  # fmt: skip
_MIDDLES = ["the numbers in the third paragraph deserve more context",
            "nobody mentions what happens to the people affected",
            "the timeline seems too optimistic to me",
            "the officials quoted have said the opposite before",
            "local groups have been warning about this for years",
            "it would help to see the full report linked",
            "the comparison with last year is not quite fair",
            "this is going to matter a lot more than people think",
            "I wonder who pays for it in the end",
            "the photographs tell the story better than any statement"]  # fmt: skip
_CLOSERS = ["", "", " Looking forward to the follow-up.", " Keep at it.",
            " Would love an update in a month.", " Sources: my own eyes.",
            "\n\nMore at https://example.org/background if anyone is interested."]  # fmt: skip
_REPLIES = ["Good point, though", "I had the same thought, and", "Not sure about that:",
            "Agreed.", "Exactly this.", "Do you have a source for that? Because"]  # fmt: skip
_SPAM = [
    "Earn 5000 a week from home!!! https://fast-money.example/ https://fast-money.example/join",
    "Cheap watches and more https://replica.example/ and https://replica.example/sale",
    "Best casino bonus today https://casino.example/bonus https://casino.example/",
]


@dataclass
class Persona:
    name: str
    email: str
    website: str
    ip: str
    browser: list[int] = field(default_factory=list)  # what their signed cookie would list


def personas(rng, count: int = 40) -> list[Persona]:
    people = []
    for n in range(count):
        first, last = rng.choice(_FIRST), rng.choice(_LAST)
        ip = f"2001:db8:{n:x}::7" if n % 5 == 0 else f"{rng.choice([192, 198, 203])}.0.2.{n + 10}"
        website = f"https://{last.lower()}{n}.example/" if n % 4 == 0 else ""
        email = f"{slugify(first)}.{slugify(last)}{n}@example.org"
        people.append(Persona(f"{first} {last}", email, website, ip))
    return people


def comment_text(rng, reply: bool = False) -> str:
    opener = rng.choice(_REPLIES if reply else _OPENERS)
    middle = rng.choice(_MIDDLES)
    if opener.endswith((".", "?", "!")):  # a new sentence starts with a capital
        middle = middle[0].upper() + middle[1:]
    return f"{opener} {middle}.{rng.choice(_CLOSERS)}"


def _times(rng, article, size: int, now):
    """When the comments came: in the last twelve days of the discussion, which for a story
    whose discussion has closed with age means the days before it closed."""
    closing = checks.closes_at(article, rules_for(article))
    end = min(now, closing) if closing is not None else now
    start = max(article.first_published_at or end - timedelta(days=3), end - timedelta(days=12))
    span = max((end - start).total_seconds() - 600, 600)
    # Comments come at least two minutes apart, so the flood rules let each one through.
    seconds = sorted(rng.uniform(0, span) for _ in range(size))
    for n in range(1, len(seconds)):
        seconds[n] = max(seconds[n], seconds[n - 1] + 120)
    return [start + timedelta(seconds=s) for s in seconds]


def seed_thread(article, rng, size: int, people: list[Persona], now=None) -> int:
    """Post `size` comments on one article, with replies, moderation and a few reports."""
    now = now or timezone.now()
    published: list[Comment] = []
    created = 0
    for when in _times(rng, article, size, now):
        person = rng.choice(people)
        spam = rng.random() < 0.06
        parent = None
        if published and not spam and rng.random() < 0.6:
            parent = rng.choice(published[-40:])
        try:
            result = services.post_comment(
                article,
                text=rng.choice(_SPAM) if spam else comment_text(rng, reply=bool(parent)),
                name=person.name,
                email=person.email,
                website=person.website,
                parent_id=parent.pk if parent else None,
                ip=person.ip,
                user_agent=USER_AGENT,
                form_token=None,
                own_comment_ids=person.browser,
                send_mail=False,
                now=when,
            )
        except services.CommentRejected:
            continue  # a duplicate or a rate limit, as a real reader would meet
        comment = result.comment
        created += 1
        person.browser.append(comment.pk)
        decided = when + timedelta(minutes=rng.randint(5, 90))
        if spam:
            services.moderate(comment, "spam", actor=MODERATOR, send_mail=False, now=decided)
        elif (
            comment.status == Comment.Status.PENDING
            and decided < now - timedelta(hours=3)
            and rng.random() > 0.05  # a few wait for a moderator, as in any real queue
        ):
            services.moderate(comment, "approve", actor=MODERATOR, send_mail=False, now=decided)
        comment.refresh_from_db(fields=["status"])
        if comment.status == Comment.Status.APPROVED:
            published.append(comment)
            if rng.random() < 0.03:
                services.report_comment(comment, reporter_ip="192.0.2.250", reason="Off topic")
    return created + _newcomers_waiting(article, rng, now)


def _newcomers_waiting(article, rng, now, count: int = 4) -> int:
    """First-time commenters of the last hour, as the rules take them: published when the spam
    filter is confident they are genuine, else waiting (or held whatever the score, when the
    site keeps first comments held)."""
    held = 0
    for n in range(count):
        person = Persona(
            f"New Reader {n + 1}", f"new.reader{n + 1}@example.org", "", f"198.51.100.{n + 20}"
        )
        try:
            services.post_comment(
                article,
                text=comment_text(rng),
                name=person.name,
                email=person.email,
                website="",
                parent_id=None,
                ip=person.ip,
                user_agent=USER_AGENT,
                form_token=None,
                own_comment_ids=[],
                send_mail=False,
                now=now - timedelta(minutes=50 - 10 * n),
            )
            held += 1
        except services.CommentRejected:
            continue
    return held


def seed_discussions(articles, rng, *, big_thread: int = 220, now=None) -> int:
    """Give the demo's articles discussions; returns how many comments were posted.

    The first article gets a long threaded discussion (`big_thread` comments, several pages,
    replies to depth 5, some pending and some spam); the others get a handful or none.
    `rng` is a random.Random, so the same seed builds the same discussions.
    """
    articles = list(articles)
    if not articles:
        return 0
    now = now or timezone.now()
    people = personas(rng)
    total = seed_thread(articles[0], rng, big_thread, people, now)
    for article in articles[1:]:
        total += seed_thread(article, rng, rng.choice([0, 0, 1, 2, 3, 5, 8, 12]), people, now)
    return total
