"""Importing postings from Excel or CSV: every bad row listed, all rows saved or none, titles coded."""

import io

from openpyxl import Workbook

from chanjiao.docking.models import CodingFeedback, Posting
from factories import client_for

HEADER = ["岗位名称", "招聘人数", "工作地点", "类型", "薪资下限", "薪资上限", "状态", "职业代码"]


def xlsx(rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "postings.xlsx"
    return buffer


def test_preview_lists_every_bad_row_and_commit_saves_nothing(world):
    upload = xlsx(
        [
            HEADER,
            ["数控车工（包吃住）", 3, 320505, "招聘", 6000, 9000, "发布", ""],
            ["", 2, 320505, "实习", "", "", "", ""],
            ["电焊工", 0, 999999, "job", 9000, 7000, "", ""],
            ["养老护理员", 5, 320505, "job", "", "", "maybe", ""],
            ["车工", 1, 320505, "job", "", "", "", "9-99"],
        ]
    )

    response = client_for(world["enterprise_user"]).post(
        "/docking/postings/import/", {"action": "commit", "file": upload}
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "6 problems in 5 rows; nothing was saved." in page
    for line, column in [
        (3, "title"),
        (4, "seats"),
        (4, "region"),
        (4, "salary_max"),
        (5, "status"),
        (6, "occupation"),
    ]:
        assert f"<tr><td>{line}</td><td>{column}</td>" in page
    assert Posting.objects.count() == 0


def test_commit_codes_every_row_and_records_known_codes_as_confirmed(world):
    upload = xlsx(
        [
            HEADER,
            ["数控车工（包吃住）", 3, 320505, "招聘", 6000, 9000, "发布", ""],
            ["急招电焊工", 2, 320506, "实习", "", "", "草稿", ""],
            ["产线技术员", 1, 320505, "job", "", "", "", "6-25-04-07"],
        ]
    )

    response = client_for(world["enterprise_user"]).post(
        "/docking/postings/import/", {"action": "commit", "file": upload}
    )

    assert response.status_code == 200 and "Imported 3 rows." in response.content.decode()
    rows = list(
        Posting.objects.order_by("pk").values_list(
            "title", "kind", "status", "occupation_id", "code_status", "enterprise"
        )
    )
    assert rows == [
        ("数控车工（包吃住）", "job", "published", "6-18-01-01", "suggested", world["enterprise"].pk),
        ("急招电焊工", "internship", "draft", "6-18-02-04", "suggested", world["enterprise"].pk),
        ("产线技术员", "job", "draft", "6-25-04-07", rows[2][4], world["enterprise"].pk),
    ]
    assert rows[2][4] in {"confirmed", "overridden"}
    assert CodingFeedback.objects.get().occupation_id == "6-25-04-07"


def test_an_enterprise_cannot_import_for_another_and_others_cannot_import(world):
    upload = xlsx(
        [["企业", *HEADER], [world["other_enterprise"].name, "数控车工", 3, 320505, "job", "", "", "", ""]]
    )

    mine = client_for(world["enterprise_user"]).post(
        "/docking/postings/import/", {"action": "preview", "file": upload}
    )
    school = client_for(world["school_user"]).get("/docking/postings/import/")

    assert mine.status_code == 400 and "or not yours to post for" in mine.content.decode()
    assert school.status_code == 403
    assert Posting.objects.count() == 0


def test_a_file_that_is_not_a_table_is_refused(world):
    upload = io.BytesIO(b"not a workbook")
    upload.name = "postings.xlsx"

    response = client_for(world["enterprise_user"]).post(
        "/docking/postings/import/", {"action": "preview", "file": upload}
    )

    assert response.status_code == 400 and "is not a readable Excel workbook" in response.content.decode()
