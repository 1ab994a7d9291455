"""Schema-driven fuzzing (tests/api/): every operation of the OpenAPI schema the platform serves,
with inputs schemathesis generates from it (valid and invalid), sent as every role. No answer may
be a 5xx, have a status the operation does not declare, or a body that breaks the declared schema.

Bounded and reproducible: 2 generated inputs per operation, one valid and one invalid
(derandomized, no shrinking), each sent as 10 users (anonymous and 9 roles) of the small factory
world. One pytest test per operation, split over two test files so that the suite's two
processes share them (schemathesis' own pytest plugin runs a single operation per file under
pytest-xdist)."""

import json
import re

import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from chanjiao.api import api


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
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
FUZZ_SETTINGS = settings(
    max_examples=2,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
# The operations tests/api/test_api_fuzz.py covers; test_api_fuzz_second_half.py covers the rest.
FIRST_HALF = (
    r"^/api/(jobs|regions|occupations|organisations|programs|carriers|students|teachers|me|placements"
    r"|matching|evaluation|ledger|surveys)\b"
)
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


def operations(*, first_half: bool) -> list[str]:
    """The operation labels ("GET /api/regions") of one half of the schema."""
    labels = [result.ok().label for result in schema.get_all_operations()]
    return [label for label in labels if bool(re.match(FIRST_HALF, label.split(" ")[1])) == first_half]


def fuzz(label: str, headers_by_user) -> None:
    """Generate the operation's inputs and check each as every user."""
    method, path = label.split(" ")
    operation = schema[path][method]
    cases = st.one_of(
        operation.as_strategy(GenerationMode.POSITIVE), operation.as_strategy(GenerationMode.NEGATIVE)
    )

    @FUZZ_SETTINGS
    @given(case=cases)
    def run(case):
        check_as_every_user(case, headers_by_user)

    run()


def check_as_every_user(case, headers_by_user) -> None:
    """Send ``case`` as each user and fail with every user's problems at once."""
    problems = []
    for user, headers in headers_by_user.items():
        response = case.call(headers=headers)
        try:
            case.validate_response(response, checks=CHECKS)
        except Exception as failure:
            problems.append(f"as {user}: {failure}")
    assert not problems, "\n\n".join(problems)
