"""Technical needs through their workflow, expert matching as a service, consortium lists."""

from chanjiao.accounts.models import Activity
from chanjiao.docking.models import ConsortiumProduct, NeedExpert, TechnicalNeed
from chanjiao.docking.services import match_need_with_experts
from docking.docking_factories import make_posting, send
from factories import client_for


def need_payload(world, **changes):
    return {
        "enterprise": world["enterprise"].pk,
        "title": "精密零件表面粗糙度超差问题攻关",
        "description": "外圆磨削后Ra超差，需要工艺分析。",
        "field": "精密加工",
        "industry": "C",
        "budget": "20.00",
        "region": 320505,
        **changes,
    }


def test_a_need_goes_from_open_to_solved_through_the_api(world):
    client = client_for(world["enterprise_user"])
    need = send(client, "post", "/api/docking/needs", need_payload(world)).json()

    matched = send(
        client, "post", f"/api/docking/needs/{need['id']}/match", {"experts": [world["teacher"].pk]}
    )
    started = send(client, "post", f"/api/docking/needs/{need['id']}/step", {"status": "in_progress"})
    solved = send(
        client,
        "post",
        f"/api/docking/needs/{need['id']}/step",
        {"status": "solved", "outcome": "Ra 0.4 达标"},
    )

    assert need["status"] == "open"
    assert matched.json()["status"] == "matched" and matched.json()["experts"] == [world["teacher"].pk]
    assert started.json()["status"] == "in_progress"
    assert solved.json()["status"] == "solved" and solved.json()["outcome"] == "Ra 0.4 达标"
    assert solved.json()["closed_at"] is not None


def test_steps_out_of_order_and_missing_outcomes_are_refused(world):
    client = client_for(world["enterprise_user"])
    need = send(client, "post", "/api/docking/needs", need_payload(world)).json()

    skip = send(
        client, "post", f"/api/docking/needs/{need['id']}/step", {"status": "solved", "outcome": "done"}
    )
    silent = send(client, "post", f"/api/docking/needs/{need['id']}/step", {"status": "abandoned"})
    no_experts = send(client, "post", f"/api/docking/needs/{need['id']}/match", {"experts": []})
    ghost = send(client, "post", f"/api/docking/needs/{need['id']}/match", {"experts": [987654]})

    assert skip.status_code == 422 and "cannot move to Solved" in skip.json()["detail"][0]["msg"]
    assert silent.status_code == 422 and silent.json()["detail"][0]["loc"] == ["body", "outcome"]
    assert no_experts.json()["detail"][0]["loc"] == ["body", "experts"]
    assert "No teacher with id 987654" in ghost.json()["detail"][0]["msg"]
    assert TechnicalNeed.objects.get().status == "open"


def test_the_matching_round_moves_a_need_with_the_service(world):
    need = send(
        client_for(world["enterprise_user"]), "post", "/api/docking/needs", need_payload(world)
    ).json()
    record = TechnicalNeed.objects.get(pk=need["id"])

    match_need_with_experts(actor=world["officer"], need=record, experts=[world["teacher"], world["mentor"]])

    record.refresh_from_db()
    assert record.status == "matched" and record.matched_at is not None
    assert set(NeedExpert.objects.values_list("expert__name", flat=True)) == {"钱老师", "赵师傅"}
    assert Activity.objects.filter(verb="match_need", actor=world["officer"]).count() == 1


