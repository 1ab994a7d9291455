import copy
import json

import numpy as np
import pytest

from chanjiao.core.indicators import (
    REGIONAL_WEIGHT_SETS,
    Dimension,
    Framework,
    Indicator,
    default_framework,
    regional_framework,
)


def leaf(code, direction="benefit", weight=1.0, target=None):
    return Indicator(
        code, code.title(), code, direction, "%", f"{code} per unit", target=target, weight=weight
    )


def test_default_framework_has_three_dimensions_and_the_seeds_indicators():
    # when
    framework = default_framework()

    # then
    assert [(d.code, d.name_en, d.name_zh) for d in framework.root.children] == [
        ("participation", "Participation degree", "参与度"),
        ("process", "Process management", "过程管理"),
        ("results", "Result effectiveness", "结果成效"),
    ]
    assert framework.indicator_codes == (
        "enterprise_participation_rate",
        "enterprise_investment_intensity",
        "enterprise_council_seat_share",
        "curriculum_update_frequency",
        "practical_course_share",
        "dual_qualified_teacher_share",
        "key_equipment_failure_rate",
        "graduate_employment_rate",
        "job_matching_degree",
        "starting_salary_difference",
        "skill_certification_pass_rate",
        "graduate_retention_rate",
        "technical_needs_solved_rate",
        "achievement_transfer_income",
        "patents_granted",
        "cooperation_satisfaction",
    )
    assert [i.code for i in framework.indicators if i.direction == "cost"] == ["key_equipment_failure_rate"]
    targets = {i.code: i.target for i in framework.indicators if i.target is not None}
    assert targets == {"enterprise_council_seat_share": 40.0, "practical_course_share": 50.0}
    assert all(indicator.name_zh and indicator.definition for indicator in framework.indicators)


def test_framework_round_trips_through_json():
    # given
    framework = regional_framework(default_framework(), "east")

    # when
    restored = Framework.from_dict(json.loads(json.dumps(framework.to_dict(), ensure_ascii=False)))

    # then
    assert restored == framework
    assert restored.to_dict() == framework.to_dict()


def test_effective_weights_multiply_normalised_weights_along_the_path():
    # given index -> (left: a, b with 1:3) weight 2, c weight 1
    framework = Framework(
        Dimension(
            "index",
            "Index",
            "指数",
            (Dimension("left", "Left", "左", (leaf("a"), leaf("b", weight=3)), weight=2), leaf("c")),
        )
    )

    # then
    np.testing.assert_allclose(framework.effective_weights(), [2 / 3 * 1 / 4, 2 / 3 * 3 / 4, 1 / 3])
    assert framework.dimension_codes == ("index", "left")
    assert framework.weighted_codes == ("left", "a", "b", "c")


def test_perturbed_effective_weights_renormalise_siblings():
    framework = Framework(Dimension("index", "Index", "指数", (leaf("a"), leaf("b"))))

    weights = framework.perturbed_effective_weights(np.array([[1.0, 3.0], [2.0, 2.0]]))

    assert weights.tolist() == [[0.25, 0.75], [0.5, 0.5]]
    with pytest.raises(ValueError, match="finite and non-negative"):
        framework.perturbed_effective_weights(np.array([[1.0, -1.0]]))
    with pytest.raises(ValueError, match=r"shape \(n_sets, 2\)"):
        framework.perturbed_effective_weights(np.ones(2))


def test_with_weights_replaces_named_weights_only_and_rejects_unknown_codes():
    framework = default_framework()

    reweighted = framework.with_weights({"results": 2.0, "patents_granted": 0.5})

    assert reweighted.root.children[2].weight == 2.0
    assert reweighted.indicator("patents_granted").weight == 0.5
    assert framework.root.children[2].weight == 1.0
    with pytest.raises(ValueError, match=r"unknown or root nodes \['integration_index', 'nope'\]"):
        framework.with_weights({"nope": 1.0, "integration_index": 2.0})


def test_regional_frameworks_use_the_zone_weight_sets():
    for zone, weights in REGIONAL_WEIGHT_SETS.items():
        framework = regional_framework(default_framework(), zone)
        assert {d.code: d.weight for d in framework.root.children} == dict(weights)
    assert regional_framework(default_framework(), "west").effective_weights()[0] == pytest.approx(0.4 / 3)


def test_regional_framework_rejects_unknown_zone():
    with pytest.raises(
        ValueError, match="unknown zone 'south'; expected one of east, central, west, northeast"
    ):
        regional_framework(default_framework(), "south")


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: leaf("Bad Code"), "code 'Bad Code' must be lower-case"),
        (lambda: leaf("a", direction="up"), "indicator 'a': direction must be 'benefit' or 'cost'"),
        (lambda: leaf("a", weight=-1), "node 'a': weight must not be negative"),
        (lambda: leaf("a", weight=float("nan")), "node 'a': weight must be a finite number"),
        (lambda: leaf("a", target=float("inf")), "indicator 'a': target must be a finite number"),
        (lambda: Dimension("d", "D", "D", ()), "dimension 'd' has no children"),
        (lambda: Dimension("d", "D", "D", (leaf("a", weight=0),)), "weights of its children are all zero"),
        (
            lambda: Framework(Dimension("d", "D", "D", (leaf("a"), leaf("a")))),
            "code 'a' is used by more than one",
        ),
        (lambda: Framework(Dimension("d", "D", "D", (leaf("d"),))), "code 'd' is used by more than one"),
        (
            lambda: Indicator("a", "", "甲", "benefit", "%", "x"),
            "node 'a': name_en must be a non-empty string",
        ),
    ],
)
def test_invalid_frameworks_raise_clear_errors(build, message):
    with pytest.raises(ValueError, match=message):
        build()


def _default_dict():
    return copy.deepcopy(default_framework().to_dict())


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(schema="v0"), "schema must be 'chanjiao.indicators.framework/1'"),
        (lambda d: d["root"]["children"][0]["children"][0].pop("direction"), r"missing keys \['direction'\]"),
        (
            lambda d: d["root"]["children"][1].update(colour="red"),
            r"root.children\[1\] \('process'\): unknown keys \['colour'\]",
        ),
        (lambda d: d["root"]["children"][2].update(children="x"), "children must be a list"),
        (lambda d: d["root"]["children"].append(7), r"root.children\[3\]: expected a mapping, got int"),
        (lambda d: d["root"].pop("children"), r"root \('integration_index'\): missing keys \['definition'"),
    ],
)
def test_from_dict_rejects_malformed_configurations(mutate, message):
    data = _default_dict()
    mutate(data)

    with pytest.raises(ValueError, match=message):
        Framework.from_dict(data)
