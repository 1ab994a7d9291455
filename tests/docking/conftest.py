"""Docking fixtures: the shared `world` plus crosswalks, graduates, a consortium, and helpers."""

import pytest

from chanjiao.registry.models import CarrierMember, ProgramOccupation, ProgramYear
from docking.docking_factories import YEAR
from factories import make_carrier


@pytest.fixture
def docking(world):
    """`world` with crosswalks, expected graduates for 2024–2025 and a municipal consortium.

    数控技术 (school, Huqiu) leads to 车工 and 多工序数控机床操作调整工 half and half; 计算机应用技术
    (other school, Wuzhong) to 计算机程序设计员. 80 and 120 expected graduates in 2025.
    """
    ProgramOccupation.objects.create(program=world["program"], occupation_id="6-18-01-01", weight=0.5)
    ProgramOccupation.objects.create(program=world["program"], occupation_id="6-18-01-07", weight=0.5)
    ProgramOccupation.objects.create(program=world["other_program"], occupation_id="4-04-05-01", weight=1.0)
    for year, graduates, other in ((YEAR - 1, 90, 100), (YEAR, 80, 120)):
        ProgramYear.objects.create(
            program=world["program"], year=year, enrolment=100, expected_graduates=graduates
        )
        ProgramYear.objects.create(
            program=world["other_program"], year=year, enrolment=130, expected_graduates=other
        )
    consortium = make_carrier(
        world["suzhou_bureau"], members=[world["enterprise"], world["school"]], kind="municipal_consortium"
    )
    CarrierMember.objects.filter(carrier=consortium, organisation=world["enterprise"]).update(role="member")
    return {**world, "consortium": consortium}
