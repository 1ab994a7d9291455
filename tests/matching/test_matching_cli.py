"""`chanjiao match`: list rounds, run one with a progress bar, print its report and explain a result."""

import json

from chanjiao.cli import main


def test_run_a_round_print_its_report_and_explain_a_result(closed_round, capsys):
    m = closed_round
    assert main(["match", "rounds"]) == 0
    assert m["round"].name in capsys.readouterr().out

    assert main(["match", "run", str(m["round"].pk)]) == 0
    assert "3 of 4 students placed, 0 blocking pairs, lottery seed 7" in capsys.readouterr().out

    assert main(["match", "report", str(m["round"].pk)]) == 0
    report = capsys.readouterr().out
    assert "students placed  3 of 4 (75.0%)" in report and "unmatched: list_too_short" in report

    assert main(["match", "report", str(m["round"].pk), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["seats_filled"] == 3

    assert main(["match", "explain", str(m["round"].pk), str(m["s2"].pk)]) == 0
    explained = capsys.readouterr().out
    assert explained.startswith("Not placed: every seat you listed went to other candidates.")
    assert "  2. The only seat at 铣工实习" in explained


def test_mistakes_are_one_line_errors(closed_round, capsys):
    m = closed_round

    assert main(["match", "run", "999999"]) == 2
    assert main(["match", "report", str(m["round"].pk)]) == 2
    assert main(["match", "explain", str(m["round"].pk), "999999"]) == 2

    errors = capsys.readouterr().err.splitlines()
    assert errors == [
        "chanjiao match: error: no round with id 999999",
        f"chanjiao match: error: round {m['round'].pk} has no main run yet: `chanjiao match run {m['round'].pk}`",
        f"chanjiao match: error: student 999999 does not take part in round {m['round'].pk}",
    ]
