"""The Django admin is for platform administrators; idle sessions end; outside the demo no account
has a known password, and the first administrator chooses its own."""

import argparse
import time

import pytest

from chanjiao.accounts.models import Role, User
from chanjiao.accounts.sessions import SEEN
from chanjiao.cli import main
from chanjiao.registry.models import Organisation
from factories import client_for, make_org, make_user


def test_the_admin_lists_users_and_organisations_to_platform_administrators_only(world):
    admin = client_for(world["admin"])
    staff_officer = world["officer"]
    staff_officer.is_staff = True
    staff_officer.save()

    users = admin.get("/admin/accounts/user/")
    organisations = admin.get("/admin/registry/organisation/?q=苏州")
    officer = client_for(staff_officer).get("/admin/accounts/user/")

    assert users.status_code == organisations.status_code == 200
    assert (
        "school_user" in users.content.decode() and "苏州示范职业技术学院" in organisations.content.decode()
    )
    assert officer.status_code == 302 and officer["Location"].startswith("/admin/login/")


def test_an_organisation_saved_in_the_admin_goes_through_the_registry_service(world):
    school = world["school"]
    form = client_for(world["admin"]).get(f"/admin/registry/organisation/{school.pk}/change/")

    response = client_for(world["admin"]).post(
        f"/admin/registry/organisation/{school.pk}/change/",
        {
            "kind": "school",
            "name": "苏州示范职业技术学院（新）",
            "status": "active",
            "region": school.region_id,
            "school_level": "higher",
        },
    )

    assert form.status_code == 200
    assert response.status_code == 302
    assert Organisation.objects.get(pk=school.pk).name == "苏州示范职业技术学院（新）"
    from chanjiao.accounts.models import Activity

    assert Activity.objects.filter(verb="update", target_id=str(school.pk), actor=world["admin"]).exists()


def test_an_idle_session_ends(db, settings):
    settings.SESSION_IDLE_TIMEOUT = 600
    client = client_for(make_user("school"))
    assert client.get("/").status_code == 200
    session = client.session
    session[SEEN] = int(time.time()) - 601
    session.save()

    assert client.get("/").status_code == 302


def test_an_active_session_moves_its_expiry_forward(db, settings):
    settings.SESSION_IDLE_TIMEOUT = 600
    client = client_for(make_user("school"))
    session = client.session
    session[SEEN] = int(time.time()) - 500
    session.save()

    assert client.get("/").status_code == 200
    assert int(time.time()) - client.session[SEEN] < 5
    assert client.get("/").status_code == 200


def test_setup_without_the_demo_creates_no_account(db, monkeypatch, capsys):
    from chanjiao.commands import platform

    monkeypatch.setattr(platform, "migrate_database", lambda: None)
    monkeypatch.setattr(platform, "collect_static", lambda: None)
    make_org("school")

    assert platform.handle_setup(argparse.Namespace(demo=False)) == 0

    assert User.objects.count() == 0
    assert "chanjiao createadmin" in capsys.readouterr().out


def test_run_no_demo_sets_up_without_the_demo(monkeypatch):
    from chanjiao.commands import platform

    seen = []
    monkeypatch.setattr(platform, "handle_setup", lambda args: seen.append(args.demo) or 1)

    assert main(["run", "--no-demo"]) == 1
    assert seen == [False]


def test_createadmin_reads_the_password_from_a_file(db, tmp_path, capsys):
    secret = tmp_path / "password"
    secret.write_text("Kq7!turbine-lathe\n")

    assert main(["createadmin", "ops", "--email", "ops@example.cn", "--password-file", str(secret)]) == 0

    admin = User.objects.get(username="ops")
    assert (admin.role, admin.is_superuser, admin.is_staff) == (Role.ADMIN, True, True)
    assert admin.check_password("Kq7!turbine-lathe")


@pytest.mark.parametrize(
    ("password", "message"),
    [("ops", "too short"), ("password123", "too common")],
)
def test_createadmin_refuses_a_weak_password(db, tmp_path, capsys, password, message):
    secret = tmp_path / "password"
    secret.write_text(password)

    assert main(["createadmin", "ops", "--password-file", str(secret)]) == 2

    assert message in capsys.readouterr().err
    assert not User.objects.exists()


def test_createadmin_refuses_an_existing_name_and_a_missing_terminal(db, capsys, monkeypatch):
    make_user("school", username="taken")
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)

    assert main(["createadmin", "taken"]) == 2
    assert main(["createadmin", "fresh"]) == 2

    err = capsys.readouterr().err
    assert "exists already" in err and "give --password-file" in err
    assert not User.objects.filter(username="fresh").exists()
