"""The users the API fuzzing (tests/fuzzing.py) sends each generated request as."""

import pytest
from django.core import signals
from django.db import close_old_connections

from chanjiao.accounts.models import Role
from chanjiao.accounts.services import create_api_token
from chanjiao.registry.models import Teacher
from factories import make_org, make_user
from fuzzing import ROLES


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
