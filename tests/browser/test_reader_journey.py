"""A reader opens the front page, reads the date, follows a section and then an article."""

from datetime import datetime

from dateline.core.dates import masthead_date

from .conftest import screenshot


def test_reader_follows_a_section_to_an_updated_article(page, live_server_url):
    page.goto(live_server_url + "/")
    stamp = page.locator(".masthead__date time")
    today = datetime.fromisoformat(stamp.get_attribute("datetime")).date()
    assert stamp.inner_text() == masthead_date(today)
    screenshot(page, "reader", "front")

    page.locator(".section-nav a").first.click()
    assert page.locator("h1").first.is_visible()
    screenshot(page, "reader", "section")

    page.locator(".card__headline a").first.click()
    dates = page.locator(".story__dates")
    assert "Published" in dates.inner_text()
    assert dates.locator("time.published").get_attribute("datetime")
    screenshot(page, "reader", "article")


def test_reader_sees_updated_date_and_corrections_on_a_corrected_story(page, live_server_url):
    # The demo newsroom logs corrections on some stories; the front page and sections link them.
    page.goto(live_server_url + "/")
    links = page.locator(".card__headline a").evaluate_all("els => els.map(e => e.href)")
    for href in links:
        page.goto(href)
        if page.locator("#corrections").count():
            break
    else:
        raise AssertionError("no story on the front page carries a correction")
    assert "Updated" in page.locator(".story__dates").inner_text()
    assert page.locator(".story__dates time.updated").get_attribute("datetime")
    screenshot(page, "reader", "corrected-article")


def test_old_story_carries_its_age_banner(page, live_server_url):
    page.goto(live_server_url + "/2022/08/15/")
    page.locator(".card__headline a").first.click()
    banner = page.locator(".age-banner")
    assert "This article is more than" in banner.inner_text()
    assert "years old" in banner.inner_text()
    screenshot(page, "reader", "old-article")
