"""Saved and fetched web pages in: article text and metadata out of HTML, with trafilatura.

The stored text is what trafilatura extracts (quote offsets index it), with the headline
as its first line when the extracted body does not already start with it, so an HTML page
reads like the plain-text articles the extractor knows (headline first). Pages are
handed over as bytes, so trafilatura honours a declared charset (windows-1256 with a
``<meta charset>`` or an ``http-equiv``) or guesses one; an HTTP ``charset`` parameter
wins over both, as in a browser.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from api.errors import Unprocessable
from api.schemas import ArticleIn

FETCH_TIMEOUT_S = 20.0
FETCH_MAX_BYTES = 5_000_000
MIN_ARTICLE_CHARS = 40  # less extracted text than this is not an article (a menu, a stub)
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_CHARSET = re.compile(r"""charset\s*=\s*["']?([\w.:-]+)""", re.I)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def user_agent() -> str:
    from api.ingest import package_version

    return (f"qawl/{package_version()} (quote tracker for Arabic news;"
            " fetches pages a person asked for, one at a time)")


class HtmlError(ValueError):
    """A page with no article text in it, or one that could not be fetched."""


@dataclass(frozen=True)
class PageArticle:
    """What a page says about itself: the text to store and its metadata (all optional)."""

    text: str
    headline: str | None
    published_at: str | None
    outlet: str | None
    url: str | None


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def extract_page(data: bytes | str, *, url: str | None = None) -> PageArticle:
    """Article text, headline, date, outlet and canonical url of an HTML page.

    Navigation, related links and comments stay out of the text. Raises
    :class:`HtmlError` when the page has no article text.
    """
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(data, url=url, with_metadata=True, include_comments=False,
                                          include_tables=False)
    except (ValueError, TypeError) as exc:  # unparsable markup
        raise HtmlError(f"the HTML could not be parsed: {exc}") from None
    if doc is None:
        raise HtmlError("no article text found in the HTML page")
    fields = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    body = (fields.get("text") or "").strip()
    if len(body) < MIN_ARTICLE_CHARS:  # trafilatura falls back to any text, a menu's too
        raise HtmlError("no article text found in the HTML page"
                        + (f" (only {body[:40]!r})" if body else ""))
    headline = _clean(fields.get("title"))
    lines = [line.strip() for line in body.split("\n")]
    text = "\n".join(line for line in lines if line)
    if headline and not text.startswith(headline):
        text = f"{headline}\n{text}"
    date = _clean(fields.get("date"))
    return PageArticle(
        text=text + "\n", headline=headline,
        published_at=date if date and _DATE.match(date) else None,
        outlet=_clean(fields.get("sitename")) or _clean(fields.get("hostname")),
        url=_page_url(fields.get("url")) or _page_url(url),
    )


def html_article(data: bytes | str, *, content_type: str | None = None, url: str | None = None,
                 outlet: str | None = None, published_at: str | None = None,
                 headline: str | None = None) -> ArticleIn:
    """An article to ingest from a page; the fields given win over what the page says.

    Raises :class:`api.errors.Unprocessable` when the page has no article text.
    """
    if isinstance(data, bytes):
        data = decode_with_charset(data, content_type)
    try:
        page = extract_page(data, url=url)
    except HtmlError as exc:
        raise Unprocessable(str(exc)) from None
    try:
        return ArticleIn(
            text=page.text, url=url or page.url,
            outlet=outlet or (page.outlet[:200] if page.outlet else None),
            published_at=published_at or page.published_at,
            headline=headline or (page.headline[:1000] if page.headline else None),
        )
    except ValueError as exc:
        raise Unprocessable(f"the page's metadata is not usable: {exc}") from None


def url_article(url: str, **limits: float) -> ArticleIn:
    """Fetch a page (HTML or plain text) and make it an article; HtmlError/Unprocessable."""
    page = fetch(url, **limits)
    if page.content_type in HTML_TYPES or not page.content_type:
        return html_article(page.body, content_type=page.charset_header, url=page.url)
    if page.content_type == "text/plain":
        decoded = decode_with_charset(page.body, page.charset_header)
        if isinstance(decoded, bytes):
            decoded = decoded.decode("utf-8", errors="replace")
        if not decoded.strip():
            raise HtmlError(f"{url} is empty")
        return ArticleIn(text=decoded, url=page.url)
    raise HtmlError(f"{url} is {page.content_type}, not an HTML page or text")


def _page_url(value: object) -> str | None:
    value = _clean(value)
    if value and urllib.parse.urlsplit(value).scheme in {"http", "https"} and " " not in value:
        return value[:2048]
    return None


def decode_with_charset(data: bytes, content_type: str | None) -> bytes | str:
    """The page as trafilatura should get it: decoded when the HTTP header names a charset."""
    match = _CHARSET.search(content_type or "")
    if match:
        try:
            return data.decode(match.group(1), errors="replace")
        except LookupError:  # an unknown charset name: let trafilatura look inside
            pass
    return data


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    content_type: str  # media type, lower case, no parameters
    charset_header: str | None
    body: bytes


def fetch(url: str, *, timeout: float = FETCH_TIMEOUT_S, max_bytes: int = FETCH_MAX_BYTES) -> Fetched:
    """GET an http(s) URL with a timeout, a size limit and a polite user agent."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise HtmlError(f"not an http(s) URL: {url}")
    request = urllib.request.Request(url, headers={
        "User-Agent": user_agent(),
        "Accept": "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8",
        "Accept-Language": "ar,en;q=0.5",
    })
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (scheme checked)
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise HtmlError(f"the page has {length} bytes; the limit is {max_bytes}")
            body = response.read(max_bytes + 1)
            if len(body) > max_bytes:
                raise HtmlError(f"the page is larger than the limit of {max_bytes} bytes")
            header = response.headers.get("Content-Type", "")
            return Fetched(url=response.geturl(), content_type=header.split(";")[0].strip().lower(),
                           charset_header=header, body=body)
    except urllib.error.HTTPError as exc:
        raise HtmlError(f"HTTP {exc.code} {exc.reason} for {url}") from None
    except urllib.error.URLError as exc:
        raise HtmlError(f"cannot fetch {url}: {exc.reason}") from None
    except TimeoutError:
        raise HtmlError(f"no answer from {url} within {timeout:g} s") from None
    except OSError as exc:
        raise HtmlError(f"cannot fetch {url}: {exc}") from None
