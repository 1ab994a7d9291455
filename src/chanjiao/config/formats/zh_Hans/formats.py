# Dates and times look the same in every language and on every page (chanjiao.web.formats):
# 2026-12-07 and 2026-12-07 16:30, in the platform's time zone. Input formats stay Django's.
DATE_FORMAT = "Y-m-d"
SHORT_DATE_FORMAT = "Y-m-d"
DATETIME_FORMAT = "Y-m-d H:i"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "m-d"
YEAR_MONTH_FORMAT = "Y-m"
