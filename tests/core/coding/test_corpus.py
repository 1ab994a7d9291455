"""Training texts: names, variants, aliases (curated titles win conflicts) and curated titles."""

from chanjiao.core.coding.corpus import TrainingText, name_variants, training_texts
from chanjiao.core.taxonomy import Occupation, load_occupations


def test_formal_names_get_their_job_board_forms():
    assert name_variants("焊接工程技术人员") == ["焊接工程师", "焊接技术员"]
    assert name_variants("审计专业人员") == ["审计专员", "审计师"]
    assert name_variants("内科医师") == ["内科医生"]
    assert name_variants("车工") == []


def test_an_alias_that_a_curated_title_gives_to_another_code_is_dropped():
    # given an alias 注塑工 on 模具工 while the curated list gives 注塑工 to 塑料制品成型制作工
    occupations = [
        Occupation("6-18-04-01", 4, "模具工", aliases=("注塑工", "修模工")),
        Occupation("6-14-02-00", 4, "塑料制品成型制作工"),
    ]
    # when
    texts = training_texts(occupations, {"6-14-02-00": ("注塑工",)})
    # then
    assert TrainingText("6-18-04-01", "注塑工", "alias") not in texts
    assert TrainingText("6-18-04-01", "修模工", "alias") in texts
    assert TrainingText("6-14-02-00", "注塑工", "curated") in texts
    assert TrainingText("6-14-02-00", "塑料制品成型制作工", "name") in texts


def test_an_alias_equal_to_the_name_is_not_repeated():
    texts = training_texts(
        [Occupation("4-02-06-03", 4, "物流服务师L", aliases=("物流服务师L", "物流专员"))], {}
    )
    assert texts == [
        TrainingText("4-02-06-03", "物流服务师", "name"),
        TrainingText("4-02-06-03", "物流专员", "alias"),
    ]


def test_every_shipped_code_has_its_name_as_a_text():
    texts = training_texts(load_occupations(), {})
    named = {text.code for text in texts if text.source == "name"}
    assert named == {occupation.code for occupation in load_occupations()}


def test_a_production_title_gives_its_engineering_group_an_engineer_title():
    from chanjiao.core.coding.corpus import engineer_title, engineering_counterpart

    texts = training_texts([Occupation("6-16-02-02", 4, "钻井工", aliases=("石油钻井工",))], {})
    assert TrainingText("2-02-04-00", "石油钻井工程师", "bridge") in texts
    assert engineer_title("电工") is None  # the object must be a word, not one character
    assert engineering_counterpart("6-31-03-05") == "2-02-31-01"
    assert engineering_counterpart("4-02-06-01") is None
