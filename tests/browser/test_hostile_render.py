"""XSS payloads posted through the comment form stay text in Chromium under the real CSP: no
dialog opens, no script runs, and the page reports no more CSP violations than without them."""

from __future__ import annotations

import json
import re
from urllib.parse import quote, urlencode, urlsplit

from tests.corpora import corpus_path, lines_of

from .journeys import click_through, comment_id_from_url, open_page, wait_like_a_person
from .pages import threaded_articles


def _payloads() -> list[str]:
    found = []
    for name in ("patt-XSS_Polyglots.txt", "patt-xss_payloads_quick.txt"):
        found += lines_of("hostile", "xss", name)
    return found


def _watch(tab) -> list[str]:
    events: list[str] = []
    tab.on("dialog", lambda dialog: (events.append(f"dialog {dialog.message}"), dialog.dismiss()))
    tab.on(
        "console",
        lambda message: (
            events.append(f"console {message.text}")
            if "Content Security Policy" in message.text or "Refused" in message.text
            else None
        ),
    )
    return events


def test_xss_payloads_in_a_comment_stay_text_in_chromium(browser, live_server_url):
    base = live_server_url
    path = threaded_articles(base)[-1]
    context = browser.new_context()
    tab = context.new_page()
    baseline = _watch(tab)
    opened = open_page(tab, base + path)
    tab.wait_for_load_state("networkidle")
    expected = len(baseline)
    payloads = _payloads()
    tab.fill("#comment", "\n\n".join(payloads)[:4500])
    tab.fill("#author", payloads[0][:50])
    tab.fill("#email", "xss.tester@example.org")
    wait_like_a_person(tab, opened)
    click_through(tab, tab.get_by_role("button", name="Post Comment"))
    tab.wait_for_url(re.compile(r"#comment-\d+$"))
    comment_id = comment_id_from_url(tab.url)
    tab.reload()
    tab.wait_for_load_state("networkidle")
    # The author sees their held comment: it is on the page, rendered as text.
    shown = tab.locator(f"#comment-{comment_id}").inner_text()
    assert payloads[1].strip()[:20] in shown
    assert not any(e.startswith("dialog") for e in baseline), baseline
    assert len(baseline) <= 2 * expected, baseline[expected:]
    assert tab.evaluate("typeof window.xss === 'undefined'")
    context.close()


# --- every reader-facing field and parameter, many strings per page ----------------------------

# Stored straight into the live server's database (the form's own path is the test above; the
# hostile matrix posts every string through it): approved comments on a back-dated story of
# their own, so no other journey's pages change. Names and bodies carry the payloads in batches,
# websites one payload each after a valid prefix; a value the checks refuse is simply skipped.
SEED_HOSTILE_THREAD = """
import json, sys
from datetime import UTC, datetime
from dateline.discussion.models import Comment
from dateline.discussion.models.comment import MAX_NAME, MAX_WEBSITE
from dateline.discussion.services.posting import create_comment
from dateline.news import services
from dateline.news.models import AuthorPage, SectionPage

payloads = json.loads(sys.stdin.read())
article = services.create_article(
    SectionPage.objects.live().first(), title="Hostile strings rendered as text",
    standfirst="Every reader-facing field of a comment holds the XSS lists.",
    bylines=[(AuthorPage.objects.live().first(), "")],
    published_at=datetime(2021, 3, 1, 9, tzinfo=UTC))

def batches(limit):
    batch = ""
    for p in payloads:
        if batch and len(batch) + len(p) + 1 > limit:
            yield batch
            batch = ""
        batch = (batch + " " + p).strip()[:limit]
    if batch:
        yield batch

names, websites = list(batches(MAX_NAME)), iter(payloads)
bodies = list(batches(2000))
stored, refused, parent = 0, 0, None
for n, name in enumerate(names):
    website = "https://w.example/" + "".join(next(websites, "x").split())
    for fields in ({"website": website[:MAX_WEBSITE]}, {}):
        try:
            comment = create_comment(article, name=name, text=bodies[n % len(bodies)],
                                     email=f"hostile{n}@example.org",
                                     parent=parent if n % 8 else None,
                                     status=Comment.Status.APPROVED, **fields)
        except ValueError:
            refused += 1
            continue
        stored += 1
        parent = comment if n % 8 == 0 else parent
        break
print(json.dumps({"url": article.url, "id": article.pk, "stored": stored, "refused": refused,
                  "names": len(names), "bodies": len(bodies)}))
"""

# Anything live a payload could have become, found in the rendered DOM (as live_markup finds it
# in the HTML of tests/discussion): handlers, script URLs, scripts, frames, objects, bases,
# forms that post elsewhere.
LIVE_IN_DOM = """() => {
  const found = new Set();
  for (const el of document.querySelectorAll('*')) {
    const tag = el.tagName.toLowerCase();
    if (['iframe', 'frame', 'object', 'embed', 'base', 'applet'].includes(tag)) found.add(tag);
    if (tag === 'form' && new URL(el.action, location.href).origin !== location.origin)
      found.add('form to ' + el.action);
    if (tag === 'script') found.add('script:' + (el.src || 'inline:' + el.text.slice(0, 40)));
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) found.add('handler ' + name + ' on ' + tag);
      if (['href', 'src', 'action', 'formaction', 'data', 'xlink:href'].includes(name)
          && /^\\s*(javascript|vbscript|data):/i.test(attr.value)) found.add(name + ' on ' + tag);
    }
  }
  return [...found].sort();
}"""


