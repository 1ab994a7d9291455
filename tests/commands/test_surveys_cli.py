"""`chanjiao surveys analyze | simulate` through argparse and chanjiao.cli.main."""

import argparse
import json

import openpyxl
import pytest

from chanjiao import cli
from chanjiao.cli import CommandError
from chanjiao.commands import surveys


def surveys_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="chanjiao")
    surveys.register(parser.add_subparsers(dest="command", metavar="COMMAND"))
    return parser


def run(*argv: str) -> int:
    args = surveys_parser().parse_args(list(argv))
    return args.handler(args)


@pytest.fixture(scope="module")
def seed_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("seed")
    data, model = folder / "responses.csv", folder / "model.txt"
    assert run("surveys", "simulate", "-o", str(data), "--model-out", str(model)) == 0
    return data, model


SEED_OPTIONS = ("--scale-points", "5", "--reverse", "EP5,SS5", "--duration-column", "duration_seconds",
                "--group-column", "group", "--sent", "600")  # fmt: skip


def test_simulate_writes_responses_and_model(seed_files, capsys):
    data, model = seed_files
    assert (
        data.read_text(encoding="utf-8").splitlines()[0].startswith("respondent,group,duration_seconds,EP1")
    )
    assert len(data.read_text(encoding="utf-8").splitlines()) == 601
    assert model.read_text(encoding="utf-8").splitlines()[-1] == "TQ ~ SS + EP + CG"


def test_analyze_writes_the_json_report(seed_files, tmp_path, capsys):
    data, model = seed_files
    output = tmp_path / "report.json"
    # when
    status = run("surveys", "analyze", str(data), "--model", str(model), "-o", str(output), *SEED_OPTIONS)
    # then
    assert status == 0
    report = json.loads(output.read_text(encoding="utf-8"))
    assert report["n"] == 527
    assert {"chi2", "df", "cfi", "tli", "rmsea", "srmr"} <= set(report["fit"])
    assert set(report["reliability"]) == {"EP", "CG", "SS", "TQ"}
    assert set(report["loadings"]["SS"]) == {"SS1", "SS2", "SS3", "SS4", "SS5"}
    printed = capsys.readouterr().out
    assert printed.startswith("527 valid of 600 responses; chi2(164) = ")
    assert printed.rstrip().endswith(f"wrote {output}")


def test_analyze_writes_excel_pdf_and_a_diagram(seed_files, tmp_path):
    data, model = seed_files
    workbook, pdf, diagram = tmp_path / "report.xlsx", tmp_path / "report.pdf", tmp_path / "model.svg"
    assert run("surveys", "analyze", str(data), "--model", str(model), "-o", str(workbook), "--ordinal",
               "--diagram", str(diagram), *SEED_OPTIONS) == 0  # fmt: skip
    assert run("surveys", "analyze", str(data), "--model", str(model), "-o", str(pdf), *SEED_OPTIONS) == 0
    assert "Reliability" in openpyxl.load_workbook(workbook).sheetnames
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert diagram.read_text(encoding="utf-8").startswith("<?xml")


def test_analyze_reads_excel_input(seed_files, tmp_path):
    data, model = seed_files
    spreadsheet = tmp_path / "responses.xlsx"
    assert run("surveys", "simulate", "-o", str(spreadsheet), "-n", "300", "--seed", "4") == 0
    output = tmp_path / "report.json"
    assert (
        run("surveys", "analyze", str(spreadsheet), "--model", str(model), "-o", str(output), *SEED_OPTIONS)
        == 0
    )
    assert json.loads(output.read_text(encoding="utf-8"))["sample"]["received"] == 300