def test_officer_in_scope_matches_others_cannot_change_a_need(world):
    need = send(
        client_for(world["enterprise_user"]), "post", "/api/docking/needs", need_payload(world)
    ).json()
    url = f"/api/docking/needs/{need['id']}"

    officer = send(client_for(world["officer"]), "post", url + "/match", {"experts": [world["teacher"].pk]})
    other = client_for(world["other_enterprise_user"])
    patched = send(other, "patch", url, {"title": "改掉"})
    stepped = send(other, "post", url + "/step", {"status": "abandoned", "outcome": "x"})
    nanjing = send(
        client_for(world["nanjing_officer"]), "post", url + "/match", {"experts": [world["teacher"].pk]}
    )
    web = other.post(f"/docking/needs/{need['id']}/step/", {"status": "abandoned", "outcome": "x"})

    assert officer.status_code == 200
    assert (patched.status_code, stepped.status_code, nanjing.status_code, web.status_code) == (
        403,
        403,
        403,
        403,
    )
    assert TechnicalNeed.objects.get().title == "精密零件表面粗糙度超差问题攻关"


def test_need_pages_and_filters(world):
    client = client_for(world["enterprise_user"])
    created = client.post("/docking/needs/new/", need_payload(world))
    need = TechnicalNeed.objects.get()

    page = client.get(f"/docking/needs/{need.pk}/").content.decode()
    matched = client.post(f"/docking/needs/{need.pk}/match/", {"experts": str(world["teacher"].pk)})
    bad = client.post(f"/docking/needs/{need.pk}/step/", {"status": "solved", "outcome": ""})
    listed = (
        client_for(world["school_user"])
        .get("/api/docking/needs", {"status": "matched", "q": "粗糙度"})
        .json()
    )

    assert created.status_code == 302
    assert "精密零件表面粗糙度超差问题攻关" in page and "Match with these experts" in page
    assert matched.status_code == 302
    assert bad.status_code == 400
    assert [n["id"] for n in listed["items"]] == [need.pk]


def test_consortium_lists_its_core_products_needs_and_talent(docking):
    world, consortium = docking, docking["consortium"]
    lead = client_for(world["officer"])
    make_posting(world["enterprise"], title="数控车工", carrier=consortium)
    send(
        client_for(world["enterprise_user"]),
        "post",
        "/api/docking/needs",
        need_payload(world, carrier=consortium.pk),
    )

    added = send(
        lead,
        "post",
        f"/api/docking/consortia/{consortium.pk}/products",
        {"name": "高端数控机床", "producer": world["enterprise"].pk},
    )
    twice = send(lead, "post", f"/api/docking/consortia/{consortium.pk}/products", {"name": "高端数控机床"})
    outsider = send(
        lead,
        "post",
        f"/api/docking/consortia/{consortium.pk}/products",
        {"name": "芯片", "producer": world["other_enterprise"].pk},
    )
    body = lead.get(f"/api/docking/consortia/{consortium.pk}").json()
    page = client_for(world["student_user"]).get(f"/docking/consortia/{consortium.pk}/").content.decode()

    assert added.status_code == 201
    assert twice.status_code == 422 and twice.json()["detail"][0]["loc"] == ["body", "name"]
    assert outsider.json()["detail"][0]["loc"] == ["body", "producer"]
    assert [p["name"] for p in body["core_products"]] == ["高端数控机床"]
    assert len(body["technology_needs"]) == 1 and len(body["talent_needs"]) == 1
    assert "1 needs mined, 0 solved." in page and "数控车工" in page


def test_only_members_list_in_a_consortium_and_only_its_lead_edits_products(docking):
    world, consortium = docking, docking["consortium"]

    outsider = send(
        client_for(world["other_enterprise_user"]),
        "post",
        "/api/docking/needs",
        need_payload(world, enterprise=world["other_enterprise"].pk, carrier=consortium.pk),
    )
    member = send(
        client_for(world["enterprise_user"]),
        "post",
        f"/api/docking/consortia/{consortium.pk}/products",
        {"name": "x"},
    )
    web = client_for(world["enterprise_user"]).post(
        f"/docking/consortia/{consortium.pk}/products/", {"name": "x"}
    )

    assert outsider.status_code == 422 and outsider.json()["detail"][0]["loc"] == ["body", "carrier"]
    assert (member.status_code, web.status_code) == (403, 403)
    assert ConsortiumProduct.objects.count() == 0 and TechnicalNeed.objects.count() == 0