class _Tab:
    """One tab for many pages: what each load brought (CSP violations, dialogs, live markup)."""

    def __init__(self, context):
        self.tab = context.new_page()
        self.events = _watch(self.tab)

    def visit(self, url: str, then=None) -> tuple[list[str], set[str]]:
        seen = len(self.events)
        self.tab.goto(url, wait_until="load")
        if then:  # e.g. submit a form on the page and look at the answer
            then(self.tab)
        html = "html" in self.tab.evaluate("document.contentType")
        return self.events[seen:], set(self.tab.evaluate(LIVE_IN_DOM)) if html else set()


def _submit_privacy_form(address: str):
    def submit(tab):
        tab.fill("#id_email", "")
        # type=email would stop Chromium from sending it: the server must cope with anything.
        tab.evaluate(
            "value => { const f = document.querySelector('form[method=post]');"
            " f.noValidate = true; f.querySelector('#id_email').value = value; }",
            address,
        )
        with tab.expect_navigation(wait_until="load"):
            tab.click("form[method=post] button[type=submit]")

    return submit


def _batches(payloads: list[str], size: int) -> list[list[str]]:
    return [payloads[i : i + size] for i in range(0, len(payloads), size)]


def _reader_addresses(story: str, article_id: int, payloads, polyglots) -> list[tuple[str, str]]:
    """(kind of page, address) for each hostile load: the story with its hostile thread, the
    feeds of that thread, the search form and its filters (30 strings a page), and the
    parameters the story, the lists, the feeds, the API and the 404 page read (the polyglots)."""
    visits = [
        ("story", story),
        ("story", f"{story}?cpage=2"),
        ("feed", f"/discussion/{article_id}/feed/rss/"),
        ("feed", f"/discussion/{article_id}/feed/atom/"),
        ("feed", "/discussion/feed/atom/"),
    ]
    for batch in _batches(payloads, 30):
        first = batch[0]
        query = {"q": " ".join(batch), "section": first, "from": first, "to": first, "sort": first}
        visits.append(("search", "/search/?" + urlencode(query)))
    for payload in polyglots:
        params = {"cpage": payload, "replytocom": payload, "page": payload, "utm_source": payload}
        api = {"search": payload, "type": payload, "fields": payload, "order": payload}
        visits += [
            ("story", f"{story}?{urlencode(params)}"),
            ("list", f"/?{urlencode({'page': payload})}"),
            ("feed", f"/feed/?{urlencode({'q': payload, 'page': payload})}"),
            ("api", f"/api/v2/pages/?{urlencode(api)}"),
            ("not-found", "/" + quote(payload, safe="") + "/"),
        ]
    return visits


def test_xss_lists_in_every_reader_field_and_parameter_stay_inert_in_chromium(
    browser, live_server_url
):
    from .conftest import manage_live

    base = live_server_url
    payloads = []
    for path in sorted(corpus_path("hostile", "xss").glob("*.txt")):
        payloads += [p for p in lines_of("hostile", "xss", path.name) if p.strip()]
    assert len(payloads) > 700
    seeded = json.loads(
        manage_live("shell", "-c", SEED_HOSTILE_THREAD, stdin=json.dumps(payloads))
        .strip()
        .splitlines()[-1]
    )
    assert seeded["stored"] >= seeded["names"] * 0.9, seeded
    story = urlsplit(seeded["url"]).path
    polyglots = lines_of("hostile", "xss", "patt-XSS_Polyglots.txt")
    visits = _reader_addresses(story, seeded["id"], payloads, polyglots)

    context = browser.new_context()
    tab = _Tab(context)
    # Each kind of page asked plainly: its own scripts, forms and any CSP reports it always has.
    plain = {
        "story": threaded_articles(base)[0],
        "feed": "/discussion/feed/atom/",
        "search": "/search/?q=ferries",
        "list": "/",
        "api": "/api/v2/pages/",
        "not-found": "/no-such-page/",
    }
    known = {kind: tab.visit(base + url) for kind, url in plain.items()}
    privacy = base + "/discussion/privacy/"
    known["privacy"] = tab.visit(privacy, _submit_privacy_form("not an address"))
    visits += [("privacy", " ".join(batch)[:250]) for batch in _batches(polyglots, 4)]

    problems = []
    for kind, target in visits:
        if kind == "privacy":
            events, live = tab.visit(privacy, _submit_privacy_form(target))
        else:
            events, live = tab.visit(base + target)
        usual_events, usual_live = known[kind]
        if any(e.startswith("dialog") for e in events) or len(events) > len(usual_events):
            problems.append((kind, target[:100], events[:3]))
        if live - usual_live:
            problems.append((kind, target[:100], sorted(live - usual_live)[:3]))
    # The strings are on the story as text: seen by the reader, not run.
    tab.visit(base + story)
    shown = tab.tab.locator("#comments").inner_text()
    context.close()
    assert not problems, problems
    assert "<script>" in shown.lower() and "onerror=" in shown.lower()
    assert len(visits) > 100
