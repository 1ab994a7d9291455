"""The registry's pickers: regions, organisations, people, programs and occupations chosen by
name (``chanjiao.web.pickers``). Each offers what the access policy lets its user see."""

from __future__ import annotations

from typing import Any

from chanjiao.accounts.access import visible
from chanjiao.registry.models import (
    Carrier,
    Occupation,
    Organisation,
    OrgKind,
    Program,
    Region,
    RegionLevel,
    Student,
    Teacher,
    TeacherKind,
)
from chanjiao.web.pickers import Picker

MENTOR_KINDS = [TeacherKind.MENTOR, TeacherKind.PART_TIME]


def _organisation_label(organisation: Organisation) -> str:
    return f"{organisation.name} · {organisation.get_kind_display()} · {organisation.region.name}"


def _organisation_picker(name: str, *kinds: Any) -> Picker:
    """Organisations the user may see (of these kinds, if any), searched by name or credit code."""

    def scope(user):
        organisations = visible(user, Organisation)
        return organisations.filter(kind__in=kinds) if kinds else organisations

    return Picker(
        name, scope=scope, search=("name", "credit_code"), label=_organisation_label, related=("region",)
    )


def _person_label(person) -> str:
    return f"{person.name} · {person.organisation.name}"


REGIONS = Picker(
    "regions",
    scope=lambda user: Region.objects.all(),  # public reference data, as on the regions page
    search=("name", "full_name", "pinyin"),
    label=lambda region: region.full_name or region.name,
    order=("path",),
    public=True,
)
ORGANISATIONS = _organisation_picker("organisations")
ENTERPRISES = _organisation_picker("enterprises", OrgKind.ENTERPRISE)
SCHOOLS = _organisation_picker("schools", OrgKind.SCHOOL)
ASSOCIATIONS = _organisation_picker("associations", OrgKind.ASSOCIATION)
PARTNERS = _organisation_picker("partners", OrgKind.ENTERPRISE, OrgKind.ASSOCIATION, OrgKind.RESEARCH)
TEACHERS = Picker(
    "teachers",
    scope=lambda user: visible(user, Teacher),
    search=("name", "organisation__name", "expertise"),
    label=_person_label,
    related=("organisation",),
    order=("name", "pk"),
    forward={"organisation": "organisation_id"},
)
COLLEGE_TEACHERS = Picker(
    "college-teachers",
    scope=lambda user: visible(user, Teacher).filter(kind=TeacherKind.TEACHER),
    search=("name", "organisation__name", "expertise"),
    label=_person_label,
    related=("organisation",),
    order=("name", "pk"),
    forward={"organisation": "organisation_id"},
)
MENTORS = Picker(
    "mentors",
    scope=lambda user: visible(user, Teacher).filter(kind__in=MENTOR_KINDS),
    search=("name", "organisation__name"),
    label=_person_label,
    related=("organisation",),
    order=("name", "pk"),
    forward={"organisation": "organisation_id", "enterprise": "organisation_id"},
)
STUDENTS = Picker(
    "students",
    scope=lambda user: visible(user, Student),
    search=("name", "student_no"),
    label=lambda student: f"{student.name} · {student.student_no} · {student.school.name}",
    related=("school",),
    order=("name", "pk"),
    forward={"school": "school_id", "program": "program_id"},
)
PROGRAMS = Picker(
    "programs",
    scope=lambda user: visible(user, Program),
    search=("name", "code", "school__name"),
    label=lambda program: f"{program.name} · {program.school.name}",
    related=("school",),
    order=("name", "pk"),
    forward={"school": "school_id"},
)
CARRIERS = Picker(
    "carriers",
    scope=lambda user: visible(user, Carrier),
    search=("name", "lead__name"),
    label=lambda carrier: f"{carrier.name} · {carrier.lead.name}",
    related=("lead",),
    order=("name", "pk"),
)
OCCUPATIONS = Picker(
    "occupations",
    scope=lambda user: visible(user, Occupation),
    search=("code", "name", "aliases"),
    label=lambda occupation: f"{occupation.code} {occupation.name}",
    order=("code",),
)
CITIES = Picker(
    "cities",
    scope=lambda user: Region.objects.filter(level=RegionLevel.CITY),
    search=("name", "full_name", "pinyin"),
    label=lambda region: region.full_name or region.name,
    order=("path",),
    public=True,
)
