"""`chanjiao docking refresh | gaps | feedback | recode`."""

import csv
import datetime as dt

from chanjiao.cli import main
from chanjiao.docking.models import Posting, SupplyDemandRun
from docking.docking_factories import YEAR, make_posting, send
from factories import client_for


def test_refresh_then_gaps_print_the_table(docking, capsys):
    make_posting(
        docking["enterprise"],
        "CNC operator",
        seats=50,
        occupation="6-18-01-07",
        published=dt.date(YEAR, 5, 9),
    )

    refreshed = main(["docking", "refresh"])
    gaps = main(["docking", "gaps", "--region", "320500", "--year", str(YEAR), "-n", "2"])

    out = capsys.readouterr().out
    assert (refreshed, gaps) == (0, 0)
    assert SupplyDemandRun.objects.count() == 1
    assert "江苏省 苏州市, 2025, level 4: 50 seats, 200 graduates" in out
    assert "6-18-01-07  多工序数控机床操作调整工" in out


def test_gaps_refuse_an_unknown_region(docking, capsys):
    assert main(["docking", "gaps", "--region", "999999"]) == 2
    assert "no region with id 999999" in capsys.readouterr().err


def test_feedback_export_and_recode(docking, tmp_path, capsys):
    posting = make_posting(docking["enterprise"], "普车师傅", occupation="6-18-01-01")
    send(
        client_for(docking["enterprise_user"]),
        "post",
        f"/api/docking/postings/{posting.pk}/code",
        {"occupation": "6-18-01-02"},
    )
    stale = make_posting(docking["enterprise"], "急招电焊工", occupation="2-06-03-00")
    output = tmp_path / "feedback.csv"

    exported = main(["docking", "feedback", "-o", str(output)])
    recoded = main(["docking", "recode"])
    missing = main(["docking", "feedback", "-o", str(tmp_path / "no" / "such" / "dir.csv")])

    rows = list(csv.DictReader(output.open(encoding="utf-8")))
    assert (exported, recoded, missing) == (0, 0, 2)
    assert [(r["title"], r["code"], r["corrected"]) for r in rows] == [("普车师傅", "6-18-01-02", "1")]
    stale.refresh_from_db()
    assert stale.occupation_id == "6-18-02-04"
    assert Posting.objects.get(pk=posting.pk).occupation_id == "6-18-01-02"  # a person's choice stays
