"""The expected scope of surveys, tracking, the record log and jobs: the rows of the doc's table
"Surveys, tracking, the record log, jobs" (docs/roles-and-access.md), in the vocabulary of
``access.table``."""

from __future__ import annotations

from django.db.models import Q

from access.scope import ALL, Rule, computed, officer, person, rep, under
from access.units import leaf_private_reach
from chanjiao.jobs.models import Job
from chanjiao.ledger.models import Leaf, LedgerEntry
from chanjiao.registry.models import Organisation
from chanjiao.surveys.models import Analysis, Construct, Item, Questionnaire, Response
from chanjiao.surveys.models import Invitation as SurveyInvitation
from chanjiao.tracking.models import (
    CareerRecord,
    CourseChangeRequest,
    FollowUpWave,
    Graduate,
    InternshipConcern,
    JobStandard,
    PracticalTraining,
    RemediationPlan,
    RemediationStep,
    TrainingLog,
    XapiSource,
)


def surveys_tracking_ledger() -> dict[str, Rule]:
    def owned(model, path):
        return Rule(
            model,
            (rep(path), officer(f"{path}__region__path")),
            {"change": (rep(path),)},
        )

    training_see = (
        person("placement__student__user"),
        rep("placement__student__school"),
        rep("placement__enterprise"),
        person("mentor__user"),
        person("supervisor__user"),
        officer("placement__student__school__region__path"),
    )
    return {
        "questionnaire": owned(Questionnaire, "owner"),
        # the respondents' links: only the owner, who distributes the survey
        "questionnaire_links": Rule(Questionnaire, (rep("owner"),), {"change": (rep("owner"),)}),
        "construct": owned(Construct, "questionnaire__owner"),
        "item": owned(Item, "questionnaire__owner"),
        "survey_invitation": Rule(
            SurveyInvitation, (rep("questionnaire__owner"),), {"change": (rep("questionnaire__owner"),)}
        ),
        "response": owned(Response, "questionnaire__owner"),
        "analysis": owned(Analysis, "questionnaire__owner"),
        "standard": Rule(
            JobStandard, (ALL,), {"change": (rep("association"), officer("association__region__path"))}
        ),
        "change_request": Rule(
            CourseChangeRequest,
            (rep("enterprise"), rep("program__school"), officer("program__school__region__path")),
            {
                # the request's page takes the school's decision form as well as the enterprise's
                "change": (rep("enterprise"), rep("program__school")),
                "decision": (rep("program__school"),),
            },
        ),
        "training": Rule(
            PracticalTraining,
            training_see,
            {
                # the training page takes every one of its actions' forms (logs, decisions,
                # assessments, completion): its people and both organisations post there
                "change": (
                    rep("placement__student__school"),
                    rep("placement__enterprise"),
                    person("placement__student__user"),
                    person("mentor__user"),
                    person("supervisor__user"),
                ),
                "logs": (person("placement__student__user"), rep("placement__student__school")),
                "assessments": (
                    person("mentor__user"),
                    person("supervisor__user"),
                    rep("placement__student__school"),
                ),
                "completion": (rep("placement__student__school"), rep("placement__enterprise")),
                "mentor": (rep("placement__enterprise"),),
                "supervisor": (rep("placement__student__school"),),
                # the three-party agreement: the school records it (docs/internships.md)
                "agreement": (rep("placement__student__school"),),
                # a problem with the internship: the student tells the school, for itself only
                "concerns": (person("placement__student__user", when=Q(placement__kind="internship")),),
            },
            personal=frozenset({"concerns"}),
        ),
        # an enterprise's or a school's internship compliance panel: O, R
        "compliance": Rule(
            Organisation,
            (
                rep("pk", when=Q(kind__in=["school", "enterprise"])),
                officer("region__path", when=Q(kind__in=["school", "enterprise"])),
            ),
        ),
        # a student's report to the school: S, O (school); never the host, never R
        "concern": Rule(
            InternshipConcern,
            (person("placement__student__user"), rep("placement__student__school")),
            {"answer": (rep("placement__student__school"),)},
        ),
        "training_log": Rule(
            TrainingLog,
            under("training__", training_see),
            {"decision": (person("training__mentor__user"),)},
            personal=frozenset({"decision"}),
        ),
        "remediation_plan": Rule(
            RemediationPlan,
            under("training__", training_see),
            {"change": (rep("training__placement__student__school"), rep("training__placement__enterprise"))},
        ),
        "remediation_step": Rule(
            RemediationStep,
            under("plan__training__", training_see),
            {
                "change": (
                    rep("plan__training__placement__student__school"),
                    rep("plan__training__placement__enterprise"),
                    person("plan__training__placement__student__user"),
                )
            },
        ),
        "graduate": Rule(
            Graduate,
            (person("student__user"), rep("student__school"), officer("student__school__region__path")),
            {"change": (rep("student__school"),)},
        ),
        "career": Rule(
            CareerRecord,
            (
                person("graduate__student__user"),
                rep("graduate__student__school"),
                officer("graduate__student__school__region__path"),
            ),
            {"change": (rep("graduate__student__school"),)},
        ),
        "wave": owned(FollowUpWave, "school"),
        "wave_links": Rule(FollowUpWave, (rep("school"),), {"change": (rep("school"),)}),
        "xapi_source": owned(XapiSource, "carrier__lead"),
        "leaf": Rule(Leaf, (computed("*", leaf_private_reach),)),
        "ledger_record": Rule(
            LedgerEntry, (computed("*", lambda model, pks: leaf_private_reach(model, pks, via_entry=True)),)
        ),
        "job": Rule(Job, (person("created_by"),)),
    }
