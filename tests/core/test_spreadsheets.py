"""Formula-like text is neutralised the same way by every export (chanjiao.core.spreadsheets)."""

import doctest
import io

from chanjiao.core import spreadsheets
from chanjiao.core.spreadsheets import CsvWriter, csv_value, starts_formula, strip_formula_guard


def test_docstring_examples_hold():
    results = doctest.testmod(spreadsheets)

    assert results.failed == 0 and results.attempted >= 6


def test_every_trigger_is_guarded_and_numbers_are_not():
    triggers = ["=A1", "+A1", "-A1", "@A1", "\tA1", "\rA1", "-", "+-1", "--1", "1e5x"]
    numbers = ["-1", "+1", "-0.5", "-.5", "-1e-3", "+2E+8", "12", "1."]

    assert [starts_formula(text) for text in triggers] == [True] * 9 + [False]
    assert [csv_value(text) for text in numbers] == numbers
    assert [strip_formula_guard(csv_value(text)) for text in triggers + numbers] == triggers + numbers


def test_the_csv_writer_guards_every_row():
    buffer = io.StringIO()

    CsvWriter(buffer, lineterminator="\n").writerows([["=1", 2], ["@x", None]])

    assert buffer.getvalue() == "'=1,2\n'@x,\n"
