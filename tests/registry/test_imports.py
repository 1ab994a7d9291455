"""Excel / CSV import: preview every bad row with its line, save all or nothing."""

import io

from openpyxl import Workbook

from chanjiao.registry.models import Organisation, Program, Student
from factories import client_for


def xlsx(rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "upload.xlsx"
    return buffer


def csv_file(text, name="upload.csv"):
    buffer = io.BytesIO(text.encode("utf-8"))
    buffer.name = name
    return buffer


def test_organisation_import_lists_every_bad_row_and_saves_nothing(world):
    client = client_for(world["officer"])
    upload = xlsx(
        [
            ["kind", "name", "region", "size", "industry", "credit_code"],
            ["enterprise", "苏州甲机械有限公司", 320505, "sme", "C", "91320505MA1AAA0001"],
            ["enterprise", "苏州乙机械有限公司", 999999, "sme", "C", ""],
            ["school", "苏州丙学校", 320505, "", "", ""],
            ["enterprise", "苏州丁机械有限公司", 320505, "sme", "C", "91320505MA1AAA0001"],
        ]
    )

    response = client.post("/imports/", {"kind": "organisations", "action": "commit", "file": upload})

    page = response.content.decode()
    assert response.status_code == 400
    assert "3 problems in 4 rows; nothing was saved." in page
    assert (
        "Unknown region id" in page
        and "Required for a school." in page
        and "Same credit code as line 2" in page
    )
    assert Organisation.objects.filter(name__startswith="苏州甲").count() == 0


def test_valid_organisation_file_previews_then_imports(world):
    client = client_for(world["officer"])
    text = "类型,名称,地区,规模,行业\nenterprise,苏州戊科技有限公司,320506,micro,I\nenterprise,苏州己物流有限公司,320507,sme,G\n"

    preview = client.post("/imports/", {"kind": "organisations", "action": "preview", "file": csv_file(text)})
    assert Organisation.objects.filter(name__in=["苏州戊科技有限公司", "苏州己物流有限公司"]).count() == 0
    commit = client.post("/imports/", {"kind": "organisations", "action": "commit", "file": csv_file(text)})

    assert preview.status_code == 200 and "All 2 rows are valid" in preview.content.decode()
    assert commit.status_code == 200 and "Imported 2 rows." in commit.content.decode()
    assert Organisation.objects.get(name="苏州己物流有限公司").region_id == 320507


def test_school_imports_programs_with_crosswalk_and_students(world):
    client = client_for(world["school_user"])
    programs = xlsx(
        [
            ["school", "code", "name", "capacity", "duration_years", "occupations"],
            ["苏州示范职业技术学院", "460305", "工业机器人技术", 80, 3, "6-31-07-01:0.6; 6-31-07-03:0.4"],
        ]
    )
    students = csv_file(
        "school,program,student_no,name,gender,year,skills\n苏州示范职业技术学院,460305,2025100,周杰,男,2025,机器人编程;PLC 编程\n"
    )

    first = client.post("/imports/", {"kind": "programs", "action": "commit", "file": programs})
    second = client.post("/imports/", {"kind": "students", "action": "commit", "file": students})

    assert first.status_code == 200 and second.status_code == 200
    program = Program.objects.get(school=world["school"], code="460305")
    assert sorted(program.crosswalk.values_list("occupation_id", "weight")) == [
        ("6-31-07-01", 0.6),
        ("6-31-07-03", 0.4),
    ]
    student = Student.objects.get(student_no="2025100")
    assert (student.gender, student.skills, student.program_id) == (
        "M",
        ["机器人编程", "PLC 编程"],
        program.pk,
    )


def test_school_cannot_import_into_another_school(world):
    client = client_for(world["school_user"])
    students = csv_file("school,program,student_no,name,year\n苏州另一职业学院,510201,X1,某某,2025\n")

    response = client.post("/imports/", {"kind": "students", "action": "commit", "file": students})

    assert response.status_code == 400
    assert "not yours to change" in response.content.decode()
    assert not Student.objects.filter(student_no="X1").exists()


def test_bad_crosswalk_and_duplicate_rows_are_reported_by_line(world):
    client = client_for(world["school_user"])
    text = (
        "school,code,name,capacity,duration_years,occupations\n"
        "苏州示范职业技术学院,510203,软件技术,60,3,9-99-99-99:1\n"
        "苏州示范职业技术学院,510205,大数据技术,60,3,\n"
        "苏州示范职业技术学院,510205,大数据技术,60,3,\n"
    )

    page = client.post(
        "/imports/", {"kind": "programs", "action": "preview", "file": csv_file(text)}
    ).content.decode()

    assert "Unknown CSCO code or weight outside 0–1: 9-99-99-99:1" in page
    assert "Same program code as line 3" in page


def test_unreadable_files_get_a_clear_message(world):
    client = client_for(world["officer"])

    wrong_type = client.post("/imports/", {"kind": "organisations", "file": csv_file("x", name="data.pdf")})
    broken = client.post(
        "/imports/", {"kind": "organisations", "file": csv_file("not a workbook", name="data.xlsx")}
    )
    empty = client.post("/imports/", {"kind": "organisations", "file": csv_file("", name="data.csv")})
    header_only = client.post("/imports/", {"kind": "organisations", "file": csv_file("kind,name\n")})
    no_file = client.post("/imports/", {"kind": "organisations"})
    unknown_kind = client.post("/imports/", {"kind": "castles", "file": csv_file("a\n1\n")})

    assert (
        wrong_type.status_code == 400
        and "Upload an Excel (.xlsx) or CSV (.csv) file." in wrong_type.content.decode()
    )
    assert broken.status_code == 400 and "not a readable Excel workbook" in broken.content.decode()
    assert empty.status_code == 400 and "The file is empty" in empty.content.decode()
    assert header_only.status_code == 400 and "has a header but no rows" in header_only.content.decode()
    assert no_file.status_code == 400
    assert unknown_kind.status_code == 400 and "Unknown import" in unknown_kind.content.decode()
