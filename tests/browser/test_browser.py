"""A journalist in a browser (Chromium via Playwright) against the real ``qawl serve --demo``:
find a speaker by a variant spelling, open a quote, see its highlight at the right words,
follow its reuse timeline to another outlet; and the same pages on a phone."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')")

from playwright.sync_api import Page, expect  # noqa: E402

# SANA's headline; other outlets ran it in other words (the fixtures' reuse group)
STATEMENT = "الغرب يحاول جر دول آسيا الوسطى إلى مواجهة مع روسيا"

# Where the highlighted element sits in the article text, counted in characters of the
# rendered text (a Range from the start of the text box to the start of the element).
OFFSET_JS = """(el) => {
  const box = document.getElementById('article-text');
  const range = document.createRange();
  range.setStart(box, 0);
  range.setEndBefore(el);
  return {offset: range.toString().length, text: el.textContent,
          start: +el.dataset.start, end: +el.dataset.end};
}"""


def open_lavrov_quote(page: Page, server: str) -> None:
    page.goto(server + "/")
    page.get_by_role("searchbox").fill("سيرجي لافروف")  # a variant: the registry spells سيرغي
    page.get_by_role("button", name="بحث").click()
    expect(page).to_have_url(re.compile(r"/\?q="))
    page.locator("a.speaker-link", has_text="لافروف").first.click()
    expect(page).to_have_url(server + "/speakers/lavrov")
    expect(page.locator("h1")).to_have_text("سيرغي لافروف")
    page.locator("select[name=outlet]").select_option("SANA")
    page.get_by_role("button", name="تصفية").click()
    expect(page).to_have_url(re.compile(r"/speakers/lavrov\?.*outlet=SANA"))
    page.locator(".quote-item blockquote a").filter(has_text=re.compile(f"^{STATEMENT}$")).first.click()
    expect(page).to_have_url(re.compile(r"/quotes/\d+$"))


def test_search_a_variant_spelling_open_a_quote_and_see_its_highlight(page: Page, server: str):
    open_lavrov_quote(page, server)
    expect(page.locator(".the-quote")).to_have_text(STATEMENT)
    mark = page.locator("#article-text mark.current")
    expect(mark).to_have_count(1)
    expect(mark).to_be_visible()
    expect(mark).to_have_text(STATEMENT)
    where = mark.evaluate(OFFSET_JS)
    assert where["offset"] == where["start"] and where["end"] - where["start"] == len(STATEMENT)
    # the same offsets the API reports, and the cue word highlighted too
    quote_id = int(page.url.rsplit("/", 1)[1])
    api = page.request.get(f"{server}/api/v1/quotes/{quote_id}").json()
    assert (api["start"], api["end"]) == (where["start"], where["end"])
    cue = page.locator("#article-text mark.cue").first
    expect(cue).to_have_text(api["cue"]["text"])
    assert cue.evaluate(OFFSET_JS)["offset"] == api["cue"]["start"]
    # RTL, and the ClaimReview is embedded for search engines
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    claim = page.locator('script[type="application/ld+json"]').text_content()
    assert '"@type": "ClaimReview"' in claim and STATEMENT in claim


def test_follow_the_reuse_timeline_to_another_outlet(page: Page, server: str):
    open_lavrov_quote(page, server)
    first_url = page.url
    timeline = page.locator(".timeline-list")
    expect(timeline.locator(".appearance.first.current")).to_have_count(1)  # SANA carried it first
    names = [n.strip() for n in timeline.locator("a.outlet").all_text_contents()]
    elsewhere = [n for n in names if n != "SANA"]  # SANA's own body repeats its headline
    assert len(set(elsewhere)) >= 2, f"the statement travels to several outlets in the fixtures: {names}"
    outlet = elsewhere[0]
    timeline.locator("a.outlet", has_text=outlet).first.click()
    expect(page).not_to_have_url(first_url)
    expect(page.locator(".quote-page header .outlet")).to_have_text(outlet)
    here = page.locator(".timeline-list .appearance.current")
    expect(here.locator(".outlet")).to_have_text(outlet)
    expect(here.locator(".badge.here")).to_be_visible()
    # the wording as this outlet ran it is highlighted in its own article
    mark = page.locator("#article-text mark.current")
    where = mark.evaluate(OFFSET_JS)
    assert where["offset"] == where["start"]
    expect(page.locator(".the-quote")).to_have_text(where["text"])
    # and the way back to the first appearance
    page.locator(".timeline-list .appearance.first a.outlet").click()
    expect(page).to_have_url(first_url)


def test_pages_fit_a_phone(browser, server: str):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True,
                                  device_scale_factor=2, locale="ar")
    page = context.new_page()
    try:
        open_lavrov_quote(page, server)
        quote_url = page.url
        for url in (server + "/", server + "/speakers/lavrov", quote_url,
                    server + "/articles/1", server + "/quotes/999999"):
            page.goto(url)
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 1, f"{url} scrolls sideways by {overflow}px on a phone"
            assert page.evaluate("getComputedStyle(document.documentElement).direction") == "rtl"
            expect(page.get_by_role("searchbox")).to_be_visible()
        page.goto(quote_url)
        mark = page.locator("#article-text mark.current")
        mark.scroll_into_view_if_needed()
        expect(mark).to_be_in_viewport()
        size = page.evaluate("parseFloat(getComputedStyle(document.getElementById('article-text')).fontSize)")
        line = page.evaluate("parseFloat(getComputedStyle(document.getElementById('article-text')).lineHeight)")
        assert size >= 16 and line >= 1.6 * size, (size, line)
        box = page.locator(".the-quote").bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 375 + 1
    finally:
        context.close()


def test_unknown_quote_shows_the_404_page(page: Page, server: str):
    response = page.goto(server + "/quotes/999999")
    assert response is not None and response.status == 404
    expect(page.locator("h1")).to_contain_text("404")
