"""Importing responses from Excel or CSV (every bad cell listed, all or nothing) and raw export."""

import csv
import io

import pandas as pd
from openpyxl import Workbook, load_workbook

from chanjiao.core.surveys import load_instrument, simulate_instrument
from chanjiao.surveys.models import Response
from factories import client_for

CODES = [item.code for item in load_instrument("seed001").items]


def upload(text, name="responses.csv"):
    buffer = io.BytesIO(text.encode("utf-8"))
    buffer.name = name
    return buffer


def csv_text(rows):
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue()


def simulated_csv(n, seed=4):
    return simulate_instrument(load_instrument("seed001"), n, seed=seed).responses.to_csv(index=False)


def test_a_bad_file_lists_every_bad_cell_and_saves_nothing(survey, world):
    header = ["respondent", "group", "organisation", "duration_seconds", *CODES]
    good = ["R1", "enterprise_hr", world["enterprise"].name, "400", *[4] * 20]
    rows = [
        header,
        good,
        ["R2", "teacher", "", "380", 6, *[3] * 19],
        ["R3", "ceo", "", "fast", *[3] * 20],
        ["R4", "", "南京某公司", "300", *[2] * 19, "agree"],
    ]

    response = client_for(world["officer"]).post(
        f"/surveys/{survey.pk}/import/", {"action": "commit", "file": upload(csv_text(rows))}
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "5 problems in 4 rows; nothing was saved." in page
    assert "6 is not a point of the 5-point scale (1–5)." in page
    assert "Unknown target group “ceo”" in page and "“fast” is not a number of seconds." in page
    assert "Unknown organisation “南京某公司”, or not one you may survey." in page
    assert "“agree” is not a number." in page
    assert Response.objects.count() == 0


def test_a_valid_file_previews_then_imports_and_is_screened(survey, world):
    text = simulated_csv(40)
    client = client_for(world["officer"])

    preview = client.post(f"/surveys/{survey.pk}/import/", {"action": "preview", "file": upload(text)})
    assert preview.status_code == 200 and Response.objects.count() == 0
    commit = client.post(f"/surveys/{survey.pk}/import/", {"action": "commit", "file": upload(text)})

    assert "All 40 rows are valid" in preview.content.decode()
    assert "Imported 40 responses." in commit.content.decode()
    assert Response.objects.filter(source="import").count() == 40
    assert Response.objects.filter(valid=False).count() == 5  # the simulator's 12 % invalid
    assert "Ignored columns: respondent" not in commit.content.decode()


def test_missing_columns_and_the_too_fast_rule_are_explained(survey, world):
    text = csv_text([["respondent", *CODES[:-1]], ["R1", *[4] * 19]])

    response = client_for(world["officer"]).post(
        f"/surveys/{survey.pk}/import/", {"action": "preview", "file": upload(text)}
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "Missing columns for Likert items: TQ5." in page
    assert "needs a duration_seconds column" in page


def test_the_api_imports_excel_and_reports_bad_cells(survey, world):
    workbook = Workbook()
    workbook.active.append(["duration_seconds", "submitted_at", "note", *CODES])
    workbook.active.append([420, "2025-09-30 14:05", "x", *[4, 5] * 10])
    workbook.active.append([300, "yesterday", "", *[3] * 19, None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    client = client_for(world["officer"])

    bad = client.post(
        f"/api/surveys/questionnaires/{survey.pk}/import",
        {"file": upload_bytes(buffer.getvalue(), "r.xlsx"), "action": "commit"},
    )
    workbook.active.delete_rows(3)
    buffer = io.BytesIO()
    workbook.save(buffer)
    good = client.post(
        f"/api/surveys/questionnaires/{survey.pk}/import", {"file": upload_bytes(buffer.getvalue(), "r.xlsx")}
    )

    assert bad.status_code == 422
    assert bad.json()["detail"] == [
        {
            "loc": ["body", "line 3, submitted_at"],
            "msg": "“yesterday” is not a date such as 2025-09-30 or 2025-09-30 14:05.",
        }
    ]
    assert good.json() == {"rows": 1, "imported": 1, "ignored_columns": ["note"]}
    response = Response.objects.get()
    assert response.submitted_at.isoformat() == "2025-09-30T06:05:00+00:00"  # 14:05 in Shanghai
    assert response.answers["EP2"] == 5


def upload_bytes(content, name):
    buffer = io.BytesIO(content)
    buffer.name = name
    return buffer


def test_raw_data_exports_as_received_and_imports_again(survey, world, answer):
    answer(survey, 12, seed=7, invalid_share=0.25)
    client = client_for(world["officer"])

    exported = client.get(f"/surveys/{survey.pk}/responses/export/?format=csv")
    workbook = client.get(f"/surveys/{survey.pk}/responses/export/?format=xlsx")
    copy = client.post("/api/surveys/templates/seed001/use", "{}", content_type="application/json").json()
    again = client.post(
        f"/api/surveys/questionnaires/{copy['id']}/import",
        {"file": upload_bytes(exported.content, "raw.csv")},
    )

    frame = pd.read_csv(io.BytesIO(exported.content), encoding="utf-8-sig")
    assert list(frame.columns[:10]) == [
        "response",
        "respondent",
        "group",
        "organisation",
        "carrier",
        "source",
        "submitted_at",
        "duration_seconds",
        "valid",
        "exclusion_reasons",
    ]
    assert list(frame.columns[10:]) == CODES
    first = Response.objects.filter(questionnaire=survey).order_by("pk").first()
    assert frame.loc[0, "EP5"] == first.answers["EP5"]  # as clicked, not recoded
    assert load_workbook(io.BytesIO(workbook.content)).sheetnames == ["Responses", "Codebook"]
    assert again.json()["imported"] == 12 and set(again.json()["ignored_columns"]) == {
        "response",
        "source",
        "valid",
        "exclusion_reasons",
    }
    copied = Response.objects.filter(questionnaire_id=copy["id"])
    assert sorted(copied.values_list("valid", flat=True)) == sorted(
        Response.objects.filter(questionnaire=survey).values_list("valid", flat=True)
    )


def test_only_the_owner_imports(survey, world):
    text = simulated_csv(3)

    school = client_for(world["school_user"]).post(f"/surveys/{survey.pk}/import/", {"file": upload(text)})
    api = client_for(world["enterprise_user"]).post(
        f"/api/surveys/questionnaires/{survey.pk}/import", {"file": upload(text)}
    )

    assert (school.status_code, api.status_code) == (404, 404)
    assert Response.objects.count() == 0
