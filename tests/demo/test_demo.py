"""The demo city: realistic, deterministic for a seed, generated once."""

import hashlib

import pytest
from django.db import transaction

from chanjiao.demo.generator import credit_code, generate
from chanjiao.registry.forms import CREDIT_CODE
from chanjiao.registry.models import (
    Carrier,
    CarrierMember,
    Organisation,
    Program,
    ProgramOccupation,
    Student,
    Teacher,
)


def fingerprint() -> str:
    rows = [
        *Organisation.objects.order_by("credit_code").values_list(
            "name", "credit_code", "region_id", "revenue"
        ),
        *Student.objects.order_by("school__name", "student_no").values_list(
            "school__name", "student_no", "name", "program__code"
        ),
        *Carrier.objects.order_by("name").values_list("name", "kind", "legal_personality"),
    ]
    return hashlib.sha256(repr(rows).encode()).hexdigest()


@pytest.fixture(scope="module")
def demo_city(django_db_setup, django_db_blocker):
    """Generated once for the module inside a transaction that is rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        dataset = generate(scale="city", seed=7)
        yield dataset, fingerprint()
        transaction.set_rollback(True)


def test_the_demo_city_has_the_size_the_brief_asks_for(demo_city, db):
    dataset, _ = demo_city

    counts = {k: dataset.counts[k] for k in ("schools", "enterprises", "carriers", "students", "accounts")}
    assert counts == {"schools": 12, "enterprises": 800, "carriers": 40, "students": 25_000, "accounts": 9}
    assert 140 <= dataset.counts["programs"] <= 160
    assert (
        Organisation.objects.filter(kind="school", region__path__startswith="/320000/320500/").count() == 12
    )
    assert set(Carrier.objects.values_list("kind", flat=True)) == {
        k for k, _ in Carrier._meta.get_field("kind").choices
    }
    assert ProgramOccupation.objects.filter(program__in=Program.objects.all()).count() >= 150
    assert Teacher.objects.filter(kind="teacher").count() == 12 * 40


def test_the_demo_city_is_realistic(demo_city, db):
    industrial_colleges = Carrier.objects.filter(kind="industrial_college")
    with_legal_personality = (
        industrial_colleges.filter(legal_personality=True).count() / industrial_colleges.count()
    )
    manufacturing = Organisation.objects.filter(kind="enterprise", industry="C").count() / 800
    council_seats = CarrierMember.objects.filter(carrier__governance_body="council", council_seats__gt=0)
    enterprise_seats = sum(m.council_seats for m in council_seats if m.organisation.kind == "enterprise")

    assert with_legal_personality < 0.5  # most industrial colleges have none (77 % in the seeds)
    assert 0.3 < manufacturing < 0.55
    assert 0 < enterprise_seats / sum(m.council_seats for m in council_seats) < 0.4
    assert all(
        CREDIT_CODE.match(c)
        for c in Organisation.objects.exclude(credit_code=None).values_list("credit_code", flat=True)[:200]
    )


def test_generation_is_idempotent(demo_city, db):
    dataset, before = demo_city

    again = generate(scale="city", seed=7)

    assert again.pk == dataset.pk
    assert fingerprint() == before  # every organisation, student and carrier, unchanged


def test_credit_codes_carry_the_national_check_character():
    # GB 32100-2015 check character; the standard's published example 91350100M000100Y43 ends in 3.
    from chanjiao.core.taxonomy.credit_codes import check_character, is_valid

    assert check_character("91350100M000100Y4") == "3"
    assert is_valid(credit_code(320505, 1))
    assert credit_code(350100, 0).startswith("91350100")
    assert credit_code(320505, 1) == "913205050000000015"
    assert CREDIT_CODE.match(credit_code(110101, 123456789))
