"""The matrix: every route × every role, with records each role may and may not see or act on."""

from __future__ import annotations

import itertools
import random
import re
from collections import defaultdict
from dataclasses import dataclass, field

from access.probe import Answer, call, export_links, payload_for, post_forms, snapshot_of
from access.routes import SUB_PAGE_RULES, VALUES, Route, object_param, suffix, template_codes
from access.scope import Who, may, resolve
from access.table import RULES

# Anonymous users may reach these and nothing else (docs/roles-and-access.md, rule 1).
PUBLIC = re.compile(
    r"^(accounts/(login|logout|password[-_]reset|reset|register|signup)|health/|admin/login/|admin/logout/"
    r"|ledger/public-key|ledger/verify/|api/ledger/(public-key|heads)|api/openapi\.json|api/docs"
    r"|surveys/respond/|follow-up/|api/surveys/respond/|api/accounts/(password-reset|signup)|static/)"
)
# Who may create records at a collection (the doc's "add" column), by role; unlisted: every
# representative role. Students, teachers and mentors create nothing for an organisation.
CREATORS: dict[str, set[str]] = {
    "organisations": {"government"},
    "schemes": {"government"},
    "cycles": {"government"},
    "funding": {"government"},
    "cases": {"government"},
    "incidents": {"government"},
    "councils": {"government"},
    "placements": {"school"},
    "students": {"school"},
    "certification-exams": {"school"},
    "graduates": {"school"},
    "follow-ups": {"school"},
    "resources": {"school"},
    "calls": {"school"},
    "programs": {"school", "government"},
    "courses": {"school", "government"},
    "rounds": {"school", "government"},
    "postings": {"enterprise"},
    "needs": {"enterprise"},
    "change-requests": {"enterprise"},
    "requests": {"enterprise"},
    "applications": {"enterprise"},
    "contributions": {"enterprise", "government"},
    "standards": {"association", "school", "government"},
    "questionnaires": {"government", "school", "association", "evaluator"},
    "surveys": {"government", "school", "association", "evaluator"},
    "templates": {"government", "school", "association", "evaluator"},
    "refresh": {"government"},
    "recompute": {"government"},
    # the record log's signing and whole-log check, and demo generation: administrators only
    "sign": set(),
    "heads": set(),
    "verify-log": set(),
    "demo": set(),
    # checking a record's proof, changing one's own password, marking one's own notices read and
    # choosing which to get: every signed-in user
    "verify": {"*"},
    "password": {"*"},
    "read-all": {"*"},
    "preferences": {"*"},
}
REPRESENTATIVES = {"government", "school", "enterprise", "association", "evaluator"}
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
# Pages whose form changes nothing: trying a questionnaire out is reading it.
READ_ACTIONS = {"preview"}
LIST_COUNT = re.compile(r'<p class="count">\s*([\d,]+)')
MAX_EXPORT_ROWS_READ = 2_000
# Fields of a record its own representatives may not change (the doc: "R only"), with a value to
# try: an organisation's kind, region, credit code and certification.
PROTECTED: dict[str, dict[str, object]] = {
    "organisation": {
        "kind": "government",
        "region": 320100,
        "credit_code": "91320100000000001X",
        "certified_integration_enterprise": True,
    }
}


@dataclass(frozen=True)
class Finding:
    role: str
    method: str
    route: str
    kind: str

    def line(self) -> str:
        return f"{self.role} {self.method} {self.route} {self.kind}"


@dataclass
class Report:
    violations: set[Finding] = field(default_factory=set)
    soft: set[Finding] = field(default_factory=set)
    examples: dict[Finding, str] = field(default_factory=dict)
    requests: int = 0

    def add(self, finding: Finding, example: str, soft: bool = False) -> None:
        (self.soft if soft else self.violations).add(finding)
        self.examples.setdefault(finding, example)


