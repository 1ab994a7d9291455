"""A small city to evaluate: four carriers in Suzhou with members, placements and annual returns.

Carrier figures are chosen so the lights are known in advance (scheme restricted to two
indicators in `two_indicator_scheme`):

=========  ==========================  ==================  =============================
carrier     lead                        employment (%)      key equipment failed / items
=========  ==========================  ==================  =============================
A (world)   school                      90 (180 / 200)      5 / 10 = 50 %  -> red line
B           other school (Wuzhong)      95 (95 / 100)       0 / 10 = 0 %
C           school                      60 (60 / 100)       2 / 10 = 20 %
D           enterprise                  80 (80 / 100)       1 / 10 = 10 %
=========  ==========================  ==================  =============================
"""

import pytest

from chanjiao.accounts.models import Role
from chanjiao.evaluation import runs, services
from chanjiao.evaluation.models import UnitKind
from chanjiao.registry.models import Organisation
from evaluation.evaluation_support import YEAR, file_return, two_indicator_framework
from factories import SUZHOU, make_carrier, make_org, make_user


@pytest.fixture
def city(world):
    """The world plus three more carriers, a third enterprise, an evaluator and returns for 2025."""
    third_enterprise = make_org("enterprise", "苏州三号制造有限公司", revenue=20000, rd_spending=100)
    carrier_a = world["carrier"]
    carrier_b = make_carrier(world["other_school"], members=[world["enterprise"]], name="B 实训基地")
    carrier_c = make_carrier(
        world["school"], members=[world["other_enterprise"], third_enterprise], name="C 产业学院"
    )
    carrier_d = make_carrier(
        world["enterprise"], members=[world["school"]], kind="joint_lab", name="D 联合实验室"
    )
    figures = {
        carrier_a.pk: (200, 180, 10, 5),
        carrier_b.pk: (100, 95, 10, 0),
        carrier_c.pk: (100, 60, 10, 2),
        carrier_d.pk: (100, 80, 10, 1),
    }
    for carrier_id, (graduates, employed, items, failed) in figures.items():
        file_return(
            UnitKind.CARRIER,
            carrier_id,
            graduates=graduates,
            graduates_employed=employed,
            key_equipment_items=items,
            key_equipment_failed=failed,
        )
    evaluation_agency = make_org("evaluator", "江苏中评教育评估有限公司", region=SUZHOU)
    return {
        **world,
        "third_enterprise": third_enterprise,
        "carriers": [carrier_a, carrier_b, carrier_c, carrier_d],
        "evaluator": make_user(Role.EVALUATOR, evaluation_agency, "evaluator"),
        "other_evaluator": make_user(Role.EVALUATOR, evaluation_agency, "other_evaluator"),
    }


@pytest.fixture
def scheme(city):
    """A Suzhou carrier scheme on two indicators, no outlier treatment, the equipment red line."""
    officer = city["officer"]
    scheme = services.create_scheme(
        actor=officer,
        data={
            "name": "苏州市载体评价",
            "unit_kind": UnitKind.CARRIER,
            "region": Organisation.objects.get(pk=city["suzhou_bureau"].pk).region,
            "outliers": "none",
        },
    )
    services.set_thresholds(
        actor=officer,
        scheme=scheme,
        green_from=60.0,
        yellow_from=None,
        red_lines=[{"indicator": "key_equipment_failure_rate", "comparison": "above", "threshold": 40.0}],
        red_deadline_days=90,
        yellow_deadline_days=180,
    )
    return services.set_framework(actor=officer, scheme=scheme, framework=two_indicator_framework())


@pytest.fixture
def cycle(scheme, city):
    return services.create_cycle(actor=city["officer"], scheme=scheme, kind="annual", year=YEAR)


@pytest.fixture
def evaluation(cycle, city):
    return runs.run_evaluation(actor=city["officer"], cycle=cycle)
