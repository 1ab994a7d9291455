"""`chanjiao occupations code | show | search` through a parser built here (no database)."""

import argparse
import csv

import pytest

from chanjiao.cli import CommandError
from chanjiao.commands import occupations


def occupations_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="chanjiao")
    occupations.register(parser.add_subparsers(dest="command", metavar="COMMAND"))
    return parser


def run(*argv: str) -> int:
    args = occupations_parser().parse_args(list(argv))
    return args.handler(args)


def write(path, text, encoding="utf-8"):
    path.write_bytes(text.encode(encoding))
    return str(path)


def test_code_writes_one_coded_row_per_title(tmp_path, capsys):
    # given
    source = write(
        tmp_path / "postings.csv",
        "id,title,description\n1,数控车工（包吃住）,\n2,操作工,负责注塑机上下料\n3,普工,\n",
    )
    output = tmp_path / "coded.csv"
    # when
    status = run("occupations", "code", source, "-o", str(output))
    # then
    assert status == 0
    rows = list(csv.DictReader(output.open(encoding="utf-8")))
    assert list(rows[0]) == ["title", "code", "name", "level", "confidence", "alternatives"]
    assert [(row["title"], row["code"], row["name"], row["level"]) for row in rows[:2]] == [
        ("数控车工（包吃住）", "6-18-01-01", "车工", "fine"),
        ("操作工", "6-14-02-00", "塑料制品成型制作工", "fine"),
    ]
    # 普工 alone is answered with a production group, not a fine guess
    assert rows[2]["code"].startswith("6-") and rows[2]["level"] in {"medium", "major"}
    alternatives = [pair.split(":") for pair in rows[0]["alternatives"].split(";")]
    assert len(alternatives) == 5 and alternatives[0][0] == "6-18-01-01"
    assert float(rows[0]["confidence"]) >= 0.9  # calibrated: the probability of being right
    assert capsys.readouterr().out == f"coded 3 of 3 titles (2 to a fine occupation); wrote {output}\n"


def test_code_writes_to_standard_output_and_reads_excel_chinese_csv(tmp_path, capsys):
    source = write(tmp_path / "gbk.csv", "title\r\n叉车司机 长白班\r\n", encoding="gb18030")
    assert run("occupations", "code", source) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "title,code,name,level,confidence,alternatives"
    assert lines[1].startswith("叉车司机 长白班,6-30-05-01,起重装卸机械操作工,fine,")


def test_a_higher_threshold_gives_coarser_codes(tmp_path):
    source = write(tmp_path / "postings.csv", "title\n急招！电焊工 五险一金 月薪8k\n")
    output = tmp_path / "coded.csv"
    assert run("occupations", "code", source, "-o", str(output), "--threshold", "0.9999") == 0
    row = next(csv.DictReader(output.open(encoding="utf-8")))
    assert row["level"] != "fine" and row["code"] in {"6-18-02-00", "6-18-00-00", "6-00-00-00"}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "line 1: empty file, expected a header with a 'title' column"),
        (
            "name,description\n电工,\n",
            "line 1: no 'title' column in the header (found 'name', 'description')",
        ),
        ("title,description\n电工,\n,负责焊接\n", "line 3: empty title"),
        ("title,description\n电工,\n焊工,a,b\n", "line 3: 3 fields, the header has 2"),
        ("title\n\n", ": no titles to code"),
        ('title\n"电工\n', "line 2: unexpected end of data"),
    ],
)
def test_bad_files_are_refused_with_the_line(tmp_path, content, message):
    source = write(tmp_path / "bad.csv", content)
    output = tmp_path / "coded.csv"
    with pytest.raises(CommandError) as error:
        run("occupations", "code", source, "-o", str(output))
    assert str(error.value) == f"{source}{' ' if message.startswith('line') else ''}{message}"
    assert not output.exists()


def test_undecodable_bytes_are_refused_with_their_line(tmp_path):
    source = tmp_path / "binary.csv"
    source.write_bytes("title\n电工\n".encode() + b"\xff\xfe\xfa\x00\n")
    with pytest.raises(CommandError, match=r"binary.csv line 3: not UTF-8 or GB18030 text"):
        run("occupations", "code", str(source))


def test_missing_input_bad_threshold_and_missing_output_folder_are_refused(tmp_path):
    source = write(tmp_path / "postings.csv", "title\n电工\n")
    with pytest.raises(CommandError, match="input file '.*nowhere.csv' does not exist"):
        run("occupations", "code", str(tmp_path / "nowhere.csv"))
    with pytest.raises(CommandError, match=r"--threshold must be in \(0, 1\], got 1.5"):
        run("occupations", "code", source, "--threshold", "1.5")
    with pytest.raises(CommandError, match="directory '.*missing' for output"):
        run("occupations", "code", source, "-o", str(tmp_path / "missing" / "coded.csv"))


def test_show_prints_the_code_its_groups_and_titles(capsys):
    assert run("occupations", "show", "6-18-02-04") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:4] == [
        "6-18-02-04  焊工  (fine)",
        "  in 6-18-02-00  机械热加工人员",
        "  in 6-18-00-00  机械制造基础加工人员",
        "  in 6-00-00-00  生产制造及有关人员",
    ]
    assert lines[4] == "definition: 使用焊机或焊接设备，焊接金属工件的人员。"
    assert lines[6].startswith("job-market titles: 氩弧焊工, 电焊工")


def test_show_lists_the_children_of_a_group(capsys):
    assert run("occupations", "show", "6-18-02-00") == 0
    assert "  contains 6-18-02-04  焊工" in capsys.readouterr().out.splitlines()


def test_show_refuses_an_unknown_code():
    with pytest.raises(CommandError, match="unknown CSCO 2022 code '6-99-99-99'"):
        run("occupations", "show", "6-99-99-99")


def test_search_lists_the_most_probable_codes(capsys):
    assert run("occupations", "search", "forklift", "driver", "-n", "3") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("6-30-05-01  起重装卸机械操作工  (fine, confidence 0.9")
    assert len(lines) == 4 and lines[1].startswith("  6-30-05-01  0.99")


def test_search_says_when_nothing_fits(capsys):
    assert run("occupations", "search", "xyzzy") == 1
    assert capsys.readouterr().out == "no CSCO 2022 code fits 'xyzzy'\n"
