"""The spam and moderation pipeline: a row of small checks, each giving a verdict and a reason.

Each check looks at one `Submission` and returns a `Verdict`. The pipeline runs them in order:
a REJECT or LIMIT stops it (nothing is stored, the reader is told why and keeps their text);
otherwise the strongest verdict decides the status (SPAM over HOLD over PASS), and every verdict
that has something to say is stored with the comment, so a moderator sees why it is where it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cached_property
from urllib.parse import parse_qsl, urlsplit

from django.conf import settings

from dateline.discussion import netaddr, ratelimit, rendering, tokens

PASS = "pass"  # noqa: S105 - a verdict, not a password
HOLD = "hold"
SPAM = "spam"
LIMIT = "limit"
REJECT = "reject"
_STRENGTH = {PASS: 0, HOLD: 1, SPAM: 2, LIMIT: 3, REJECT: 4}


@dataclass(frozen=True)
class Verdict:
    action: str
    reason: str = ""
    check: str = ""
    retry_after: int = 0
    field: str = ""  # the form field a REJECT is about ('' for the whole form)

    def as_record(self) -> dict:
        return {"check": self.check, "action": self.action, "reason": self.reason}


# What the double-submit and duplicate checks read of a commenter's earlier comments.
EARLIER_FIELDS = (
    "pk",
    "page_id",
    "parent_id",
    "dedupe_key",
    "created_at",
    "ip_group",
    "user_agent",
)


@dataclass
class Submission:
    """Everything the checks may look at; built by the service from the form and request."""

    page: object
    rules: object
    text: str
    name: str
    email: str
    email_index: str
    website: str = ""
    parent: object = None
    ip: str | None = None
    user_agent: str = ""
    form_token: str | None = None
    writing_age: float | None = None  # seconds since the browser's writing stamp, if any
    honeypot: str = ""
    own_comment_ids: list[int] = field(default_factory=list)
    email_verified: bool = False
    now: datetime | None = None
    spam_score: float | None = None  # set by the learned spam filter, stored on the comment

    @property
    def ip_group(self) -> str:
        return netaddr.rate_group(self.ip)

    @cached_property
    def earlier_copies(self) -> list:
        """This commenter's earlier comments with the same text, as rows of EARLIER_FIELDS.

        The double-submit check (services/posting.py) and the duplicate check both ask; one
        query answers. Looked up by the commenter's address and text alone, then matched in
        Python: filtered by page as well, SQLite took the page's index and read every comment
        of a busy article on each post."""
        from dateline.discussion.models import Comment

        earlier = Comment.objects.by_commenter(self.email_index).filter(text=self.text)
        return list(earlier.values_list(*EARLIER_FIELDS, named=True))

    @cached_property
    def has_approved_history(self) -> bool:
        """Whether this address has an approved comment; two checks ask, one query answers."""
        from dateline.discussion.models import Comment

        return Comment.objects.by_commenter(self.email_index).approved().exists()


def _contains_any(haystack: str, needles: list[str]) -> str | None:
    lowered = haystack.lower()
    for needle in needles:
        # Whole words when the entry starts and ends with a letter (no Scunthorpe problem);
        # plain substrings for entries such as 'casino.example' or '.ru/'.
        pattern = re.escape(needle)
        if needle[:1].isalnum():
            pattern = r"(?<!\w)" + pattern
        if needle[-1:].isalnum():
            pattern += r"(?!\w)"
        if re.search(pattern, lowered):
            return needle
    return None


# --- the checks ---------------------------------------------------------------------------


def closes_at(page, rules) -> datetime | None:
    """When the page's discussion closes with age (None: it does not, or is closed already).

    The site's rule (`close_after_days` after first publication) applies unless the article
    says otherwise: its `comment_policy` may keep it open whatever its age, or close it."""
    if getattr(page, "comment_policy", "default") != "default":
        return None
    days = rules.close_after_days
    published = getattr(page, "first_published_at", None)
    if not days or published is None:
        return None
    return published + timedelta(days=days)


def closed_reason(page, rules, now) -> str:
    """Why the article takes no new comments ('' when it does)."""
    if not getattr(page, "comments_enabled", True):
        return getattr(page, "comments_closed_text", "Comments are closed on this article.")
    closing = closes_at(page, rules)
    if closing is not None and now >= closing:
        return (
            f"Comments are closed: this site closes discussions {rules.close_after_days} days "
            "after a story is published."
        )
    return ""


def discussion_open(sub: Submission) -> Verdict:
    reason = closed_reason(sub.page, sub.rules, sub.now)
    return Verdict(REJECT, reason) if reason else Verdict(PASS)


def honeypot(sub: Submission) -> Verdict:
    if sub.honeypot:
        return Verdict(REJECT, "This submission looks automated (a hidden field was filled in).")
    return Verdict(PASS)


def form_token(sub: Submission) -> Verdict:
    if sub.form_token is None:  # trusted callers (importers, the demo) skip the form
        return Verdict(PASS)
    state = tokens.read_form_token(sub.form_token)
    if not state.valid or state.page_id != sub.page.pk:
        return Verdict(REJECT, "The form was not valid for this article. Please try again.")
    if state.age > settings.DATELINE_DISCUSSION_FORM_MAX_AGE:
        return Verdict(REJECT, "The form had expired. Your text is kept: please send it again.")
    # Where copies may reach readers unstamped (nginx, a CDN: their token is the render's),
    # the time writing began is the browser's writing stamp when that is later (decision
    # 0005). Elsewhere the token was stamped as the page was served (0004) and is enough: a
    # reader who types a short reply quickly after reading is not made to wait again.
    unstamped = _forms_served_unstamped()
    age = state.age
    if unstamped and sub.writing_age is not None and 0 <= sub.writing_age < age:
        age = sub.writing_age
    if age < settings.DATELINE_DISCUSSION_FORM_MIN_SECONDS:
        return Verdict(REJECT, "That was too fast. Please take a moment and send it again.")
    if unstamped and sub.writing_age is None and state.age > _UNSTAMPED_AFTER:
        return Verdict(
            HOLD,
            "The form came from a cached copy and the browser sent no sign of when writing "
            "began, so the fill-time check could not be made.",
        )
    return Verdict(PASS)


# A token this much older than the minimum fill time cannot have come from a re-stamped copy
# served just now; only then does a missing writing stamp matter.
_UNSTAMPED_AFTER = 60


def _forms_served_unstamped() -> bool:
    """Whether article pages may reach readers without Dateline re-stamping their form token:
    edge mode (nginx serves stored copies), or DATELINE_DISCUSSION_CACHED_FORMS for a CDN."""
    explicit = getattr(settings, "DATELINE_DISCUSSION_CACHED_FORMS", None)
    return bool(settings.DATELINE_EDGE_ROOT) if explicit is None else bool(explicit)


def flood_control(sub: Submission) -> Verdict:
    wait = ratelimit.retry_after(
        sub.rules, ip_group=sub.ip_group, email_index=sub.email_index, now=sub.now
    )
    if wait:
        return Verdict(
            LIMIT,
            f"You are commenting too quickly. Please wait {wait} seconds and send it again.",
            retry_after=wait,
        )
    return Verdict(PASS)


def duplicate(sub: Submission) -> Verdict:
    parent_id = sub.parent.pk if sub.parent is not None else None
    if any((row.page_id, row.parent_id) == (sub.page.pk, parent_id) for row in sub.earlier_copies):
        return Verdict(
            REJECT,
            "Duplicate comment: it looks as though you have already said that.",
            field="text",
        )
    return Verdict(PASS)


def blocked_ip(sub: Submission) -> Verdict:
    if sub.ip and netaddr.in_networks(sub.ip, sub.rules.blocked_networks):
        return Verdict(SPAM, "The address is in a blocked range.")
    return Verdict(PASS)


def blocked_email(sub: Submission) -> Verdict:
    email = sub.email.lower()
    for entry in sub.rules.blocked_email_list:
        if email == entry or (entry.startswith("@") and email.endswith(entry)):
            return Verdict(SPAM, "The email address or its domain is blocked.")
    return Verdict(PASS)


def blocked_words(sub: Submission) -> Verdict:
    haystack = "\n".join([sub.text, sub.name, sub.website, sub.email])
    word = _contains_any(haystack, sub.rules.blocked_word_list)
    if word:
        return Verdict(SPAM, f"Contains the blocked word or phrase {word!r}.")
    return Verdict(PASS)


# Query parameters that pick a moment of a video, not another page: the minute a reader
# points at ("...watch?v=...&t=3m40s").
_MOMENT_PARAMETERS = frozenset({"t", "start", "time_continue"})


def destinations(urls: list[str]) -> set[tuple]:
    """The distinct places a comment's links lead to.

    A link pasted as an anchor whose text is its own address (``<a href="X">X</a>``, as copied
    from another site) or repeated is one place, and so are two moments of one video; WordPress
    counts each occurrence, which held a reader citing one video's 3:40 and 4:11 as "2 links"."""
    found = set()
    for url in urls:
        try:
            parts = urlsplit(url if "://" in url else f"http://{url}")
            host = (parts.hostname or "").removeprefix("www.")
        except ValueError:  # "http://[oops": not an address a parser accepts, still a link
            found.add((url, "", ()))
            continue
        query = parse_qsl(parts.query.replace("&amp;", "&"), keep_blank_values=True)
        kept = tuple(sorted(pair for pair in query if pair[0] not in _MOMENT_PARAMETERS))
        found.add((host, parts.path.rstrip("/"), kept))
    return found


