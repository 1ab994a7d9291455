"""The occupation coder: codes, back-off, confidence, alternatives, descriptions and feedback."""

import numpy as np
import pytest

from chanjiao.core.coding import Coding, OccupationCoder

BRIEF_EXAMPLES = {
    "数控车工（包吃住）": "6-18-01-01",
    "抖音运营专员": "4-13-01-05",
    "CNC operator": "6-18-01-07",
    "急招！电工 五险一金 月薪8k": "6-31-01-03",
}


def test_the_titles_of_the_brief_get_their_fine_occupation(coder):
    answers = coder.code(list(BRIEF_EXAMPLES))
    assert [(answer.code, answer.level) for answer in answers] == [
        (code, "fine") for code in BRIEF_EXAMPLES.values()
    ]
    assert [answer.name for answer in answers] == ["车工", "全媒体运营师", "多工序数控机床操作调整工", "电工"]


def test_predict_returns_the_codes(coder):
    assert coder.predict(list(BRIEF_EXAMPLES)).tolist() == list(BRIEF_EXAMPLES.values())


def test_alternatives_are_the_five_most_probable_codes_best_first(coder):
    answer = coder.code_one("急招！电工 五险一金 月薪8k")
    scores = [alternative.score for alternative in answer.alternatives]
    assert len(answer.alternatives) == 5
    assert scores == sorted(scores, reverse=True)
    assert answer.alternatives[0].code == answer.code
    assert 0.5 <= scores[0] <= 1.0 and sum(scores) <= 1.0001
    # the confidence is the calibrated probability of being right, not the raw score
    raw = coder.predict_proba(["急招！电工 五险一金 月薪8k"])[0].max()
    assert answer.confidence == round(float(coder.calibration_.apply(4, np.array([raw]))[0]), 4)


def test_a_generic_title_is_answered_with_a_group_rather_than_a_fine_guess(coder):
    # given 普工 ("general worker") fits hundreds of production occupations
    answer = coder.code_one("普工 包吃住 长白班")
    # then the coder answers with a production group, and still lists fine candidates
    assert answer.level in {"medium", "major"} and answer.code.startswith("6-")
    assert answer.confidence >= 0.5
    assert answer.alternatives[0].score < 0.5
    assert all(alternative.code.startswith("6-") for alternative in answer.alternatives)


def test_a_higher_threshold_backs_off_to_the_group_that_holds_enough_probability():
    coder = OccupationCoder(threshold=0.9999).fit()
    answer = coder.code_one("急招！电焊工 五险一金 月薪8k")
    assert answer.level != "fine"
    assert answer.code in coder.hierarchy_.lineage("6-18-02-04")
    assert answer.confidence >= 0.9999 or answer.level == "major"


def test_a_title_without_a_known_word_gets_no_code(coder):
    assert coder.code(["", "包吃住 月薪8000", "xyzzy"]) == [
        Coding("", "", "", "", 0.0, ()),
        Coding("包吃住 月薪8000", "", "", "", 0.0, ()),
        Coding("xyzzy", "", "", "", 0.0, ()),
    ]


def test_a_description_decides_what_a_generic_title_means(coder):
    titles = ["操作工", "操作工"]
    descriptions = ["负责注塑机上下料、修剪产品披锋", "负责锂电池生产线叠片机操作"]
    assert coder.predict(titles, descriptions).tolist() == ["6-14-02-00", "6-24-04-00"]


def test_probabilities_cover_every_code_and_sum_to_one(coder):
    probabilities = coder.predict_proba(["焊工", "叉车司机", "nurse"])
    assert probabilities.shape == (3, len(coder.classes_))
    assert np.allclose(probabilities.sum(axis=1), 1.0)
    assert coder.classes_[probabilities.argmax(axis=1)].tolist() == ["6-18-02-04", "6-30-05-01", "2-05-08-01"]


def test_a_confirmed_code_is_learned_and_reused_for_the_same_title():
    # given a fresh coder that codes 水电工 as an electrician
    coder = OccupationCoder().fit()
    assert coder.code_one("水电工").code == "6-31-01-03"
    # when an officer corrects it to a home-decoration worker
    returned = coder.learn("水电工（家装）", "6-29-04-01")
    # then the same title, however decorated, gets the corrected code with full confidence
    answer = coder.code_one("急招 水电工（家装） 包吃住")
    assert returned is coder
    assert (answer.code, answer.level, answer.confidence) == ("6-29-04-01", "fine", 1.0)
    assert coder.overrides_ == {"水电工 家装": "6-29-04-01"}


def test_fit_takes_confirmed_examples_and_the_last_one_wins():
    coder = OccupationCoder().fit(["产线技术员", "产线技术员 急招"], ["6-25-04-08", "6-25-04-07"])
    assert coder.code_one("产线技术员").code == "6-25-04-07"


def test_bad_feedback_is_refused_and_changes_nothing(coder):
    overrides = dict(coder.overrides_)
    with pytest.raises(ValueError, match="unknown CSCO 2022 code: '9-99-99-99'"):
        coder.learn("电工", "9-99-99-99")
    with pytest.raises(ValueError, match="got 2 titles but 1 codes"):
        OccupationCoder().fit(["电工", "焊工"], ["6-31-01-03"])
    with pytest.raises(ValueError, match="got 1 titles but 2 descriptions"):
        coder.code(["电工"], ["", ""])
    assert coder.overrides_ == overrides


def test_scores_do_not_depend_on_the_batch_a_title_is_in(coder):
    alone = coder.code_one("注塑机操作工 两班倒")
    batched = OccupationCoder(batch_size=2).fit().code(["焊工", "电工", "注塑机操作工 两班倒"])[2]
    assert batched == alone


@pytest.mark.parametrize(
    ("title", "group"),
    [
        ("石油钻井工程师", "2-02-04"),  # not 钻井工, the driller
        ("热处理工艺工程师", "2-02-07"),  # not 金属热处理工
        ("汽车水泵工程师", "2-02"),  # not 司泵工, the pump operator
        ("销售工程师", "2-06-07"),  # not 营销员
        ("数字营销经理", "2-06-07"),  # not 客户服务管理员
        ("古筝老师", "2-08"),  # not a service occupation
    ],
)
def test_a_professional_head_puts_the_title_among_the_professionals(coder, title, group):
    best = coder.classes_[coder.predict_proba([title])[0].argmax()]
    assert best.startswith(group)


def test_a_worker_title_stays_with_the_workers(coder):
    assert coder.predict(["钻井工", "电焊工"]).tolist() == ["6-16-02-02", "6-18-02-04"]
