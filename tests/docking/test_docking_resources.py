"""Courses, shareable resources with bookings (never two approved on one day), cooperation calls."""

import datetime as dt

import pytest
from django.utils import timezone

from chanjiao.docking.models import Booking, CallResponse, Course, SharedResource
from docking.docking_factories import send
from factories import client_for


def in_days(n: int) -> str:
    return (timezone.localdate() + dt.timedelta(days=n)).isoformat()


@pytest.fixture
def resource(world):
    return SharedResource.objects.create(
        owner=world["school"], kind="equipment", name="五轴联动加工中心", region_id=320505, capacity=6
    )


def test_school_manages_courses_of_its_programs_only(world):
    client = client_for(world["school_user"])

    created = send(
        client,
        "post",
        "/api/docking/courses",
        {"program": world["program"].pk, "name": "数控编程", "hours": 64},
    )
    twice = send(client, "post", "/api/docking/courses", {"program": world["program"].pk, "name": "数控编程"})
    foreign = send(
        client, "post", "/api/docking/courses", {"program": world["other_program"].pk, "name": "Java"}
    )
    course = Course.objects.get()
    other = send(
        client_for(world["other_school_user"]), "patch", f"/api/docking/courses/{course.pk}", {"hours": 1}
    )
    listed = (
        client_for(world["enterprise_user"])
        .get("/api/docking/courses", {"program": world["program"].pk})
        .json()
    )
    deleted = client.post(f"/docking/courses/{course.pk}/edit/", {"delete": "1"})

    assert created.status_code == 201 and created.json()["hours"] == 64
    assert twice.json()["detail"][0]["loc"] == ["body", "name"]
    assert foreign.json()["detail"][0]["loc"] == ["body", "program"]
    assert other.status_code == 403
    assert [c["name"] for c in listed["items"]] == ["数控编程"]
    assert deleted.status_code == 302 and Course.objects.count() == 0


def test_only_schools_share_resources_and_only_their_own(world, resource):
    enterprise = send(client_for(world["enterprise_user"]), "post", "/api/docking/resources", {"name": "x"})
    other = send(
        client_for(world["other_school_user"]),
        "patch",
        f"/api/docking/resources/{resource.pk}",
        {"available": False},
    )
    created = client_for(world["school_user"]).post(
        "/docking/resources/new/",
        {
            "owner": world["school"].pk,
            "kind": "facility",
            "name": "智能制造实训中心",
            "region": 320505,
            "available": "on",
        },
    )

    assert (enterprise.status_code, other.status_code, created.status_code) == (403, 403, 302)
    resource.refresh_from_db()
    assert resource.available is True
    assert SharedResource.objects.count() == 2


def test_booking_never_overlaps_an_approved_one(world, resource):
    enterprise, other_school = client_for(world["enterprise_user"]), client_for(world["other_school_user"])
    owner = client_for(world["school_user"])
    url = f"/api/docking/resources/{resource.pk}/bookings"

    first = send(
        enterprise, "post", url, {"start_date": in_days(10), "end_date": in_days(12), "purpose": "员工培训"}
    ).json()
    rival = send(
        other_school, "post", url, {"start_date": in_days(12), "end_date": in_days(14), "purpose": "实训"}
    ).json()
    approved = send(owner, "post", f"/api/docking/bookings/{first['id']}/decide", {"approve": True})
    clash = send(owner, "post", f"/api/docking/bookings/{rival['id']}/decide", {"approve": True})
    late = send(
        enterprise, "post", url, {"start_date": in_days(11), "end_date": in_days(11), "purpose": "试制"}
    )
    after = send(
        enterprise, "post", url, {"start_date": in_days(13), "end_date": in_days(15), "purpose": "试制"}
    )

    assert approved.json()["status"] == "approved"
    assert clash.status_code == 422 and "overlaps the approved booking" in clash.json()["detail"][0]["msg"]
    assert late.status_code == 422 and "Already booked" in late.json()["detail"][0]["msg"]
    assert after.status_code == 201
    assert dict(Booking.objects.values_list("pk", "status")) == {
        first["id"]: "approved",
        rival["id"]: "requested",
        after.json()["id"]: "requested",
    }


