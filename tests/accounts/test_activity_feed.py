"""The home page's recent activity: each user sees actions on the records it may see."""

import pytest

from chanjiao.accounts.services import create_api_token, record_activity
from factories import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def feed(world):
    record_activity(
        actor=world["school_user"], verb="enrol", target=world["student"], summary="学生甲 enrolled"
    )
    record_activity(actor=None, verb="rate", target=world["enterprise"], summary="public directory change")
    create_api_token(user=world["enterprise_user"], name="nightly export script")
    return world


@pytest.mark.parametrize(
    ("user", "student", "directory", "token"),
    [
        ("officer", True, True, False),
        ("nanjing_officer", False, True, False),  # another region's student is not in its feed
        ("school_user", True, True, False),
        ("other_school_user", False, True, False),
        ("student_user", False, True, False),
        ("enterprise_user", False, True, True),  # its own action
        ("admin", True, True, True),
    ],
)
def test_the_activity_feed_holds_what_the_user_may_see(feed, user, student, directory, token):
    page = client_for(feed[user]).get("/").content.decode()

    assert ("学生甲 enrolled" in page) is student
    assert ("public directory change" in page) is directory
    assert ("nightly export script" in page) is token