def link_count(sub: Submission) -> Verdict:
    threshold = sub.rules.link_threshold
    if not threshold:
        return Verdict(PASS)
    # Count what the page would actually link: the same function renders the comment.
    links = len(destinations(rendering.find_links(sub.text)))
    if links >= threshold:
        return Verdict(HOLD, f"Contains {links} links (comments with {threshold} or more wait).")
    return Verdict(PASS)


def moderation_words(sub: Submission) -> Verdict:
    haystack = "\n".join([sub.text, sub.name, sub.website])
    word = _contains_any(haystack, sub.rules.moderation_word_list)
    if word:
        return Verdict(HOLD, f"Contains the moderation word or phrase {word!r}.")
    return Verdict(PASS)


def learned_spam_filter(sub: Submission) -> Verdict:
    """The local spam model's score decides: confident genuine passes, doubtful waits with its
    score shown, likely spam goes to the spam folder (never rejected: a person can restore it)."""
    if not sub.rules.spam_filter:
        return Verdict(PASS)
    from dateline.discussion.spamfilter.active import active_model

    score = active_model().score(sub.text)
    sub.spam_score = score.probability
    named = ", ".join(sign.replace("_", " ") for sign in score.signs)
    signs = f" (signs: {named})" if named else ""
    label = f"Spam filter score {score.probability:.2f}"
    if score.probability >= sub.rules.spam_folder_from:
        return Verdict(SPAM, f"{label}: likely spam{signs}.")
    if score.probability >= sub.rules.spam_hold_from:
        return Verdict(HOLD, f"{label}: doubtful, a moderator decides{signs}.")
    return Verdict(PASS, f"{label}: looks genuine.")