def test_booking_refusals_change_nothing(world, resource):
    url = f"/api/docking/resources/{resource.pk}/bookings"
    owner_books = send(
        client_for(world["school_user"]),
        "post",
        url,
        {"start_date": in_days(3), "end_date": in_days(4), "purpose": "x"},
    )
    past = send(
        client_for(world["enterprise_user"]),
        "post",
        url,
        {"start_date": in_days(-3), "end_date": in_days(1), "purpose": "x"},
    )
    backwards = send(
        client_for(world["enterprise_user"]),
        "post",
        url,
        {"start_date": in_days(5), "end_date": in_days(4), "purpose": "x"},
    )
    booking = send(
        client_for(world["enterprise_user"]),
        "post",
        url,
        {"start_date": in_days(3), "end_date": in_days(4), "purpose": "x"},
    ).json()
    stranger = send(
        client_for(world["other_enterprise_user"]),
        "post",
        f"/api/docking/bookings/{booking['id']}/decide",
        {"approve": True},
    )
    requester = send(
        client_for(world["enterprise_user"]),
        "post",
        f"/api/docking/bookings/{booking['id']}/decide",
        {"approve": True},
    )

    assert owner_books.status_code == 403
    assert past.json()["detail"][0]["loc"] == ["body", "start_date"]
    assert backwards.json()["detail"][0]["loc"] == ["body", "end_date"]
    assert stranger.status_code == 404  # another enterprise does not even see the booking
    assert requester.status_code == 403
    assert list(Booking.objects.values_list("status", flat=True)) == ["requested"]


def test_booking_on_the_web_and_cancelling(world, resource):
    client = client_for(world["enterprise_user"])

    page = client.get(f"/docking/resources/{resource.pk}/").content.decode()
    asked = client.post(
        f"/docking/resources/{resource.pk}/book/",
        {"start_date": in_days(20), "end_date": in_days(21), "purpose": "技能考核"},
    )
    booking = Booking.objects.get()
    client_for(world["school_user"]).post(f"/docking/bookings/{booking.pk}/decide/", {"approve": "yes"})
    cancelled = client.post(f"/docking/bookings/{booking.pk}/cancel/")
    again = client.post(f"/docking/bookings/{booking.pk}/cancel/")

    assert "Request a booking" in page
    assert asked.status_code == 302
    assert cancelled.status_code == 302 and again.status_code == 400
    booking.refresh_from_db()
    assert booking.status == "cancelled" and booking.decided_by == world["school_user"]


def test_calls_take_one_response_per_organisation_until_closed(world):
    school = client_for(world["school_user"])
    call = send(
        school,
        "post",
        "/api/docking/calls",
        {
            "school": world["school"].pk,
            "title": "数控技术订单班合作企业征集",
            "kind": "order_class",
            "description": "招募",
            "region": 320505,
        },
    ).json()
    url = f"/api/docking/calls/{call['id']}/responses"

    answered = send(client_for(world["enterprise_user"]), "post", url, {"message": "可提供20个岗位"})
    twice = send(client_for(world["enterprise_user"]), "post", url, {"message": "再来"})
    own = send(school, "post", url, {"message": "自己"})
    seen_by_other = client_for(world["other_enterprise_user"]).get(url).json()
    seen_by_owner = school.get(url).json()
    send(school, "post", f"/api/docking/calls/{call['id']}/close", {})
    late = send(client_for(world["other_enterprise_user"]), "post", url, {"message": "晚了"})

    assert answered.status_code == 201
    assert twice.status_code == 422 and "already responded" in twice.json()["detail"][0]["msg"]
    assert own.status_code == 403
    assert seen_by_other == [] and [r["message"] for r in seen_by_owner] == ["可提供20个岗位"]
    assert late.status_code == 422 and "closed" in late.json()["detail"][0]["msg"]
    assert CallResponse.objects.count() == 1


@pytest.mark.parametrize(
    "url",
    [
        "/docking/",
        "/docking/courses/",
        "/docking/resources/",
        "/docking/bookings/",
        "/docking/calls/",
        "/docking/consortia/",
    ],
)
def test_lists_render_and_export(world, resource, url):
    client = client_for(world["enterprise_user"])

    page = client.get(url)
    export = client.get(url, {"format": "xlsx"})

    assert page.status_code == 200
    assert url == "/docking/" or export["Content-Type"].startswith("application/vnd.openxmlformats")
