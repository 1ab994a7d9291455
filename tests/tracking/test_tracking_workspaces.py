"""The home page of a mentor, a supervising teacher and a student: their own training tasks
first, each counter opening the training list with as many rows; no form offers a role the user
may not act in."""

import datetime as dt
import html
import re

from chanjiao.tracking.models import LogStatus, TrainingLog
from factories import client_for


def _tasks(client) -> dict[str, tuple[int, str]]:
    """Each counted task of the home page: label → (count, link)."""
    section = client.get("/").content.decode().split('id="my-tasks"')[1].split("</section>")[0]
    return {
        html.unescape(label): (int(count), html.unescape(url))
        for url, label, count in re.findall(r'<a href="([^"]+)">([^<]+)</a>: <strong>(\d+)</strong>', section)
    }


def _listed(client, url) -> int:
    return int(re.search(r'<p class="count">(\d+) results?</p>', client.get(url).content.decode()).group(1))


def _log(training_id, status):
    return TrainingLog.objects.create(
        training_id=training_id,
        starts_on=dt.date(2025, 9, 1),
        ends_on=dt.date(2025, 9, 5),
        hours=40,
        content="x",
        status=status,
    )


def test_a_mentor_sees_logs_to_approve_and_trainees_to_assess(world, people, trainings):
    _log(trainings["mine"].pk, LogStatus.SUBMITTED)
    _log(trainings["theirs"].pk, LogStatus.SUBMITTED)  # another mentor's trainee
    mentor = client_for(people["mentor_user"])

    tasks = _tasks(mentor)

    assert tasks["Trainees' logs awaiting your approval"][0] == 1
    assert tasks["Trainings in progress not assessed yet"][0] == 1
    for count, url in tasks.values():
        assert _listed(mentor, url) == count, url


def test_a_supervising_teacher_and_a_student_see_their_own_training(world, people, trainings):
    _log(trainings["mine"].pk, LogStatus.RETURNED)
    teacher = client_for(people["teacher_user"])
    student = client_for(world["student_user"])

    teacher_tasks = _tasks(teacher)
    student_tasks = _tasks(student)

    assert teacher_tasks["Trainings in progress you mentor or supervise"][0] == 1
    assert "Trainees' logs awaiting your approval" not in teacher_tasks
    assert student_tasks["Logs returned to you for changes"][0] == 1
    assert student_tasks["Your practical training in progress: keep your logs"][0] == 1
    for client, tasks in ((teacher, teacher_tasks), (student, student_tasks)):
        for count, url in tasks.values():
            assert _listed(client, url) == count, url


def test_the_assessment_form_offers_only_the_roles_the_user_assesses_in(world, people, trainings):
    url = f"/training/{trainings['mine'].pk}/"

    mentor_form = client_for(people["mentor_user"]).get(url).content.decode()
    teacher_form = client_for(people["teacher_user"]).get(url).content.decode()

    assert '<option value="mentor"' in mentor_form and '<option value="teacher"' not in mentor_form
    assert '<option value="teacher"' in teacher_form and '<option value="mentor"' not in teacher_form


def test_a_student_home_shows_no_college_dashboard_and_no_link_it_may_not_follow(world, people, trainings):
    student = client_for(world["student_user"])

    page = student.get("/").content.decode()
    links = {
        url
        for url in re.findall(r'href="(/[^"#]*)"', page)
        if not url.startswith(("/static/", "/accounts/logout/"))
    }

    assert "The region at a glance" not in page and "New program" not in page
    assert "Import from Excel" not in page
    assert {url: student.get(url).status_code for url in links if student.get(url).status_code >= 400} == {}
