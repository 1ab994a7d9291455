"""Title structure: head words, and the kind of work they allow (the classification's own rules)."""

import doctest

import pytest

from chanjiao.core.coding import structure
from chanjiao.core.coding.structure import HeadKind, HeadRules, main_text, parse_head


def test_the_docstring_examples_hold():
    assert doctest.testmod(structure).failed == 0


@pytest.mark.parametrize(
    ("title", "word", "kind", "stem"),
    [
        ("汽车水泵工程师", "工程师", HeadKind.ENGINEER, "汽车水泵"),
        ("数字营销经理", "经理", HeadKind.MANAGER, "数字营销"),
        ("区域总经理", "总经理", HeadKind.EXECUTIVE, "区域"),
        ("总经理助理", "助理", HeadKind.SPECIALIST, "总经理"),
        ("古筝老师", "老师", HeadKind.TEACHER, "古筝"),
        ("电焊工", "工", HeadKind.WORKER, "电焊"),
        ("用户运营", "运营", HeadKind.PLANNER, "用户"),
        ("java开发", "开发", HeadKind.ENGINEER, "java"),
    ],
)
def test_the_head_is_the_longest_head_word_ending_the_title(title, word, kind, stem):
    assert parse_head(title) == structure.Head(word, kind, stem)


def test_a_title_without_a_head_word_or_only_a_one_character_one_has_none():
    assert parse_head("会计") is None
    assert parse_head("工") is None
    assert parse_head("") is None


def test_the_main_segment_is_the_first_that_has_a_head():
    assert main_text(["急聘", "焊工"]) == "焊工"
    assert main_text(["会计", "出纳"]) == "会计"
    assert main_text([]) == ""


def test_an_engineer_head_penalises_every_code_outside_the_professionals():
    # given an engineering code and the pump operator a title shares its object with
    rules = HeadRules(["2-02-07-11", "6-28-03-04", "4-07-02-03"], [], penalty=0.25)
    # when the head is an engineer, then only the professional code keeps its weight
    assert rules.weights([["汽车水泵工程师"]]).tolist() == [[1.0, 0.25, 0.25]]
    # and a worker head allows the worker and the service codes but not the engineer
    assert rules.weights([["水泵工"]]).tolist() == [[0.25, 1.0, 1.0]]


def test_a_code_whose_own_title_has_the_same_kind_of_head_and_shares_the_stem_is_exempt():
    # given 客服经理 is a real job title of 客户服务管理员 (a service occupation)
    rules = HeadRules(["2-06-07-02", "4-07-02-03"], [("4-07-02-03", ["客服经理"])], penalty=0.25)
    # then a manager of customer service may stay there, a digital-marketing manager may not
    assert rules.weights([["售后客服经理"]]).tolist() == [[1.0, 1.0]]
    assert rules.weights([["数字营销经理"]]).tolist() == [[1.0, 0.25]]


def test_a_title_without_a_head_is_not_weighted():
    rules = HeadRules(["2-02-07-11", "6-28-03-04"], [], penalty=0.25)
    assert rules.weights([["会计"], []]).tolist() == [[1.0, 1.0], [1.0, 1.0]]
