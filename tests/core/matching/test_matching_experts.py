"""Expert matching scores: expertise text, past solved needs, track record, and the reasons."""

import pytest

from chanjiao.core.matching.experts import matched_phrases, rank_experts, terms


def test_terms_are_chinese_bigrams_and_latin_words_in_half_width_lower_case():
    assert terms("ＰＬＣ编程 and CNC") == {"plc", "编程", "and", "cnc"}


def test_phrases_sharing_most_terms_come_first():
    assert matched_phrases("机器视觉缺陷检测", "缺陷检测算法、机器人、视觉系统、会计") == (
        "缺陷检测算法",
        "机器人",
        "视觉系统",
    )


def test_expertise_decides_without_past_needs():
    ranking = rank_experts("焊接机器人编程", ["焊接工艺、机器人编程", "会计", "机器人维修"], [[], [], []])

    assert ranking.order.tolist() == [0, 2]
    assert ranking.components["track_record"].tolist() == [0.0, 0.0, 0.0]
    assert ranking.components["expertise"][1] == 0.0


def test_past_needs_point_to_the_closest_one_and_experience_saturates():
    ranking = rank_experts(
        "冷链物流温控", ["物流", "物流"], [["仓储选址", "冷链温控方案"], []], solved_counts=[2, 6]
    )

    assert ranking.closest_past_need.tolist() == [1, -1]
    assert ranking.components["track_record"].tolist() == pytest.approx([0.5, 0.75])


def test_nothing_in_common_suggests_nobody():
    ranking = rank_experts("", ["", ""], [[], []])

    assert ranking.order.tolist() == []
    assert ranking.total.tolist() == [0.0, 0.0]


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="2 experts but past needs for 1"):
        rank_experts("x", ["a", "b"], [[]])
    with pytest.raises(ValueError, match="solved_counts"):
        rank_experts("x", ["a"], [[]], solved_counts=[-1])
    with pytest.raises(ValueError, match="unknown score component"):
        rank_experts("x", ["a"], [[]], weights={"charm": 1.0})
