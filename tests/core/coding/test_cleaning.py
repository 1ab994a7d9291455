"""Cleaning posting titles: pay, benefits, urgency, places, companies and brackets."""

from hypothesis import given, settings
from hypothesis import strategies as st

from chanjiao.core.coding.bridge import EnglishBridge
from chanjiao.core.coding.cleaning import Segment, TitleCleaner, domain_tokenizer, normalize
from chanjiao.core.coding.lexicon import TitleNoise, load_job_titles


def test_pay_benefits_and_urgency_are_removed(cleaner):
    assert cleaner.clean("急招！电焊工 五险一金 月薪8k") == "电焊工"
    assert cleaner.clean("数控车工 两班倒 8000-12000元/月 18-45岁") == "数控车工"


def test_a_bracket_of_benefits_is_dropped_and_a_bracket_that_names_the_job_is_kept(cleaner):
    assert cleaner.segments("数控车工（包吃住）") == [Segment(("数控车工",))]
    assert cleaner.segments("电焊工（二保焊 持证）") == [
        Segment(("电焊工",)),
        Segment(("二保焊",), bracketed=True),
    ]


def test_places_are_dropped_unless_an_occupation_contains_them(cleaner):
    # given "阿里国际站运营" is a CSCO alias, so 阿里 (a prefecture of Tibet) is not a place here
    assert cleaner.clean("深圳宝安 电工") == "电工"
    assert "深圳" in cleaner.places
    assert "阿里" not in cleaner.places


def test_a_company_name_leading_a_segment_is_dropped(cleaner):
    assert cleaner.clean("苏州精密机械有限公司-钳工") == "钳工"


def test_a_single_noise_character_inside_a_word_is_kept(cleaner):
    # 无 is noise in 无经验 but part of 无纺布; 急 is noise alone but part of 急诊
    assert cleaner.clean("无纺布操作工") == "无纺布操作工"
    assert cleaner.clean("急诊护士") == "急诊护士"
    assert cleaner.clean("急！招快递员") == "快递员"


def test_english_titles_are_read_through_the_bridge(cleaner):
    assert cleaner.clean("Forklift Driver") == "叉车司机"
    assert cleaner.clean("front-end developer") == "前端开发工程师"
    assert cleaner.segments("C++开发工程师") == [Segment(("c++", "开发工程师"))]


def test_full_width_letters_are_normalised():
    assert normalize("ＣＮＣ操机★急招★") == "cnc操机 急招 "


def test_a_title_that_is_all_noise_keeps_its_words(cleaner):
    assert cleaner.clean("包吃住") == "包吃住"
    assert cleaner.clean("") == ""


def test_a_small_cleaner_built_from_its_parts():
    # given
    noise = TitleNoise(frozenset({"包吃住"}), frozenset({"急"}), ("有限公司",), frozenset({"the"}))
    bridge = EnglishBridge({"welder": "焊工"}, noise.english)
    cleaner = TitleCleaner(["叉车司机", "焊工"], noise, frozenset({"东莞"}), bridge)
    # when / then
    assert cleaner.clean("东莞 焊工（包吃住）") == "焊工"
    assert cleaner.clean("the welder") == "焊工"
    assert cleaner.clean("某某制造有限公司 叉车司机") == "叉车司机"


def test_the_domain_tokenizer_keeps_dictionary_words_whole():
    tokenizer = domain_tokenizer(["数控车工", "包吃住"])
    assert tokenizer.lcut("急数控车工包吃住", HMM=False) == ["急", "数控车工", "包吃住"]


CURATED = sorted({title for titles in load_job_titles().values() for title in titles})
DECORATIONS = ["（包吃住）", " 月薪8000-12000", "【急招】", " 五险一金", "（18-45岁）", " 双休", "★"]


@settings(max_examples=150, derandomize=True, deadline=None)
@given(title=st.sampled_from(CURATED), decorations=st.lists(st.sampled_from(DECORATIONS), max_size=3))
def test_decorating_a_title_does_not_change_what_it_cleans_to(cleaner, title, decorations):
    assert cleaner.clean(title + "".join(decorations)) == cleaner.clean(title)


@settings(max_examples=200, derandomize=True, deadline=None)
@given(text=st.text(max_size=40))
def test_any_text_cleans_to_segments_with_tokens(cleaner, text):
    segments = cleaner.segments(text)
    assert all(segment.tokens and all(segment.tokens) for segment in segments)
