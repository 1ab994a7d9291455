"""Schema-driven fuzzing: every operation of the OpenAPI schema the platform serves, with inputs
schemathesis generates from it (valid and invalid), sent as every role. No answer may be a 5xx,
have a status the operation does not declare, or a body that breaks the declared schema.

Bounded and reproducible: 2 generated inputs per operation (derandomized, no shrinking), each
sent as 10 users (anonymous and 9 roles) of the small factory world."""

import json

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from chanjiao.accounts.models import Role
from chanjiao.accounts.services import create_api_token
from chanjiao.api import api
from chanjiao.registry.models import Teacher
from factories import make_org, make_user


def _served_schema() -> dict:
    """The schema as /api/openapi.json serves it, without the security schemes: the users below
    authenticate with their own tokens instead of generated credentials."""
    raw = json.loads(json.dumps(api.get_openapi_schema(path_prefix="/api/")))
    raw.pop("security", None)
    raw["components"].pop("securitySchemes", None)
    for path_item in raw["paths"].values():
        for operation in path_item.values():
            operation.pop("security", None)
    return raw


schema = schemathesis.openapi.from_dict(_served_schema())
schema.app = WSGIHandler()
schema.config.phases.update(phases=["fuzzing"])
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
ROLES = (
    "admin",
    "officer",
    "school_user",
    "enterprise_user",
    "student_user",
    "teacher_user",
    "mentor_user",
    "association_user",
    "evaluator_user",
)


@pytest.fixture
def headers_by_user(world):
    """{user: headers}: anonymous, then a token of each role (teacher and mentor own their record,
    the student user is the world's student)."""
    world["teacher_user"] = make_user(Role.TEACHER, world["school"], "teacher_user")
    world["mentor_user"] = make_user(Role.TEACHER, world["enterprise"], "mentor_user")
    Teacher.objects.filter(pk=world["teacher"].pk).update(user=world["teacher_user"])
    Teacher.objects.filter(pk=world["mentor"].pk).update(user=world["mentor_user"])
    world["student"].user = world["student_user"]
    world["student"].save()
    world["association_user"] = make_user(Role.ASSOCIATION, make_org("association"), "association_user")
    world["evaluator_user"] = make_user(Role.EVALUATOR, make_org("evaluator"), "evaluator_user")
    headers = {"anonymous": {}}
    for name in ROLES:
        _, token = create_api_token(user=world[name], name="fuzz")
        headers[name] = {"Authorization": f"Bearer {token}"}
    # The requests run inside the test's transaction: keep Django from closing its connection
    # after each one (what django.test.Client does too).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield headers
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=2,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_answers_as_declared_for_every_role(case, headers_by_user):
    problems = []
    for user, headers in headers_by_user.items():
        response = case.call(headers=headers)
        try:
            case.validate_response(response, checks=CHECKS)
        except Exception as failure:  # every role's answer is checked before the test fails
            problems.append(f"as {user}: {failure}")
    assert not problems, "\n\n".join(problems)
