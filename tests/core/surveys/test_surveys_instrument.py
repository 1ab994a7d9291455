"""The shipped seed-001 questionnaire template."""

import pytest

from chanjiao.core.surveys.instrument import instrument_from_dict, load_instrument


def test_seed001_has_the_papers_four_constructs_on_a_five_point_scale():
    instrument = load_instrument("seed001")
    assert [(c.code, c.name_en) for c in instrument.constructs] == [
        ("EP", "Enterprise participation"),
        ("CG", "Collaborative governance mechanisms"),
        ("SS", "Satisfaction with industry-education synergy"),
        ("TQ", "Quality of talent output"),
    ]
    assert [c.name_zh for c in instrument.constructs] == [
        "企业参与度",
        "协同治理机制",
        "产教协同满意度",
        "人才培养质量",
    ]
    assert instrument.scale.points == 5
    assert len(instrument.scale_labels_zh) == len(instrument.scale_labels_en) == 5
    assert instrument.raw["distribution"] == {"sent": 600, "valid": 527}


def test_every_item_is_bilingual_and_codes_are_unique():
    instrument = load_instrument("seed001")
    codes = [item.code for item in instrument.items]
    assert len(codes) == len(set(codes)) == 20
    assert all(item.text_zh and item.text_en for item in instrument.items)
    assert instrument.reverse_keyed == ("EP5", "SS5")


def test_hypotheses_become_the_structural_model():
    instrument = load_instrument("seed001")
    spec = instrument.model_spec()
    assert [h.code for h in instrument.hypotheses] == ["H1", "H2", "H3", "H4", "H5"]
    assert spec.paths == (("SS", "EP"), ("SS", "CG"), ("TQ", "SS"), ("TQ", "EP"), ("TQ", "CG"))
    assert instrument.model_syntax().splitlines()[0] == "EP =~ EP1 + EP2 + EP3 + EP4 + EP5"


def test_demo_population_covers_every_item():
    instrument = load_instrument("seed001")
    assert set(instrument.raw["demo_population"]["loadings"]) == {item.code for item in instrument.items}


def test_unknown_instrument_is_refused():
    with pytest.raises(ValueError, match="unknown instrument 'seed999'; available: seed001"):
        load_instrument("seed999")


def test_hypothesis_naming_an_unknown_construct_is_refused():
    document = {
        "code": "x",
        "title": {"en": "X"},
        "scale": {"points": 5},
        "constructs": [{"code": "A", "items": [{"code": "a1"}, {"code": "a2"}]}],
        "hypotheses": [{"code": "H1", "outcome": "B", "predictor": "A"}],
    }
    with pytest.raises(ValueError, match="hypothesis H1: outcome 'B' is not a construct"):
        instrument_from_dict(document)
