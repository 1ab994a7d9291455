"""`chanjiao credit`: recompute a region, rate one enterprise, show and save the policy."""

import json

from chanjiao.cli import main
from chanjiao.credit.models import CreditAssessment, PolicyVersion


def test_rate_prints_the_rating_with_reasons_ways_up_and_incentives(world, aaa_records, capsys):
    assert main(["credit", "rate", str(world["other_enterprise"].pk)]) == 0

    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "苏州华信电子科技有限公司: B (2023–2025, 苏州市 policy v1)"
    assert lines[1].startswith(
        "  why: AAA not earned: students hosted (interns + apprentices) in each year of 2023–2025: 2023: 0"
    )
    assert lines[-4:] == [
        "  not granted: Tax credit",
        "  not granted: Land-use priority",
        "  not granted: Government-procurement supplier priority",
        "  not granted: Green credit line",
    ]


def test_recompute_a_region(world, aaa_records, capsys):
    assert main(["credit", "recompute", "320500", "--year", "2025"]) == 0

    assert capsys.readouterr().out.splitlines() == [
        "江苏省 苏州市: 2 enterprises assessed",
        "  AAA 1  AA 0  A 0  B 1  C 0",
    ]
    assert CreditAssessment.objects.filter(is_current=True).count() == 2


def test_policy_save_and_show(world, suzhou_policy, tmp_path, capsys):
    path = tmp_path / "policy.json"
    path.write_text(json.dumps({"insurance": {"sme_bonus": 0.05}}), encoding="utf-8")

    assert (
        main(["credit", "policy", "save", "320500", str(path), "--tier", "medium", "--note", "SME 5 %"]) == 0
    )
    assert main(["credit", "policy", "show", "320505"]) == 0

    out = capsys.readouterr().out
    shown = json.loads(out[out.index("{") :])
    assert (shown["version"], shown["finance_tier"], shown["insurance"]["sme_bonus"]) == (2, "medium", 0.05)


def test_bad_input_is_one_clear_line(world, suzhou_policy, tmp_path, capsys):
    bad_json = tmp_path / "bad.json"
    bad_json.write_text("{not json", encoding="utf-8")
    bad_cap = tmp_path / "cap.json"
    bad_cap.write_text(json.dumps({"equity": {"share_cap": 2}}), encoding="utf-8")

    codes = [
        main(["credit", "recompute", "999999"]),
        main(["credit", "rate", str(world["school"].pk)]),
        main(["credit", "policy", "save", "320500", str(bad_json), "--tier", "strong", "--note", "x"]),
        main(["credit", "policy", "save", "320500", str(bad_cap), "--tier", "strong", "--note", "x"]),
        main(
            [
                "credit",
                "policy",
                "save",
                "320500",
                str(tmp_path / "missing.json"),
                "--tier",
                "strong",
                "--note",
                "x",
            ]
        ),
        main(["credit", "policy", "show", "320500", "--version", "9"]),
    ]

    errors = capsys.readouterr().err.splitlines()
    assert codes == [2] * 6
    assert errors == [
        "chanjiao credit: error: no region with id 999999; use an official division id such as 320500",
        f"chanjiao credit: error: no enterprise with id {world['school'].pk}",
        f"chanjiao credit: error: {bad_json} is not JSON: Expecting property name enclosed in double quotes at line 1",
        "chanjiao credit: error: settings: policy.equity: share_cap must be a number from 0.0001 to 1, got 2",
        f"chanjiao credit: error: cannot read {tmp_path / 'missing.json'}: No such file or directory",
        "chanjiao credit: error: 江苏省 苏州市 has no such policy version; the national defaults apply",
    ]
    assert PolicyVersion.objects.count() == 1
