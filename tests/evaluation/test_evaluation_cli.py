"""`chanjiao evaluate`: list cycles, run one, reproduce an evaluation, write a scorecard."""

import pytest

from chanjiao.cli import main
from chanjiao.evaluation.models import Evaluation


@pytest.fixture(autouse=True)
def no_migrations(monkeypatch):
    # The test database is already migrated; the CLI's own setup would reconfigure Django.
    monkeypatch.setattr("chanjiao.commands.evaluation._setup", lambda: None)


def test_run_reproduce_and_scorecard(cycle, city, capsys, tmp_path):
    assert main(["evaluate", "cycles"]) == 0
    assert "not evaluated" in capsys.readouterr().out
    assert main(["evaluate", "run", str(cycle.pk)]) == 0
    out = capsys.readouterr().out
    evaluation = Evaluation.objects.get()
    assert (
        f"Evaluation {evaluation.pk} of {cycle.name}: 4 units, 1 red, 1 yellow, 2 green, 0 not rated" in out
    )
    assert "red  carrier" in out and "above the red line of 40 %" in out
    assert main(["evaluate", "reproduce", str(evaluation.pk)]) == 0
    assert '"reproduced": true' in capsys.readouterr().out
    target = tmp_path / "card.pdf"
    result = evaluation.results.first()
    assert main(["evaluate", "scorecard", str(result.pk), "-o", str(target)]) == 0
    assert target.read_bytes()[:5] == b"%PDF-"


def test_user_errors_are_one_line(cycle, capsys, tmp_path):
    assert main(["evaluate", "run", "999999"]) == 2
    assert main(["evaluate", "scorecard", "1", "-o", str(tmp_path / "card.docx")]) == 2
    err = capsys.readouterr().err
    assert "no cycle 999999; list them with `chanjiao evaluate cycles`" in err
    assert "scorecard file must end in .pdf or .xlsx" in err