def _approved_history(sub: Submission):
    from dateline.discussion.models import Comment

    return Comment.objects.by_commenter(sub.email_index).approved()


def first_time_commenter(sub: Submission) -> Verdict:
    """Hold a commenter whose address has no approved comment yet."""
    if sub.rules.hold_first_time and not sub.has_approved_history:
        return Verdict(HOLD, "First-time commenter: no approved comment with this email yet.")
    return Verdict(PASS)


def returning_commenter_proof(sub: Submission) -> Verdict:
    """Let a returning commenter through only with proof that it is them.

    A name and an email are what anyone can type; the proof is a comment of theirs that is
    approved and listed in their browser's signed cookie, or a verified email link.
    """
    if not sub.rules.hold_first_time:
        return Verdict(PASS)
    if not sub.has_approved_history:
        return Verdict(PASS)  # first_time_commenter already holds it
    history = _approved_history(sub)
    if sub.email_verified:
        return Verdict(PASS, "Returning commenter, proven by a verified email link.")
    if sub.own_comment_ids and history.filter(pk__in=sub.own_comment_ids).exists():
        return Verdict(PASS, "Returning commenter, proven by the cookie of an approved comment.")
    return Verdict(
        HOLD,
        "Returning commenter without proof: the name and email match an approved comment, "
        "but the browser holds no cookie of it and the email was not verified.",
    )


PIPELINE = [
    discussion_open,
    honeypot,
    form_token,
    flood_control,
    duplicate,
    blocked_ip,
    blocked_email,
    blocked_words,
    link_count,
    moderation_words,
    learned_spam_filter,
    first_time_commenter,
    returning_commenter_proof,
]

UNPROVEN = "returning_commenter_proof"


@dataclass
class Outcome:
    action: str
    verdicts: list[Verdict]

    @property
    def stopper(self) -> Verdict | None:
        """The REJECT or LIMIT verdict that stopped the pipeline, if any."""
        last = self.verdicts[-1] if self.verdicts else None
        return last if last and last.action in (REJECT, LIMIT) else None

    @property
    def records(self) -> list[dict]:
        return [v.as_record() for v in self.verdicts]

    @property
    def held_only_for_proof(self) -> bool:
        holds = [v for v in self.verdicts if v.action in (HOLD, SPAM)]
        return bool(holds) and all(v.check == UNPROVEN for v in holds)


def run(sub: Submission, pipeline=None) -> Outcome:
    """Run the checks in order; stop at the first REJECT or LIMIT."""
    verdicts: list[Verdict] = []
    action = PASS
    for check in pipeline or PIPELINE:
        verdict = check(sub)
        verdict = Verdict(
            verdict.action, verdict.reason, check.__name__, verdict.retry_after, verdict.field
        )
        if verdict.action != PASS or verdict.reason:
            verdicts.append(verdict)
        if _STRENGTH[verdict.action] > _STRENGTH[action]:
            action = verdict.action
        if verdict.action in (REJECT, LIMIT):
            break
    return Outcome(action, verdicts)
