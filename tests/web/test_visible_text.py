"""The checker that reads a Chinese page as its reader does: what it reports and what it leaves."""

from web.visible_text import visible_text_problems, visible_texts


def test_a_chinese_page_has_no_problems():
    html = (
        '<html lang="zh-hans"><head><title>首页 · 产教 Chanjiao</title></head><body><p>合格</p></body></html>'
    )

    assert visible_text_problems(html) == []


def test_a_raw_code_is_reported_once_as_a_code():
    html = "<table><tr><td>below_standard</td></tr><tr><td>below_standard</td></tr></table>"

    assert visible_text_problems(html) == ["code: below_standard"]


def test_english_words_are_reported_as_one_run_across_inline_elements():
    html = "<p>检查：<strong>Sign</strong> agreement, then wait.</p>"

    assert visible_text_problems(html) == ["english: Sign agreement then wait"]


def test_block_elements_end_a_run():
    html = "<ul><li>Yes<li>No</ul>"

    assert visible_text_problems(html) == ["english: Yes", "english: No"]


def test_a_raw_boolean_and_an_english_date_are_words():
    html = "<dd>False</dd><dd>Dec. 7, 2026, 3:46 p.m.</dd>"

    assert visible_text_problems(html) == ["english: False", "english: Dec"]


def test_shown_attributes_are_read_and_others_are_not():
    html = (
        '<input type="text" name="top_fraction" value="draft" placeholder="Search">'
        '<input type="submit" value="Save">'
        '<a href="/rounds/?status=open" class="button_primary" title="Open the round">轮次</a>'
        '<img src="x.png" alt="Chart">'
    )

    assert visible_text_problems(html) == [
        "english: Search",
        "english: Save",
        "english: Open the round",
        "english: Chart",
    ]


def test_scripts_styles_and_code_are_not_read():
    html = (
        "<script>var show_all = true;</script><style>.site_header { color: red }</style>"
        "<p>哈希 <code>sha256:ab12_cd</code> 命令 <kbd>chanjiao ledger verify</kbd></p>"
    )

    assert visible_text_problems(html) == []


def test_content_marked_untranslatable_or_in_another_language_is_not_read():
    html = (
        '<pre translate="no">participation =~ EP1 + EP2\nsatisfaction ~ participation</pre>'
        '<select><option value="en" lang="en">English</option><option value="zh-hans">简体中文</option></select>'
        '<p lang="zh-hans">不合格</p>'
    )

    assert visible_text_problems(html) == []


def test_allowed_names_codes_with_digits_addresses_and_files_are_not_words():
    html = (
        "<p>导出 Excel（CSV）· CSCO 2-02-09-04 · RMSEA 0.05 · 题目 EP1 · Ed25519 · AAA</p>"
        "<p>https://example.org/api/docs · officer@example.com · 报告.xlsx · /api/xapi/statements</p>"
    )

    assert visible_text_problems(html) == []


def test_an_abbreviation_in_capitals_is_not_a_word_but_a_capitalised_word_is():
    html = "<p>PLC 编程 · CNC 加工 · Year 2026</p>"

    assert visible_text_problems(html) == ["english: Year"]


def test_single_letters_are_not_words():
    html = "<p>信用等级 A · 系数 x 2 · p &lt; 0.05</p>"

    assert visible_text_problems(html) == []


def test_entities_are_decoded_and_whitespace_collapsed():
    html = "<p>共&nbsp;3&nbsp;项\n\n   <b>待办</b></p>"

    assert visible_texts(html) == ["共 3 项 待办"]
