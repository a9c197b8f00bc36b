"""On a phone the sections sit behind a "Sections" button that opens without JavaScript; on a
wide screen they are one row of links. And what the browser loads is cached as it should be."""

import re
import urllib.request

from .conftest import screenshot


def test_a_phone_reader_opens_the_section_menu_without_javascript(browser, live_server_url):
    context = browser.new_context(viewport={"width": 360, "height": 740}, java_script_enabled=False)
    tab = context.new_page()
    try:
        tab.goto(live_server_url + "/")
        row = tab.locator(".section-nav__row")
        button = tab.get_by_text("Sections", exact=True)
        links = tab.locator(".section-nav__menu a")
        assert not row.is_visible() and button.is_visible()
        assert links.count() >= 3 and not links.first.is_visible()

        button.click()
        assert all(links.nth(i).is_visible() for i in range(links.count()))
        boxes = [links.nth(i).bounding_box() for i in range(links.count())]
        assert min(box["height"] for box in boxes) >= 44  # thumb-sized
        assert len({round(box["x"]) for box in boxes}) == 2  # two even columns
        screenshot(tab, "phone-menu", "open")
        first = links.first.get_attribute("href")
        links.first.click()
        assert tab.url == live_server_url + first
    finally:
        context.close()


def test_a_wide_screen_shows_the_sections_as_one_row(page, live_server_url):
    page.goto(live_server_url + "/")
    assert page.locator(".section-nav__row a").first.is_visible()
    assert not page.locator(".section-nav__menu").is_visible()
    # Assistive technology hears the menu once (the hidden copy is display: none).
    names = page.get_by_role("navigation", name="Sections").get_by_role("link").all_inner_texts()
    assert len(names) == len(set(names))


def test_the_served_stylesheet_and_icons_are_fingerprinted_and_kept_a_year(live_server_url):
    with urllib.request.urlopen(live_server_url + "/", timeout=30) as response:  # noqa: S310
        html = response.read().decode()
    for rel in ("stylesheet", "icon", "apple-touch-icon"):
        href = re.search(rf'<link rel="{rel}" href="(/static/[^"]+)"', html).group(1)
        assert re.search(r"\.[0-9a-f]{12}\.(css|svg|png)$", href), href
        request = urllib.request.Request(  # noqa: S310 - loopback
            live_server_url + href, headers={"Accept-Encoding": "br, gzip"}
        )
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            assert response.headers["Cache-Control"] == "max-age=315360000, public, immutable"
            if rel != "apple-touch-icon":  # text compresses; a PNG is already compressed
                assert response.headers["Content-Encoding"] == "br", href