class Samples:
    """Records to try per rule: a few seeded at random, and for each role a few it is linked to."""

    def __init__(self, roles: list[Who], seed: int = 13, per_rule: int = 4):
        self.roles = roles
        self.seed = seed
        self.per_rule = per_rule
        self._candidates: dict[str, list] = {}
        self._reach: dict[tuple[str, str], dict] = {}

    def candidates(self, rule_name: str) -> list:
        if rule_name not in self._candidates:
            rule = RULES[rule_name]
            manager = rule.model._default_manager
            pks = sorted(manager.values_list("pk", flat=True))
            # each rule draws from its own stream: a new rule or route does not reshuffle the others
            chosen = random.Random(f"{self.seed}:{rule_name}").sample(pks, min(self.per_rule, len(pks)))
            anchored = []
            grants = [g for gs in (rule.see, *rule.act.values()) for g in gs]
            for grant in grants:
                if grant.when is not None:
                    anchored += list(
                        manager.filter(grant.when).order_by("pk").values_list("pk", flat=True)[:1]
                    )
                    anchored += list(
                        manager.exclude(grant.when).order_by("pk").values_list("pk", flat=True)[:1]
                    )
                if grant.resolver is not None or grant.kind not in ("rep", "person"):
                    continue
                for who in self.roles:
                    value = who.organisation_id if grant.kind == "rep" else who.user_id
                    if value is not None:
                        rows = manager.filter(**{grant.path: value})
                        if grant.when is not None:
                            rows = rows.filter(grant.when)
                        anchored += list(rows.order_by("pk").values_list("pk", flat=True)[:1])
            self._candidates[rule_name] = list(dict.fromkeys(anchored + chosen))
        return self._candidates[rule_name]

    def reach(self, rule_name: str, action: str) -> dict:
        key = (rule_name, action)
        if key not in self._reach:
            rule = RULES[rule_name]
            self._reach[key] = resolve(rule.model, rule.grants(action), self.candidates(rule_name))
        return self._reach[key]

    def allowed_now(self, who: Who, rule_name: str, action: str, pk) -> bool:
        """Like ``allowed`` for a record that need not be a sampled one."""
        rule = RULES[rule_name]
        return may(who, rule, action, {action: resolve(rule.model, rule.grants(action), [pk])[pk]})

    def reach_of(self, rule_name: str, pk) -> dict:
        rule = RULES[rule_name]
        return resolve(rule.model, rule.see, [pk])[pk]

    def allowed(self, who: Who, rule_name: str, action: str, pk) -> bool:
        return may(who, RULES[rule_name], action, {action: self.reach(rule_name, action)[pk]})

    def pick(self, who: Who, rule_name: str, *, see: bool) -> object | None:
        return next(
            (pk for pk in self.candidates(rule_name) if self.allowed(who, rule_name, "view", pk) == see), None
        )

    def pick_write(self, who: Who, rule_name: str, action: str) -> object | None:
        """A record the role may not act on, one it sees if there is one."""
        refused = [pk for pk in self.candidates(rule_name) if not self.allowed(who, rule_name, action, pk)]
        seen = [pk for pk in refused if self.allowed(who, rule_name, "view", pk)]
        return (seen or refused or [None])[0]


def action_of(route: Route, method: str) -> str:
    name = suffix(route)
    if method == "GET" or name in READ_ACTIONS:
        return "view"
    if name in ("", "edit") or (route.kind == "api" and method in ("PATCH", "PUT") and not name):
        return "delete" if method == "DELETE" else "change"
    return name


def fill_url(route: Route, pk, samples: Samples) -> list[str]:
    """The concrete URLs of a route for a record (one per value of its value parameters)."""
    found = object_param(route)
    values: dict[str, tuple] = {}
    if found is not None:
        name, _segment, target = found
        model = RULES[target.rule].model
        attrs = [target.attr, *(a for _, a in target.parents)]
        row = model._default_manager.filter(pk=pk).values(*attrs).first()
        if row is None:
            return []
        values[name] = (row[target.attr],)
        parents = dict(target.parents)
        for other, segment in route.params:
            if other == name:
                continue
            attr = parents.get(other) or parents.get(segment)
            if attr is not None:
                values[other] = (row[attr],)
    for other, segment in route.params:
        if other not in values:
            values[other] = template_codes() if segment == "templates" else VALUES.get(other, ("1",))
    urls = []
    names = [n for n, _ in route.params]
    for combo in itertools.product(*(values[n] for n in names)):
        path = route.pattern
        for n, v in zip(names, combo, strict=True):
            path = (
                re.sub(rf"<(?:\w+:)?{n}>", str(v), path)
                if route.kind == "web"
                else path.replace(f"{{{n}}}", str(v))
            )
        urls.append("/" + path)
    return urls


def rule_for(route: Route, action: str) -> str | None:
    found = object_param(route)
    if found is None:
        return None
    rule_name = found[2].rule
    if action == "view":
        return SUB_PAGE_RULES.get((rule_name, suffix(route)), rule_name)
    return rule_name


