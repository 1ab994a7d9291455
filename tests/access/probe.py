"""One request as one role, rolled back; what a response says; the text a body holds."""

from __future__ import annotations

import io
import json
import re
import zipfile
import zlib
from dataclasses import dataclass

import lxml.html
from django.db import transaction
from django.forms.models import model_to_dict
from django.test import Client

LOGIN_PATHS = ("/accounts/login/", "/admin/login/")


@dataclass
class Answer:
    status: int
    location: str
    content_type: str
    text: str  # the readable text of the body (HTML, JSON, CSV, xlsx cells, PDF strings)
    changed: bool = False  # the record named by the route changed (writes)
    error: str = ""  # the exception behind a 500


def call(client: Client, method: str, url: str, *, data=None, json_body=None, snapshot=None) -> Answer:
    """Make the request inside a transaction that is rolled back, so the demo city stays as it was."""
    with transaction.atomic():
        before = snapshot() if snapshot else None
        if json_body is not None:
            response = client.generic(method, url, json.dumps(json_body), content_type="application/json")
        elif method == "GET":
            response = client.get(url)
        elif data is not None:
            response = client.post(url, data) if method == "POST" else client.generic(method, url, "")
        else:
            response = client.generic(method, url, "")
        after = snapshot() if snapshot else None
        transaction.set_rollback(True)
    error = ""
    if response.status_code >= 500 and getattr(response, "exc_info", None):
        error = repr(response.exc_info[1])[:200]
    content_type = response.get("Content-Type", "")
    return Answer(
        response.status_code,
        response.get("Location", ""),
        content_type,
        readable_text(response, content_type) if response.status_code < 300 else "",
        changed=before != after,
        error=error,
    )


def snapshot_of(model, pk):
    def read():
        obj = model._default_manager.filter(pk=pk).first()
        return None if obj is None else model_to_dict(obj)

    return read


def readable_text(response, content_type: str) -> str:
    if getattr(response, "streaming", False):
        body = b"".join(response.streaming_content)
    else:
        body = response.content
    if "spreadsheetml" in content_type or body[:2] == b"PK":
        return _xlsx_text(body)
    if "pdf" in content_type or body[:5] == b"%PDF-":
        return _pdf_text(body)
    text = body.decode("utf-8", errors="replace")
    if "json" in content_type:
        try:
            return json.dumps(json.loads(text), ensure_ascii=False)
        except ValueError:
            return text
    return text


def _xlsx_text(body: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return "\n".join(
                archive.read(name).decode("utf-8", errors="replace")
                for name in archive.namelist()
                if name.endswith(".xml")
            )
    except zipfile.BadZipFile:
        return ""


STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)
PDF_STRING = re.compile(rb"\((?:[^()\\]|\\.)*\)")


def _pdf_text(body: bytes) -> str:
    """The literal strings of a PDF's content streams (ASCII text: figures, numbers, codes).
    Text set in a CJK font is glyph-coded and is not found this way."""
    parts = []
    for stream in STREAM.findall(body):
        try:
            data = zlib.decompress(stream)
        except zlib.error:
            data = stream
        parts.extend(m[1:-1].decode("latin-1") for m in PDF_STRING.findall(data))
    return "".join(parts) + "\n" + " ".join(parts)


def post_forms(html: str, base_url: str) -> dict[str, list[tuple[str, str]]]:
    """The POST forms of a page: their target path -> the values a browser would send."""
    forms: dict[str, list[tuple[str, str]]] = {}
    try:
        document = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return forms
    for form in document.forms:
        if (form.method or "GET").upper() != "POST":
            continue
        action = (form.get("action") or "").split("?")[0].split("#")[0] or base_url
        if not action.startswith("/"):
            continue
        values = [(name, value) for name, value in form.form_values() if name != "csrfmiddlewaretoken"]
        buttons = [b for b in form.xpath(".//button[@name]|.//input[@type='submit'][@name]")]
        if buttons:
            values.append((buttons[0].get("name"), buttons[0].get("value") or ""))
        forms.setdefault(action, values)
    return forms


EXPORT_LINK = re.compile(r'href="([^"#]*[?&](?:amp;)?format=(?:xlsx|csv|json|pdf)[^"#]*)"')


def export_links(html: str, path: str) -> list[str]:
    """Export variants (``?format=...``) a page links to, of the page itself."""
    links = []
    for href in EXPORT_LINK.findall(html):
        href = href.replace("&amp;", "&")
        if href.startswith("?"):
            href = path + href
        if href.split("?")[0] == path and href not in links:
            links.append(href)
    return links


def payload_for(schema: dict | None, fill) -> dict:
    """A body of the right shape for an operation: each required property with a plausible value
    (``fill(name, schema)`` may give one, e.g. an id that exists)."""
    if not schema or schema.get("multipart"):
        return {}
    return _value(schema, "", fill, top=True)


def _value(schema: dict, name: str, fill, top: bool = False):
    chosen = fill(name, schema) if not top else None
    if chosen is not None:
        return chosen
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            options = [s for s in schema[key] if s.get("type") != "null"]
            return _value(options[0], name, fill) if options else None
    if "enum" in schema:
        return schema["enum"][0]
    if "default" in schema and not top:
        return schema["default"]
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        # the required properties, and those that name whom the record is for (its unit, school,
        # enterprise, year...), so that a refusal is the authorisation's and not the form's
        properties = schema.get("properties", {})
        wanted = set(schema.get("required", [])) | {
            k for k, sub in properties.items() if fill(k, sub) is not None
        }
        return {key: _value(sub, key, fill) for key, sub in properties.items() if key in wanted}
    if kind == "array":
        return []
    if kind == "integer":
        return max(1, schema.get("minimum", 1))
    if kind == "number":
        return max(1, schema.get("minimum", 1))
    if kind == "boolean":
        return False
    if schema.get("format") == "date":
        return "2025-06-01"
    if schema.get("format") == "date-time":
        return "2025-06-01T09:00:00"
    return "access matrix"
