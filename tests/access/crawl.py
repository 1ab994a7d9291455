"""A crawl of the demo city as each role would click through it: from the role's home page, two
links deep, in English and in Simplified Chinese.

`crawl` returns every page it fetched (role, language, URL, status, HTML) and the status of every
link and form action those pages showed, so that checks on what a role is shown (links answering
403, assets from outside the platform, fields asking for ids, English on Chinese pages) read one
crawl. Requests run in a transaction rolled back at the end, so the demo city stays as it was.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urljoin, urlsplit

import lxml.html
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import Resolver404, resolve

from chanjiao.accounts.models import User

# One demo account of every role (the second enterprise is the same role as the first).
ROLES = (
    "admin",
    "officer",
    "school",
    "enterprise",
    "association",
    "evaluator",
    "student",
    "teacher",
    "mentor",
)
LANGUAGES = ("en", "zh-hans")
DEPTH = 2
PAGES_PER_ROLE = 40  # pages fetched (and kept) per role and language, home included
FIRST_LEVEL = 26  # of which at most this many one link from home, so the second level has its turn
CHECKS_PER_ROUTE = 2  # links of one route whose status is checked per role, beyond the pages
HOST = "testserver"
LOGIN_PATHS = ("/accounts/login/", "/admin/login/")

# Links followed by nobody: signing out, the language switch, files, and exports (whole tables).
SKIPPED_PREFIXES = ("/accounts/logout/", "/admin/logout/", "/i18n/", "/jsi18n/", "/static/", "/media/")
SKIPPED_SUFFIXES = (".csv", ".xlsx", ".pdf", ".ics", ".zip", ".json")
SKIPPED_QUERY = ("format=", "download=", "export=")


@dataclass(frozen=True)
class Page:
    role: str
    language: str
    url: str
    status: int
    html: str  # the body of an HTML page answering 200, else ""
    depth: int
    final_url: str = ""  # where redirects ended, when they did


@dataclass(frozen=True)
class Link:
    """A link (``a href``) or form action shown to a role on a page."""

    role: str
    url: str
    source: str  # the page that showed it
    kind: str  # "a", "form-get" or "form-post"
    status: int
    final_url: str = ""


@dataclass
class Crawl:
    pages: list[Page] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    seconds: float = 0.0
    requests: int = 0

    def html_pages(self, language: str | None = None) -> list[Page]:
        return [p for p in self.pages if p.html and (language is None or p.language == language)]


def route_of(url: str) -> str:
    """The URL pattern a path resolves to (`/registry/programs/<int:pk>/`), or the path itself."""
    path = urlsplit(url).path
    try:
        return "/" + resolve(path).route
    except Resolver404:
        return path


def followed(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme not in ("", "http", "https") or (parts.netloc and parts.netloc != HOST):
        return False
    if parts.path.startswith(SKIPPED_PREFIXES) or parts.path.endswith(SKIPPED_SUFFIXES):
        return False
    return not any(marker in parts.query for marker in SKIPPED_QUERY)


def local(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def links_on(page_url: str, html: str) -> list[tuple[str, str]]:
    """(kind, same-origin URL) of every link and form action on a page, in document order."""
    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return []
    found = []
    for element in tree.iter("a", "form"):
        if element.tag == "a":
            target, kind = element.get("href"), "a"
        else:
            target = element.get("action")
            kind = "form-post" if (element.get("method") or "get").lower() == "post" else "form-get"
        if not target or target.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        url = urldefrag(urljoin(f"http://{HOST}{page_url}", target)).url
        if followed(url):
            found.append((kind, local(url)))
    return found


def _client(user: User, language: str) -> Client:
    client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE=language)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.force_login(user)
    return client


def _fetch(client: Client, url: str) -> tuple[int, str, str]:
    """Status, HTML body (200 HTML only) and where redirects ended."""
    response = client.get(url, follow=True)
    final = ""
    if response.redirect_chain:
        final = local(response.redirect_chain[-1][0])
        if final.startswith(LOGIN_PATHS):
            return 302, "", final
    html = ""
    is_html = "text/html" in response.get("Content-Type", "")
    if response.status_code == 200 and is_html and not getattr(response, "streaming", False):
        html = response.content.decode(response.charset or "utf-8", "replace")
    return response.status_code, html, final


def _pick(candidates: list[str], budget: int) -> list[str]:
    """At most `budget` URLs, one route at a time in order of discovery, so every kind of page is
    visited before a second page of any kind (the same choice on every run of the same demo)."""
    by_route: dict[str, list[str]] = defaultdict(list)
    for url in candidates:
        by_route[route_of(url)].append(url)
    picked: list[str] = []
    round_ = 0
    while len(picked) < budget and any(len(urls) > round_ for urls in by_route.values()):
        for urls in by_route.values():
            if len(urls) > round_ and len(picked) < budget:
                picked.append(urls[round_])
        round_ += 1
    return picked


class _RoleCrawl:
    def __init__(self, role: str, user: User):
        self.role = role
        self.user = user
        self.statuses: dict[str, tuple[int, str]] = {}  # link statuses, shared by both languages
        self.requests = 0

    def pages(self, language: str) -> tuple[list[Page], dict[str, list[tuple[str, str]]]]:
        client = _client(self.user, language)
        pages: list[Page] = []
        shown: dict[str, list[tuple[str, str]]] = {}
        level = ["/"]
        seen = {"/"}
        for depth in range(DEPTH + 1):
            following: list[str] = []
            budget = FIRST_LEVEL + 1 if depth < DEPTH else PAGES_PER_ROLE
            for url in _pick(level, budget - len(pages)):
                status, html, final = _fetch(client, url)
                self.requests += 1
                pages.append(Page(self.role, language, url, status, html, depth, final))
                self.statuses.setdefault(url, (status, final))
                shown[url] = links_on(final or url, html) if html else []
                for _kind, link in shown[url]:
                    if link not in seen:
                        seen.add(link)
                        following.append(link)
            level = following
        return pages, shown

    def check(self, client: Client, shown: dict[str, list[tuple[str, str]]]) -> list[Link]:
        """The status of the links the pages showed: every route once or twice (not every record)."""
        checked_per_route: dict[str, int] = defaultdict(int)
        for url, _final in self.statuses.items():
            checked_per_route[route_of(url)] += 1
        links = []
        for source, found in shown.items():
            for kind, url in found:
                if url not in self.statuses:
                    route = route_of(url)
                    if checked_per_route[route] >= CHECKS_PER_ROUTE:
                        continue
                    checked_per_route[route] += 1
                    status, _html, final = _fetch(client, url)
                    self.requests += 1
                    self.statuses[url] = (status, final)
                status, final = self.statuses[url]
                links.append(Link(self.role, url, source, kind, status, final))
        return links


def crawl(roles=ROLES, languages=LANGUAGES) -> Crawl:
    """Crawl as each role in each language, inside a transaction rolled back at the end."""
    result = Crawl()
    started = time.perf_counter()
    with transaction.atomic():
        for role in roles:
            user = User.objects.get(username=role)
            walker = _RoleCrawl(role, user)
            for language in languages:
                pages, shown = walker.pages(language)
                result.pages += pages
                result.links += walker.check(_client(user, language), shown)
            result.requests += walker.requests
        transaction.set_rollback(True)
    result.seconds = time.perf_counter() - started
    return result