class Matrix:
    def __init__(self, clients: dict, roles: list[Who], samples: Samples, needles):
        self.clients = clients
        self.roles = roles
        self.samples = samples
        self.needles = needles  # who -> compiled regex of values it may not see, and their kinds
        self.report = Report()
        self.admin_forms: dict[str, list | None] = {}
        self.rendered: set[tuple[str, str]] = set()
        self.field_values: dict[str, object] = {}

    # -- reads ---------------------------------------------------------------------------------
    def read(self, route: Route) -> None:
        rule_name = rule_for(route, "view")
        for who in self.roles:
            if rule_name is None:
                for url in fill_url(route, None, self.samples):
                    self._get(who, route, url, hidden=False)
                continue
            for see in (True, False):
                pk = self.samples.pick(who, rule_name, see=see)
                if pk is None:
                    continue
                for url in fill_url(route, pk, self.samples):
                    self._get(who, route, url, hidden=not see)

    def _get(self, who: Who, route: Route, url: str, *, hidden: bool, variant: str = "") -> None:
        if (who.name, url) in self.rendered:
            return
        self.rendered.add((who.name, url))
        answer = call(self.clients[who.name], "GET", url)
        self.report.requests += 1
        shown = route.pattern + variant
        self._judge_read(who, route, shown, url, answer, hidden)
        if (
            answer.status == 200
            and "html" in answer.content_type
            and not variant
            and self.needles[who.name][0]
        ):
            # exports are read for leaks by the roles that have values to hide from, when the list
            # is small enough to export in the time the suite has (its first page is read anyway)
            count = LIST_COUNT.search(answer.text)
            if count and int(count[1].replace(",", "")) > MAX_EXPORT_ROWS_READ:
                return
            for link in export_links(answer.text, url.split("?")[0]):
                self._get(who, route, link, hidden=hidden, variant="?" + link.split("?", 1)[1])

    def _judge_read(self, who: Who, route: Route, shown: str, url: str, answer: Answer, hidden: bool) -> None:
        method = "GET"
        if answer.status >= 500:
            self.report.add(Finding(who.name, method, shown, "server-error"), f"{url} {answer.error}")
            return
        if not 200 <= answer.status < 300:
            return
        if who.anonymous and not PUBLIC.match(route.pattern):
            self.report.add(Finding(who.name, method, shown, "anonymous-2xx"), url)
        elif hidden:
            self.report.add(Finding(who.name, method, shown, "read-outside-scope"), url)
        pattern, kinds = self.needles[who.name]
        if pattern is not None:
            for match in pattern.finditer(answer.text):
                kind = kinds[match.lastgroup]
                self.report.add(
                    Finding(who.name, method, shown, f"leak-{kind}"), f"{url} shows {match.group(0)!r}"
                )

    # -- writes --------------------------------------------------------------------------------
    def forms_for(self, url: str) -> list | None:
        """The values the admin's page posts to ``url``; None when nothing posts there."""
        if url not in self.admin_forms:
            answer = call(self.clients["admin"], "GET", url)
            self.report.requests += 1
            forms = post_forms(answer.text, url) if answer.status == 200 else {}
            for action, values in forms.items():
                self.admin_forms.setdefault(action, values)
            if url not in self.admin_forms:
                # a POST-only action: its form lives on the record's page
                self.admin_forms[url] = [] if answer.status in (302, 405) else None
        return self.admin_forms[url]

    def write(self, route: Route) -> None:
        if PUBLIC.match(route.pattern):
            return  # signing in and out, token links: anyone may post them
        methods = ["POST"] if route.kind == "web" else [route.method]
        if route.kind == "api" and route.method not in WRITE_METHODS:
            return
        for method in methods:
            action = action_of(route, method)
            rule_name = rule_for(route, action)
            for who in self.roles:
                if rule_name is None:
                    self._create(who, route, method)
                    continue
                if who.is_admin and action not in RULES[rule_name].personal:
                    continue
                pk = self.samples.pick_write(who, rule_name, action)
                if pk is None:
                    continue
                for url in fill_url(route, pk, self.samples)[:1]:
                    self._post(who, route, method, url, RULES[rule_name].model, pk)

    def protected(self, route: Route) -> None:
        """Own-organisation edits that try to change a field only officers change."""
        method = "POST" if route.kind == "web" else route.method
        if method not in ("POST", "PATCH", "PUT") or action_of(route, method) != "change":
            return
        rule_name = rule_for(route, "change")
        if rule_name not in PROTECTED:
            return
        model = RULES[rule_name].model
        for who in self.roles:
            pk = who.organisation_id
            if (
                pk is None
                or who.role == "government"
                or not self.samples.allowed_now(who, rule_name, "change", pk)
            ):
                continue
            for url in fill_url(route, pk, self.samples)[:1]:
                base = self.forms_for(url) if route.kind == "web" else []
                if base is None:
                    continue
                for name, value in PROTECTED[rule_name].items():
                    read = snapshot_of(model, pk)
                    if route.kind == "web":
                        data = {k: v for k, v in base if k != name} | {
                            name: "on" if value is True else str(value)
                        }
                        answer = call(self.clients[who.name], "POST", url, data=data, snapshot=read)
                    else:
                        answer = call(
                            self.clients[who.name], method, url, json_body={name: value}, snapshot=read
                        )
                    self.report.requests += 1
                    if answer.changed:
                        finding = Finding(who.name, method, route.pattern, f"own-{name}-changed")
                        self.report.add(finding, f"{url} {name}={value!r} -> {answer.status}")

    def _create(self, who: Who, route: Route, method: str) -> None:
        if route.params and route.kind == "web":
            return  # a value-parameter route (a token link) that takes no record: judged by reads
        segment = route.pattern.removeprefix("api/").rstrip("/").split("/")
        collection = (
            segment[-2]
            if segment[-1] in ("new", "use", "register", "import") and len(segment) > 1
            else segment[-1]
        )
        allowed = CREATORS.get(collection, REPRESENTATIVES)
        if (
            who.is_admin
            or (who.role in allowed and who.representative)
            or ("*" in allowed and not who.anonymous)
        ):
            return
        for url in fill_url(route, None, self.samples)[:1]:
            self._post(who, route, method, url, None, None)

    def _post(self, who: Who, route: Route, method: str, url: str, model, pk) -> None:
        kwargs = {}
        if route.kind == "web":
            values = self.forms_for(url)
            if values is None:
                return
            data: dict[str, list[str]] = defaultdict(list)
            for name, value in values:
                data[name].append(value)
            kwargs["data"] = dict(data)
        elif route.body is not None:
            if route.body.get("multipart"):
                kwargs["data"] = {}
            else:
                kwargs["json_body"] = {} if method == "PATCH" else payload_for(route.body, self._fill)
        snapshot = snapshot_of(model, pk) if model is not None else None
        answer = call(self.clients[who.name], method, url, snapshot=snapshot, **kwargs)
        self.report.requests += 1
        self._judge_write(who, route, method, url, answer)

    def _judge_write(self, who: Who, route: Route, method: str, url: str, answer: Answer) -> None:
        shown = route.pattern
        if answer.status >= 500:
            self.report.add(Finding(who.name, method, shown, "server-error"), f"{url} {answer.error}")
        elif 200 <= answer.status < 300 or (
            300 <= answer.status < 400 and not answer.location.startswith(LOGIN)
        ):
            self.report.add(Finding(who.name, method, shown, "write-allowed"), f"{url} -> {answer.status}")
        elif answer.status in (400, 422):
            self.report.add(Finding(who.name, method, shown, "validated-before-refused"), url, soft=True)
        elif answer.changed:
            self.report.add(
                Finding(who.name, method, shown, "refused-but-changed"), f"{url} -> {answer.status}"
            )

    def _fill(self, name: str, schema: dict):
        """Values for the properties that say whom a new record is for: another organisation's."""
        if not self.field_values:
            from chanjiao.accounts.models import User
            from chanjiao.registry.models import Carrier, Program, Student

            school = User.objects.get(username="school").organisation
            enterprise = User.objects.get(username="enterprise").organisation
            first = lambda rows: rows.order_by("pk").values_list("pk", flat=True).first()  # noqa: E731
            self.field_values = {
                "unit_kind": "college",
                "unit_id": school.pk,
                "school": school.pk,
                "enterprise": enterprise.pk,
                "organisation": enterprise.pk,
                "owner": school.pk,
                "student": first(Student.objects.filter(school=school)),
                "program": first(Program.objects.filter(school=school)),
                "carrier": first(Carrier.objects.filter(lead=school)),
                "region": school.region_id,
                "year": 2022,  # a year the demo units have not filed a return for
                "title": "access matrix",
                "name": "access matrix",
            }
        return self.field_values.get(name if name == "unit_id" else name.removesuffix("_id"))


LOGIN = ("/accounts/login/", "/admin/login/")
