"""Every route the platform answers: the web URL patterns from the resolver and the API
operations from the OpenAPI schema, each with the record its parameters name.

A parameter is mapped to a rule of the table by the literal path segment before it (and, where
two apps use one segment, the app's segment first); a route whose parameter maps to nothing
fails the suite with the key to add, so a new kind of record cannot slip past unchecked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.urls import URLPattern, URLResolver, get_resolver

from chanjiao.api import api


@dataclass(frozen=True)
class Target:
    rule: str
    attr: str = "pk"  # the record's attribute the parameter carries
    parents: tuple[tuple[str, str], ...] = ()  # (segment or parameter name, attribute) of other parameters


def t(rule: str, attr: str = "pk", **parents: str) -> Target:
    return Target(rule, attr, tuple(parents.items()))


# (app segment, segment before the parameter) or (segment,) -> the record the parameter names.
TARGETS: dict[tuple[str, ...], Target] = {
    ("jobs",): t("job"),
    ("tokens",): t("api_token"),
    ("regions",): t("region"),
    ("occupations",): t("occupation"),
    ("organisations",): t("organisation"),
    ("registrations",): t("organisation"),
    ("users",): t("user"),
    ("programs",): t("program"),
    ("years",): t("program_year", "year", programs="program_id"),
    ("carriers",): t("carrier"),
    ("members",): t("carrier_member", carriers="carrier_id"),
    ("students",): t("student"),
    ("teachers",): t("teacher"),
    ("placements",): t("placement"),
    ("rounds",): t("round"),
    ("positions",): t("position", rounds="round_id"),
    ("candidates",): t("candidate", rounds="round_id"),
    ("offers",): t("offer"),
    ("partners",): t("organisation_private"),
    ("needs",): t("need"),
    ("matching", "invitations"): t("expert_invitation"),
    ("results",): t("result"),
    ("schemes",): t("scheme"),
    ("cycles",): t("cycle"),
    ("evaluation", "assignments"): t("assignment"),
    ("evaluations",): t("evaluation"),
    ("cases",): t("case"),
    ("evidence",): t("evidence"),
    ("funding",): t("allocation"),
    ("returns",): t("return"),
    ("leaves",): t("leaf"),
    ("records",): t("ledger_record", "record_id", record_type="record_type"),
    ("surveys",): t("questionnaire"),
    ("questionnaires",): t("questionnaire"),
    ("constructs",): t("construct"),
    ("items",): t("item"),
    ("surveys", "invitations"): t("survey_invitation"),
    ("surveys", "responses"): t("response"),
    ("analyses",): t("analysis"),
    ("enterprises",): t("organisation_private"),
    ("credit", "assessments"): t("assessment"),
    ("notices",): t("notice"),
    ("policy",): t("region"),
    ("policies",): t("region"),
    ("versions",): t("policy_version", "version", policies="region_id"),
    ("v",): t("policy_version", "version", policy="region_id"),
    ("contributions",): t("contribution"),
    ("insurance",): t("cover"),
    ("applications",): t("application"),
    ("equity",): t("stake"),
    ("equity-stakes",): t("stake"),
    ("sharing",): t("sharing"),
    ("benefit-sharing",): t("sharing"),
    ("agreements",): t("agreement"),
    ("councils",): t("council"),
    ("meetings",): t("meeting"),
    ("motions",): t("motion"),
    ("postings",): t("posting"),
    ("consortia",): t("consortium"),
    ("products",): t("consortium_product", consortia="consortium_id"),
    ("courses",): t("course"),
    ("resources",): t("resource"),
    ("bookings",): t("booking"),
    ("calls",): t("call"),
    ("advice",): t("advice"),
    ("requests",): t("change_request"),
    ("change-requests",): t("change_request"),
    ("standards",): t("standard"),
    ("training",): t("training", "placement_id"),
    ("trainings",): t("training", "placement_id"),
    ("logs",): t("training_log"),
    ("remediation-plans",): t("remediation_plan"),
    ("remediation-steps",): t("remediation_step"),
    ("platforms",): t("xapi_source"),
    ("graduates",): t("graduate"),
    ("career",): t("career", "years_after", graduates="graduate_id"),
    ("follow-ups",): t("wave"),
    ("compliance",): t("compliance"),
    ("concerns",): t("concern"),
    ("notifications",): t("notification"),
}

# A sub-page whose audience is narrower than its record's (the doc names it apart).
SUB_PAGE_RULES: dict[tuple[str, str], str] = {
    ("questionnaire", "invitations"): "questionnaire_links",
    ("wave", "links"): "wave_links",
    ("round", "my-choices"): "round_student",
    ("round", "my-list"): "round_student",
    ("round", "my-result"): "round_student",
}

# Parameters that are not records: the values a route takes.
VALUES: dict[str, tuple[str, ...]] = {
    "fmt": ("xlsx", "pdf", "json"),
    "group": ("integration_index",),
    "action": ("respond", "consult", "close", "escalate", "fund"),
    "token": ("no-such-token-0000",),
    "uidb64": ("MQ",),
}


def template_codes() -> tuple[str, ...]:
    from chanjiao.surveys.services import TEMPLATES

    return tuple(TEMPLATES)[:1]


WEB_PARAM = re.compile(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>")
API_PARAM = re.compile(r"\{(?P<name>\w+)\}")
# Routes the matrix does not call: the admin site's object pages (the admin sees everything
# and every other role is sent to the admin sign-in), the language switch, the JS catalogue.
SKIPPED = re.compile(r"^(admin/.+<|admin/\^|admin/\(|i18n/|jsi18n/|api/$|api/openapi.json$|api/docs$)")


@dataclass
class Route:
    kind: str  # "web" | "api"
    pattern: str  # "people/students/<int:pk>/" or "api/students/{student_id}"
    method: str  # "GET" for web pages (writes are found on them); the operation's method for the API
    params: list[tuple[str, str]] = field(default_factory=list)  # (name, segment before it)
    body: dict | None = None  # the API request body's JSON schema

    @property
    def app(self) -> str:
        parts = self.pattern.removeprefix("api/").split("/")
        return parts[0]

    @property
    def key(self) -> str:
        return self.pattern if self.kind == "web" else f"{self.method} {self.pattern}"


def _walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


def _segments_before(pattern: str, regex: re.Pattern) -> list[tuple[str, str]]:
    params = []
    for match in regex.finditer(pattern):
        before = pattern[: match.start()]
        literal = [s for s in re.split(r"[/]", before) if s and not regex.search(s)]
        # "v<int:version>": the literal glued to the parameter is its segment
        glued = before.rsplit("/", 1)[-1]
        params.append(
            (match["name"], glued if glued and not regex.search(glued) else (literal[-1] if literal else ""))
        )
    return params


def web_routes() -> list[Route]:
    routes = {}
    for pattern in _walk(get_resolver().url_patterns):
        if pattern.startswith("api/") or SKIPPED.match(pattern) or pattern.startswith("^"):
            continue
        routes[pattern] = Route("web", pattern, "GET", _segments_before(pattern, WEB_PARAM))
    return list(routes.values())


def api_routes() -> list[Route]:
    schema = api.get_openapi_schema()
    components = schema.get("components", {}).get("schemas", {})
    routes = []
    for path, operations in schema["paths"].items():
        pattern = path.lstrip("/")
        for method, operation in operations.items():
            body = None
            content = operation.get("requestBody", {}).get("content", {})
            if "application/json" in content:
                body = _deref(content["application/json"]["schema"], components)
            elif content:
                body = {"multipart": True}
            routes.append(Route("api", pattern, method.upper(), _segments_before(pattern, API_PARAM), body))
    return routes


def _deref(schema: dict, components: dict, depth: int = 0) -> dict:
    if depth > 6:
        return {}
    if "$ref" in schema:
        return _deref(components[schema["$ref"].rsplit("/", 1)[-1]], components, depth + 1)
    out = dict(schema)
    if "properties" in out:
        out["properties"] = {k: _deref(v, components, depth + 1) for k, v in out["properties"].items()}
    if "items" in out:
        out["items"] = _deref(out["items"], components, depth + 1)
    for key in ("anyOf", "allOf", "oneOf"):
        if key in out:
            out[key] = [_deref(s, components, depth + 1) for s in out[key]]
    return out


def target_of(route: Route, name: str, segment: str) -> Target | None:
    return TARGETS.get((route.app, segment)) or TARGETS.get((segment,))


def object_param(route: Route) -> tuple[str, str, Target] | None:
    """The parameter naming the route's record: the last one that maps to a rule."""
    for name, segment in reversed(route.params):
        if name in VALUES or (segment == "templates" and name == "code"):
            continue
        target = target_of(route, name, segment)
        if target is not None:
            return name, segment, target
    return None


def unmapped(route: Route) -> list[str]:
    """Parameters the matrix cannot fill: each needs a TARGETS or VALUES entry."""
    found = object_param(route)
    missing = []
    for name, segment in route.params:
        if name in VALUES or (segment == "templates" and name == "code"):
            continue
        if found and name == found[0]:
            continue
        parents = dict(found[2].parents) if found else {}
        if name in parents or segment in parents:
            continue
        missing.append(f"{route.key}: parameter {name!r} after segment {segment!r}")
    return missing


def suffix(route: Route) -> str:
    """The first literal segment after the record's parameter: the page or action it names."""
    found = object_param(route)
    regex = WEB_PARAM if route.kind == "web" else API_PARAM
    if found is None:
        return ""
    name = found[0]
    marker = f"<{name}>" if route.kind == "web" else f"{{{name}}}"
    index = route.pattern.find(marker) if route.kind == "api" else None
    if route.kind == "web":
        match = next(m for m in regex.finditer(route.pattern) if m["name"] == name)
        index, marker = match.start(), match.group(0)
    rest = route.pattern[index + len(marker) :]
    parts = [p for p in rest.split("/") if p and not regex.search(p)]
    return parts[0].split(".")[0] if parts else ""
