"""The access policy engine, on the registry's declared rules."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.accounts.models import Role
from chanjiao.registry.models import Organisation, Program, Region, Student
from factories import NANJING, SUZHOU, make_user


def test_a_representative_acts_for_its_organisation_and_a_member_does_not(world):
    # given a school's office and one of its students
    office, student_user = world["school_user"], world["student_user"]
    # then only the office may change the school or add its programs
    assert access.allows(office, Action.CHANGE, world["school"])
    assert not access.allows(student_user, Action.CHANGE, world["school"])
    assert access.may_create(office, Program, school=world["school"])
    assert not access.may_create(student_user, Program, school=world["school"])
    assert not access.may_create(office, Program, school=world["other_school"])


def test_an_officer_governs_its_region_and_below_only(world):
    officer, nanjing = world["officer"], world["nanjing_officer"]
    assert access.allows(officer, Action.GOVERN, world["other_school"])  # Wuzhong is in Suzhou
    assert not access.allows(nanjing, Action.GOVERN, world["other_school"])
    assert set(access.options(officer, Organisation, "region").values_list("pk", flat=True)) == set(
        Region.objects.filter(path__startswith=Region.objects.get(pk=SUZHOU).path).values_list(
            "pk", flat=True
        )
    )
    assert not access.options(officer, Organisation, "region").filter(pk=NANJING).exists()


def test_private_records_are_visible_to_the_person_the_school_and_officers(world):
    student = world["student"]
    student.user = world["student_user"]
    student.save()
    assert list(access.visible(world["student_user"], Student)) == [student]
    assert set(access.visible(world["school_user"], Student)) == {student}
    assert set(access.visible(world["officer"], Student)) == {student, world["other_student"]}
    assert not access.visible(world["nanjing_officer"], Student).exists()
    assert not access.visible(world["enterprise_user"], Student).exists()


def test_get_answers_404_when_invisible_and_403_when_visible_but_not_allowed(world):
    with pytest.raises(Http404):
        access.get(world["enterprise_user"], Student, world["student"].pk)
    with pytest.raises(PermissionDenied) as refusal:
        access.get(world["enterprise_user"], Organisation, world["school"].pk, Action.CHANGE)
    assert "representatives" in str(refusal.value)
    assert access.get(world["school_user"], Student, world["student"].pk, Action.CHANGE) == world["student"]


def test_the_administrator_may_everything_and_anonymous_users_nothing(world):
    from django.contrib.auth.models import AnonymousUser

    assert access.allows(world["admin"], Action.GOVERN, world["school"])
    assert not access.possible(AnonymousUser(), Action.VIEW, Region)
    assert not access.visible(AnonymousUser(), Region).exists()


def test_a_deactivated_user_may_nothing(world):
    office = world["school_user"]
    office.is_active = False
    assert not access.allows(office, Action.CHANGE, world["school"])


def test_possible_answers_without_a_query(world, django_assert_num_queries):
    student_user = world["student_user"]
    access.actor_of(student_user)
    with django_assert_num_queries(0):
        assert not access.possible(student_user, Action.CREATE, Program)
        assert access.possible(student_user, Action.VIEW, Student)


def test_allowed_ids_decides_a_page_of_rows_in_one_query(world, django_assert_num_queries):
    office = world["school_user"]
    access.actor_of(office)
    ids = [world["program"].pk, world["other_program"].pk]
    with django_assert_num_queries(1):
        assert access.allowed_ids(office, Action.CHANGE, Program, ids) == {world["program"].pk}


def test_a_role_without_an_organisation_acts_for_none(db):
    lone = make_user(Role.SCHOOL, None, "lone_office")
    assert access.actor_of(lone).represents is None
    assert not access.options(lone, Program, "school").exists()


def test_the_header_offers_only_what_the_policy_lets_the_user_see(world):
    from factories import client_for

    student_page = client_for(world["student_user"]).get("/").content.decode()
    officer_page = client_for(world["officer"]).get("/").content.decode()

    assert "/evaluation/schemes/" not in student_page and "/surveys/" not in student_page
    assert "/evaluation/schemes/" in officer_page and "/surveys/" in officer_page
