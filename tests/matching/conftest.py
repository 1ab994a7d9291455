"""Matching fixtures: a small round the tests can check by hand.

Programs: 数控技术 (school) leads to 车工 6-18-01-01; 计算机应用技术 (other school) to 计算机程序设计员
4-04-05-01. Postings (published): P1 车工实习 at `enterprise`, 1 seat, requires skill 数控编程 and
prefers certificate 车工证; P2 铣工实习 (6-18-01-02) at `other_enterprise`, 1 seat; P3 程序员实习 at
`other_enterprise`, 2 seats; P4 车工学徒 (apprenticeship) at `enterprise`, 1 seat. A job posting
and a draft are not seats. Students of entry year 2024: s1 (the world's student, signed in as
`student_user`, skill 数控编程 and certificate 车工证), s2 (数控, no skills), s3 (数控, skill 数控编程),
s4 (the other school's 计算机 student); s5 entered 2021 and is outside the cohort.
"""

import datetime as dt
import json

import pytest
from django.utils import timezone

from chanjiao.accounts.models import Role
from chanjiao.docking.models import Posting, PostingStatus
from chanjiao.matching.models import MatchingRound, RoundStudent
from chanjiao.matching.services import open_round, set_candidate_ranking, set_student_choices
from chanjiao.registry.models import ProgramOccupation
from factories import make_student, make_user


def send(client, method, url, payload=None):
    return getattr(client, method)(url, json.dumps(payload or {}), content_type="application/json")


def make_posting(enterprise, title, occupation, *, seats=1, kind="internship", **fields):
    return Posting.objects.create(
        enterprise=enterprise,
        title=title,
        kind=kind,
        seats=seats,
        region_id=enterprise.region_id,
        status=fields.pop("status", PostingStatus.PUBLISHED),
        published_on=timezone.localdate() - dt.timedelta(days=30),
        occupation_id=occupation,
        salary_min=fields.pop("salary_min", 3000),
        salary_max=fields.pop("salary_max", 4000),
        **fields,
    )


def round_data(**changes):
    now = timezone.now()
    return {
        "name": "苏州2026岗位实习双选",
        "kinds": ["internship", "apprenticeship"],
        "stage": "post",
        "cohort_from": 2024,
        "cohort_to": 2024,
        "region_rule": "anywhere",
        "min_program_fit": 0.25,
        "max_choices": 5,
        "ranking_opens": now - dt.timedelta(days=1),
        "ranking_closes": now + dt.timedelta(days=10),
        "starts_on": dt.date(2026, 7, 1),
        "ends_on": dt.date(2026, 12, 31),
        "lottery_seed": 7,
        **changes,
    }


def positions_of(rnd: MatchingRound, market) -> dict:
    by_posting = {p.posting_id: p for p in rnd.positions.all()}
    return {f"pos{i}": by_posting[market[f"p{i}"].pk] for i in (1, 2, 3, 4)}


def participants_of(rnd: MatchingRound, market) -> dict:
    by_student = {p.student_id: p for p in RoundStudent.objects.filter(round=rnd)}
    return {f"part{i}": by_student[market[f"s{i}"].pk] for i in (1, 2, 3, 4)}


@pytest.fixture
def round_payload():
    """``round_payload(api=False, **changes)``: a valid round as the form (or the API) takes it."""

    def build(*, api: bool = False, **changes) -> dict:
        data = round_data(**changes)
        for name in ("ranking_opens", "ranking_closes"):
            data[name] = data[name].isoformat() if api else data[name].strftime("%Y-%m-%dT%H:%M")
        for name in ("starts_on", "ends_on"):
            data[name] = data[name].isoformat()
        return data

    return build


@pytest.fixture(name="send")
def send_fixture():
    """``send(client, method, url, payload)``: a JSON request."""
    return send


@pytest.fixture
def market(world):
    """`world` with crosswalks, four seat postings and five students (see the module docstring)."""
    ProgramOccupation.objects.create(program=world["program"], occupation_id="6-18-01-01", weight=1.0)
    ProgramOccupation.objects.create(program=world["other_program"], occupation_id="4-04-05-01", weight=1.0)
    world["student"].user = world["student_user"]
    world["student"].skills, world["student"].certificates = ["数控编程"], ["车工证"]
    world["student"].save()
    s2 = make_student(world["program"], name="李二")
    s3 = make_student(world["program"], name="张三", skills=["数控编程"])
    s2.user = make_user(Role.STUDENT, world["school"], "student_two")
    s2.save()
    make_student(world["program"], name="老五", year=2021)
    postings = {
        "p1": make_posting(
            world["enterprise"], "车工实习", "6-18-01-01", skills=["数控编程"], certificates=["车工证"]
        ),
        "p2": make_posting(world["other_enterprise"], "铣工实习", "6-18-01-02"),
        "p3": make_posting(world["other_enterprise"], "程序员实习", "4-04-05-01", seats=2),
        "p4": make_posting(world["enterprise"], "车工学徒", "6-18-01-01", kind="apprenticeship"),
    }
    make_posting(world["enterprise"], "车工", "6-18-01-01", kind="job")
    make_posting(world["enterprise"], "草稿实习", "6-18-01-01", status=PostingStatus.DRAFT)
    return {**world, **postings, "s1": world["student"], "s2": s2, "s3": s3, "s4": world["other_student"]}


@pytest.fixture
def matching_round(market):
    """The officer's open round over `market`, nobody has ranked yet."""
    rnd = open_round(actor=market["officer"], organiser=market["suzhou_bureau"], data=round_data())
    return {**market, "round": rnd, **positions_of(rnd, market), **participants_of(rnd, market)}


@pytest.fixture
def ranked_round(matching_round):
    """Lists: s1 [P1, P2]; s2 [P1, P2]; s3 [P2, P1]; s4 [P3, P1]; P2's enterprise ranks s3, s2, s1."""
    m = matching_round
    for participant, positions in (
        ("part1", ["pos1", "pos2"]),
        ("part2", ["pos1", "pos2"]),
        ("part3", ["pos2", "pos1"]),
        ("part4", ["pos3", "pos1"]),
    ):
        set_student_choices(actor=None, participant=m[participant], positions=[m[p] for p in positions])
    set_candidate_ranking(
        actor=None, position=m["pos2"], mode="entered", ranked=[m["part3"], m["part2"], m["part1"]]
    )
    return m


@pytest.fixture
def closed_round(ranked_round):
    """`ranked_round` whose ranking window has just closed: it may run."""
    rnd = ranked_round["round"]
    rnd.ranking_closes = timezone.now() - dt.timedelta(seconds=1)
    MatchingRound.objects.filter(pk=rnd.pk).update(ranking_closes=rnd.ranking_closes)
    return ranked_round
