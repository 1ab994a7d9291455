"""A college's students and teachers are not its representatives: its evaluation results,
scorecards and rectification cases are not theirs to read (issue "Roles and trust", hole 8)."""

from chanjiao.accounts.models import Role
from chanjiao.evaluation import rectification
from chanjiao.evaluation.models import Colour
from evaluation.evaluation_support import result_of
from factories import client_for, make_user


def test_students_and_teachers_do_not_read_their_colleges_results_or_cases(evaluation, city):
    # given a result of a carrier the school leads, with a case opened on it
    result = result_of(evaluation, city["carriers"][0])
    result.colour = Colour.YELLOW
    result.save(update_fields=["colour"])
    case = rectification.open_case(actor=city["officer"], result=result)
    teacher = make_user(Role.TEACHER, city["school"], "college_teacher")
    urls = [
        f"/evaluation/results/{result.pk}/",
        f"/evaluation/results/{result.pk}/scorecard.pdf",
        f"/evaluation/results/{result.pk}/scorecard.xlsx",
        f"/api/evaluation/results/{result.pk}",
        f"/evaluation/cases/{case.pk}/",
        f"/api/evaluation/cases/{case.pk}",
    ]
    # then the college's office reads them all, and its members none
    office = client_for(city["school_user"])
    assert [office.get(url).status_code for url in urls] == [200] * len(urls)
    for user in (city["student_user"], teacher):
        client = client_for(user)
        assert [client.get(url).status_code for url in urls] == [404] * len(urls), user.username
        assert case.unit_name not in client.get("/evaluation/cases/").content.decode()
