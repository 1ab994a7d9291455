"""Money, shares, dates and times look the same on every page, in the platform's time zone."""

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from zoneinfo import ZoneInfo

from django.template import Context, Template
from django.utils import translation

from chanjiao.web.formats import local_date, local_datetime, money, percent


def test_money_is_yuan_to_the_cent_with_thousands_separators():
    assert money(300000) == "¥300,000.00"
    assert money(Decimal("39982000.005")) == "¥39,982,000.01"
    assert money("-12.5") == "-¥12.50"
    assert money(1234.5, digits=0) == "¥1,235"
    assert money(None) == "—"


def test_a_share_is_a_percentage_spaced_as_the_language_writes_it():
    with translation.override("en"):
        assert percent(0.8783) == "87.8 %"
    with translation.override("zh-hans"):
        assert percent(0.8783) == "87.8%"
        assert percent(Decimal("0.4"), 0) == "40%"
        assert percent(Fraction(1, 3), 2) == "33.33%"
    assert percent(None) == "—"


def test_a_moment_is_shown_in_the_platforms_time_zone_never_in_utc(settings):
    settings.TIME_ZONE = "Asia/Shanghai"
    late_evening_utc = dt.datetime(2026, 12, 7, 16, 30, tzinfo=ZoneInfo("UTC"))

    assert local_datetime(late_evening_utc) == "2026-12-08 00:30"
    assert local_date(late_evening_utc) == "2026-12-08"
    assert local_date(dt.date(2026, 1, 5)) == "2026-01-05"


def test_djangos_own_date_output_uses_the_same_format_in_both_languages(settings):
    settings.TIME_ZONE = "Asia/Shanghai"
    moment = dt.datetime(2026, 12, 7, 16, 30, tzinfo=ZoneInfo("UTC"))
    template = Template("{{ day }} · {{ moment }} · {{ moment|date }} · {% load formats %}{{ amount|money }}")
    context = Context({"day": dt.date(2026, 3, 9), "moment": moment, "amount": 300000})

    for language in ("en", "zh-hans"):
        with translation.override(language):
            assert template.render(context) == "2026-03-09 · 2026-12-08 00:30 · 2026-12-08 · ¥300,000.00"
