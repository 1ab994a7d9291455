"""What each demo role is shown, read from a crawl of its pages (see crawl.py): no link or form
shown to a role answers 403, 404 or a server error (or sends it to sign in); no page loads an
asset from outside the platform; no form field asks for an internal id.

Fails on a finding not in known_crawl_violations.txt, and on a line of that file that no longer
occurs (the baseline only shrinks). Every finding, with the URL and the page that showed it,
goes to var/crawl/findings.txt.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
import pytest
from django.apps import apps

from access.crawl import HOST, LANGUAGES, ROLES, Crawl, Page, route_of

BASELINE = Path(__file__).with_name("known_crawl_violations.txt")
OUTPUT = Path(__file__).resolve().parents[2] / "var" / "crawl"

pytestmark = [pytest.mark.django_db, pytest.mark.access]

ASSET_ATTRIBUTES = {"script": "src", "link": "href", "img": "src", "iframe": "src", "source": "src"}
EXTERNAL_IN_CODE = re.compile(r"""(?:https?:)?//(?!testserver)[\w.-]+\.[a-z]{2,}/[^\s"'()<>]*""")
ID_WORD = re.compile(r"(?<![A-Za-z])(?:id|ids|ID|IDs|Id)(?![A-Za-z])|编号")
ID_NAME = re.compile(r"(?:^|[_-])ids?$")
FIELD_TYPES_SKIPPED = {"hidden", "submit", "button", "reset", "checkbox", "radio", "file", "image"}


def _tree(page: Page):
    return lxml.html.fromstring(page.html)


def external_assets(page: Page) -> set[str]:
    """Hosts of the scripts, styles, images and frames a page loads from outside the platform."""
    hosts = set()
    tree = _tree(page)
    for tag, attribute in ASSET_ATTRIBUTES.items():
        for element in tree.iter(tag):
            if tag == "link" and not set((element.get("rel") or "").split()) & {
                "stylesheet",
                "icon",
                "preload",
                "modulepreload",
                "manifest",
            }:
                continue
            target = element.get(attribute) or ""
            netloc = urlsplit(target).netloc
            if netloc and netloc != HOST:
                hosts.add(netloc)
    for element in tree.iter("script", "style"):
        for match in EXTERNAL_IN_CODE.finditer(element.text or ""):
            hosts.add(
                urlsplit(match.group(0) if "//" in match.group(0)[:8] else "//" + match.group(0)).netloc
            )
    return hosts


def _label(tree, element) -> str:
    field_id = element.get("id")
    if field_id:
        for label in tree.iter("label"):
            if label.get("for") == field_id:
                return label.text_content().strip()
    for ancestor in element.iterancestors("label"):
        return ancestor.text_content().strip()
    return (element.get("aria-label") or element.get("placeholder") or "").strip()


def _record_names() -> set[str]:
    """Names that stand for a record: every model's, and every field that points at one."""
    names = {"division"}
    for model in apps.get_models():
        names.add(model._meta.model_name)
        names.update(f.name for f in model._meta.get_fields() if f.is_relation and f.concrete)
    return names


def id_fields(page: Page, records: set[str]) -> set[tuple[str, str]]:
    """(field name, label) of the form fields that ask for an internal id: labelled "id" or 编号,
    named `…_id(s)`, or a bare number box named after a kind of record."""
    found = set()
    tree = _tree(page)
    for form in tree.iter("form"):
        for element in form.iter("input", "select", "textarea"):
            kind = (element.get("type") or "text").lower() if element.tag == "input" else element.tag
            if kind in FIELD_TYPES_SKIPPED:
                continue
            name = element.get("name") or ""
            label = _label(tree, element)
            bare = name.rsplit("-", 1)[-1]
            if (
                ID_WORD.search(label)
                or (element.tag == "input" and ID_NAME.search(bare))
                or (kind == "number" and bare in records)
            ):
                found.add((name, re.sub(r"\s+", " ", label)))
    return found


def findings(crawled: Crawl) -> dict[str, str]:
    """Each finding as a baseline line (role, kind, route, where) with one example."""
    found: dict[str, str] = {}
    for link in crawled.links:
        if link.status in (403, 404) or link.status >= 500:
            kind = f"link-{link.status}"
        elif link.status == 302 and link.final_url:
            kind = "link-sign-in"
        else:
            continue
        line = f"{link.role} {kind} {route_of(link.url)} on {route_of(link.source)}"
        found.setdefault(line, f"{link.kind} {link.url} on {link.source}")
    records = _record_names()
    for page in crawled.html_pages():
        for host in external_assets(page):
            found.setdefault(f"{page.role} external-asset {route_of(page.url)} {host}", page.url)
        for name, label in id_fields(page, records):
            # A form is the same for whoever reaches it: one line per route and field.
            line = f"id-field {route_of(page.url)} {name}"
            found.setdefault(line, f"{page.role} {page.language} {page.url}: {label!r}")
    return found


def _baseline() -> set[str]:
    lines = BASELINE.read_text(encoding="utf-8").splitlines()
    return {line.split("#")[0].strip() for line in lines if line.split("#")[0].strip()}


@pytest.fixture(scope="module")
def found(crawled) -> dict[str, str]:
    result = findings(crawled)
    OUTPUT.mkdir(parents=True, exist_ok=True)
    stats = f"# {len(crawled.pages)} pages, {crawled.requests} requests, {crawled.seconds:.0f} s\n"
    (OUTPUT / "findings.txt").write_text(
        stats + "".join(f"{line}    # {example}\n" for line, example in sorted(result.items())),
        encoding="utf-8",
    )
    return result


def test_the_crawl_reaches_every_roles_pages_in_both_languages(crawled):
    for role in ROLES:
        for language in LANGUAGES:
            pages = [p for p in crawled.pages if p.role == role and p.language == language]
            home = pages[0]

            assert (home.url, home.status) == ("/", 200), (role, language)
            assert sum(1 for p in pages if p.depth == 2) > 0, (role, language)
    zh_home = next(p for p in crawled.pages if p.language == "zh-hans" and p.url == "/")
    assert 'lang="zh-hans"' in zh_home.html


def test_the_checks_see_what_they_look_for():
    page = Page(
        "student",
        "en",
        "/",
        200,
        '<html><head><script src="https://cdn.example.com/x.js"></script>'
        '<link rel="stylesheet" href="/static/site.css"></head><body><form>'
        '<label for="f1">Region id</label><input id="f1" name="region">'
        '<label for="f2">学校编号</label><input id="f2" name="school">'
        '<input type="number" name="enterprise"><input type="number" name="year">'
        '<input name="q" placeholder="Search"></form></body></html>',
        0,
    )

    assert external_assets(page) == {"cdn.example.com"}
    assert {name for name, _label in id_fields(page, _record_names())} == {"region", "school", "enterprise"}


def test_no_finding_outside_the_baseline(found):
    new = sorted(set(found) - _baseline())

    assert new == [], "new findings of the crawl (see var/crawl/findings.txt):\n" + "\n".join(
        f"{line}    # {found[line]}" for line in new
    )


def test_the_baseline_lists_only_findings_that_still_occur(found):
    gone = sorted(_baseline() - set(found))

    assert gone == [], (
        "fixed: remove these lines from tests/access/known_crawl_violations.txt:\n" + "\n".join(gone)
    )