def test_analyze_reads_gb18030_csv(seed_files, tmp_path):
    data, model = seed_files
    chinese = tmp_path / "gbk.csv"
    text = data.read_text(encoding="utf-8").replace("enterprise_hr", "企业人力资源")
    chinese.write_bytes(text.encode("gb18030"))
    output = tmp_path / "report.json"
    assert (
        run("surveys", "analyze", str(chinese), "--model", str(model), "-o", str(output), *SEED_OPTIONS) == 0
    )
    groups = json.loads(output.read_text(encoding="utf-8"))["sample"]["groups"]["group"]
    assert "企业人力资源" in {entry["value"] for entry in groups}


@pytest.mark.parametrize(
    ("model_text", "message"),
    [
        ("EP =~ EP1 + 0.5*EP2", "line 1: modifiers such as '0.5*EP2' are not supported; write plain names"),
        ("EP =~ EP1 + EP9", "model item 'EP9' is not a column of the data"),
        ("EP EP1 EP2", "line 1: 'EP EP1 EP2' has no operator"),
    ],
)
def test_bad_model_is_a_command_error(seed_files, tmp_path, model_text, message):
    data, _ = seed_files
    model = tmp_path / "bad.txt"
    model.write_text(model_text, encoding="utf-8")
    output = tmp_path / "report.json"
    with pytest.raises(CommandError, match=message.replace("*", r"\*")):
        run("surveys", "analyze", str(data), "--model", str(model), "-o", str(output))
    assert not output.exists()


def test_bad_files_are_command_errors(seed_files, tmp_path):
    data, model = seed_files
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    cases = [
        (
            (str(tmp_path / "missing.csv"), "--model", str(model), "-o", str(tmp_path / "r.json")),
            "does not exist",
        ),
        (
            (str(data), "--model", str(tmp_path / "none.txt"), "-o", str(tmp_path / "r.json")),
            "model file '.*none.txt' does not",
        ),
        (
            (str(data), "--model", str(model), "-o", str(tmp_path / "r.docx")),
            "must end in .json, .xlsx, .pdf",
        ),
        ((str(data), "--model", str(model), "-o", str(tmp_path / "no" / "r.json")), "does not exist"),
        (
            (str(empty), "--model", str(model), "-o", str(tmp_path / "r.json")),
            "cannot read '.*empty.csv': No columns",
        ),
        (
            (str(model), "--model", str(model), "-o", str(tmp_path / "r.json")),
            "model item 'EP1' is not a column",
        ),
    ]
    for argv, message in cases:
        with pytest.raises(CommandError, match=message):
            run("surveys", "analyze", *argv)


def test_main_prints_one_line_and_exits_with_status_two(seed_files, tmp_path, monkeypatch, capsys):
    # given the real CLI entry point with the surveys command registered
    data, _ = seed_files
    model = tmp_path / "bad.txt"
    model.write_text("EP =~ EP1", encoding="utf-8")
    monkeypatch.setattr(cli, "build_parser", surveys_parser)
    # when
    status = cli.main(
        ["surveys", "analyze", str(data), "--model", str(model), "-o", str(tmp_path / "r.json")]
    )
    # then
    assert status == 2
    error = capsys.readouterr().err
    assert error == "chanjiao surveys: error: construct 'EP' has 1 item; at least 2 are needed\n"


def test_surveys_without_an_action_prints_help(capsys):
    assert run("surveys") == 0
    assert "analyze" in capsys.readouterr().out


def test_rows_are_numbered_as_in_a_spreadsheet(tmp_path):
    # given a CSV whose third data line (spreadsheet row 4) holds a word instead of a number
    data = tmp_path / "responses.csv"
    lines = ["a,b,c"] + [f"{i % 5 + 1},{(i * 2) % 5 + 1},{(i * 3) % 5 + 1}" for i in range(12)]
    lines[3] = "4,agree,3"
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    model = tmp_path / "model.txt"
    model.write_text("F =~ a + b + c", encoding="utf-8")
    with pytest.raises(CommandError, match="column 'b' has a non-numeric answer 'agree' in row 4"):
        run("surveys", "analyze", str(data), "--model", str(model), "-o", str(tmp_path / "r.json"))
