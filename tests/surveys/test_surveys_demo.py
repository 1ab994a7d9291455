"""The demo city's questionnaires: the paper's collection (600 sent, 527 valid) and an open follow-up."""

from types import SimpleNamespace

from chanjiao.registry.models import Organisation, Region, Teacher
from chanjiao.surveys.demo import populate_surveys
from chanjiao.surveys.models import Analysis, Questionnaire
from chanjiao.surveys.selectors import reminders_due, satisfaction_scores, tracking
from factories import HUQIU, client_for


def test_the_demo_reproduces_the_papers_collection_and_analysis(world):
    Organisation.objects.bulk_create(
        [
            Organisation(kind="enterprise", name=f"演示企业{n}", region_id=HUQIU, size="sme", industry="C")
            for n in range(400)
        ]
    )
    Teacher.objects.bulk_create(
        [Teacher(name=f"教师{n}", organisation=world["other_school"]) for n in range(300)]
        + [Teacher(name=f"本校教师{n}", organisation=world["school"]) for n in range(40)]
    )
    dataset = SimpleNamespace(scale="city", seed=1, region=Region.objects.get(pk=320500))

    counts = populate_surveys(dataset=dataset)

    bureau, follow_up = Questionnaire.objects.order_by("pk")
    figures = tracking(bureau)
    assert counts == {"questionnaires": 2, "survey_invitations": 641, "survey_responses": 624}
    assert (figures["sent"], figures["received"], figures["valid"]) == (600, 600, 527)
    assert round(figures["valid_rate"], 3) == 0.878
    assert [(g["group"], g["sent"]) for g in figures["groups"]] == [("enterprise_hr", 330), ("teacher", 270)]
    analysis = Analysis.objects.get(questionnaire=bureau)
    assert analysis.report["n"] == 527 and analysis.report["sample"]["sent"] == 600
    truth = {
        ("SS", "EP"): 0.35,
        ("SS", "CG"): 0.40,
        ("TQ", "SS"): 0.45,
        ("TQ", "EP"): 0.20,
        ("TQ", "CG"): 0.05,
    }
    for path in analysis.report["paths"]:
        assert abs(path["standardized"] - truth[(path["outcome"], path["predictor"])]) < 0.15
    assert bureau.state() == "expired" and follow_up.state() == "open"
    assert (follow_up.invitations.count(), follow_up.responses.count(), reminders_due(follow_up).count()) == (
        41,
        24,
        17,
    )
    valid_2025 = bureau.responses.filter(valid=True, submitted_at__year=2025)
    assert set(satisfaction_scores(2025, by="organisation")) == set(
        valid_2025.values_list("organisation_id", flat=True)
    )
    page = client_for(world["officer"]).get(f"/surveys/analyses/{analysis.pk}/").content.decode()
    assert "Model fit" in page


def test_the_province_scale_adds_no_questionnaires(db):
    assert populate_surveys(dataset=SimpleNamespace(scale="province", seed=1, region=None)) == {}
