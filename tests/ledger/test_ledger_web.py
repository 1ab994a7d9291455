"""The ledger pages: the log, leaves, a record's proof, "verify this record", key, admin actions."""

import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from chanjiao.jobs.models import Job
from chanjiao.ledger.models import Leaf, SignedHead
from chanjiao.registry.models import Carrier, Organisation
from factories import client_for

pytestmark = pytest.mark.django_db


def test_records_created_through_the_web_appear_in_the_log(world):
    officer = client_for(world["officer"])

    officer.post(
        "/carriers/new/",
        {
            "name": "智能制造实训基地",
            "kind": "training_base",
            "region": 320505,
            "lead": world["enterprise"].pk,
            "governance_body": "council",
            "status": "active",
        },
    )
    carrier = Carrier.objects.get(name="智能制造实训基地")
    officer.post(
        f"/carriers/{carrier.pk}/members/",
        {"organisation": world["school"].pk, "role": "member", "council_seats": 2},
    )

    assert list(Leaf.objects.values_list("record_type", "record_id")) == [
        ("carrier", str(carrier.pk)),
        ("carrier_membership", str(carrier.pk)),
        ("carrier_membership", str(carrier.pk)),
    ]
    members = json.loads(Leaf.objects.get(leaf_index=2).document)["content"]["members"]
    assert {(m["organisation"], m["role"], m["council_seats"]) for m in members} == {
        (world["enterprise"].pk, "lead", 0),
        (world["school"].pk, "member", 2),
    }


def test_a_refused_edit_adds_no_leaf(world):
    rival = client_for(world["other_enterprise_user"])

    response = rival.post(f"/organisations/{world['enterprise'].pk}/edit/", {"name": "改名"})

    assert response.status_code == 403
    assert Leaf.objects.count() == 0


def test_the_log_page_shows_heads_and_recent_leaves(logged_world):
    page = client_for(logged_world["officer"]).get("/ledger/")

    html = page.content.decode()
    assert page.status_code == 200
    assert "Tamper-evident record log" in html
    assert bytes(SignedHead.objects.get().root_hash).hex() in html
    assert html.count("/ledger/records/") == 10
    assert "Sign a tree head now" not in html  # officers do not sign


def test_administrators_sign_and_start_a_full_verification(logged_world, django_capture_on_commit_callbacks):
    admin = client_for(logged_world["admin"])

    assert "Sign a tree head now" in admin.get("/ledger/").content.decode()
    signed = admin.post("/ledger/heads/sign/")
    with django_capture_on_commit_callbacks(execute=True):
        verified = admin.post("/ledger/verify-log/")

    assert signed.status_code == 302 and SignedHead.objects.count() == 2
    job = Job.objects.get(kind="ledger.verify")
    assert verified.url == f"/jobs/{job.pk}/"
    assert (job.status, job.result["ok"], job.result["tree_size"]) == ("succeeded", True, 10)


def test_others_may_not_sign_or_verify_the_whole_log(logged_world):
    officer = client_for(logged_world["officer"])

    assert officer.post("/ledger/heads/sign/").status_code == 403
    assert officer.post("/ledger/verify-log/").status_code == 403
    assert officer.get("/ledger/heads/sign/").status_code == 405
    assert SignedHead.objects.count() == 1 and not Job.objects.exists()


def test_leaves_list_filters_and_exports(logged_world):
    client = client_for(logged_world["officer"])

    page = client.get("/ledger/leaves/", {"record_type": "organisation"})
    export = client.get("/ledger/leaves/", {"record_type": "carrier", "format": "xlsx"})

    assert page.status_code == 200 and page.content.decode().count("?leaf=") == 6
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_record_page_shows_verified_status_proof_and_content(logged_world):
    carrier = logged_world["carrier"]

    page = client_for(logged_world["student_user"]).get(f"/ledger/records/carrier/{carrier.pk}/")

    html = page.content.decode()
    assert page.status_code == 200
    assert "included in the signed tree head of size 10" in html
    assert html.count("<li>") >= 4  # the audit path of a leaf in a tree of 10
    assert carrier.name in html


def test_record_page_withholds_private_content_but_shows_the_proof(logged_world):
    enterprise = logged_world["enterprise"]
    rival = client_for(logged_world["other_enterprise_user"])

    page = rival.get(f"/ledger/records/organisation/{enterprise.pk}/")
    download = rival.get(f"/ledger/records/organisation/{enterprise.pk}/", {"format": "json"})

    assert page.status_code == 200
    # the revenue as a number of its own, not a run of digits inside a hash
    assert re.search(r"(?<![0-9a-f])12,?000(?![0-9a-f])", page.content.decode()) is None
    assert "Audit path" in page.content.decode()
    assert download.status_code == 403


def test_record_page_download_is_a_bundle(logged_world):
    enterprise = logged_world["enterprise"]

    download = client_for(logged_world["enterprise_user"]).get(
        f"/ledger/records/organisation/{enterprise.pk}/", {"format": "json"}
    )

    assert "attachment" in download["Content-Disposition"]
    assert json.loads(download.content)["record"]["content"]["revenue"] == "12000.00"


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/ledger/records/vote/1/", 404),
        ("/ledger/records/carrier/999/", 404),
        ("/ledger/records/carrier/1/?leaf=999", 404),
    ],
)
def test_record_page_bad_addresses_are_404(logged_world, url, status):
    url = url.replace("/carrier/1/", f"/carrier/{logged_world['carrier'].pk}/")

    assert client_for(logged_world["officer"]).get(url).status_code == status


def test_a_record_changed_in_the_database_shows_an_altered_badge(logged_world):
    enterprise = logged_world["enterprise"]
    client = client_for(logged_world["officer"])
    assert "verified · leaf" in client.get(f"/organisations/{enterprise.pk}/").content.decode()

    Organisation.objects.filter(pk=enterprise.pk).update(employees=1)

    html = client.get(f"/organisations/{enterprise.pk}/").content.decode()
    assert "changed outside the log" in html


def test_carrier_page_has_a_badge_for_the_carrier_and_its_membership(logged_world):
    carrier = logged_world["carrier"]

    html = client_for(logged_world["school_user"]).get(f"/carriers/{carrier.pk}/").content.decode()

    assert "Carrier verified · leaf 0 of signed head 10" in html
    assert "Carrier membership verified · leaf 1 of signed head 10" in html


def test_verify_page_checks_pasted_and_uploaded_records_without_sign_in(logged_world):
    carrier = logged_world["carrier"]
    bundle = client_for(logged_world["officer"]).get(f"/api/ledger/records/carrier/{carrier.pk}").content
    anonymous = Client()

    pasted = anonymous.post("/ledger/verify/", {"bundle": bundle.decode()})
    uploaded = anonymous.post("/ledger/verify/", {"bundle_file": SimpleUploadedFile("record.json", bundle)})
    forged = json.loads(bundle)
    forged["record"]["actor"] = "user:someone-else"
    tampered = anonymous.post("/ledger/verify/", {"bundle": json.dumps(forged)})

    assert pasted.status_code == 200 and "The record is in the log" in pasted.content.decode()
    assert uploaded.status_code == 200 and "The record is in the log" in uploaded.content.decode()
    assert "The record does not check" in tampered.content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Paste the exported record or upload its file."),
        ({"bundle": "{not json"}, "the exported record is not valid JSON"),
        ({"bundle": "[1]"}, "the exported record must be a JSON object"),
        ({"bundle": "{}", "signed_tree_head": '{"tree_size": 1}'}, "signed tree head lacks"),
        ({"bundle": "{}", "public_key": "-----BEGIN PUBLIC KEY-----\nxx"}, "cannot read the public key PEM"),
    ],
)
def test_verify_page_bad_input_is_400_and_named(logged_world, data, message):
    response = Client().post("/ledger/verify/", data)

    assert response.status_code == 400
    assert message in response.content.decode()


def test_public_key_page_and_pem_are_public(logged_world, ledger_signing_key):
    from chanjiao.core.ledger import encode_public_key

    page = Client().get("/ledger/public-key/")
    pem = Client().get("/ledger/public-key.pem")

    assert encode_public_key(ledger_signing_key.public_key()) in page.content.decode()
    assert pem.content.decode() == encode_public_key(ledger_signing_key.public_key(), pem=True)


def test_log_pages_need_sign_in(logged_world):
    assert Client().get("/ledger/").status_code == 302
    assert Client().get(f"/ledger/records/carrier/{logged_world['carrier'].pk}/").status_code == 302


def test_home_panel_for_officers_only(logged_world):
    officer = client_for(logged_world["officer"]).get("/").content.decode()
    student = client_for(logged_world["student_user"]).get("/").content.decode()

    assert "10 records logged." in officer
    assert "records logged." not in student


def test_the_log_speaks_chinese(logged_world):
    client = client_for(logged_world["officer"])

    page = client.get("/ledger/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()

    assert "防篡改存证日志" in page and "签名树头" in page


@pytest.mark.parametrize(("user", "shown"), [("officer", True), ("admin", True), ("student_user", False)])
def test_the_log_panel_on_the_home_page_is_for_officers_and_administrators(logged_world, user, shown):
    page = client_for(logged_world[user]).get("/")

    assert ("Tamper-evident record log" in page.content.decode()) is shown


def test_only_administrators_see_the_sign_and_verify_buttons(logged_world):
    officer = client_for(logged_world["officer"]).get("/ledger/").content.decode()
    admin = client_for(logged_world["admin"]).get("/ledger/").content.decode()

    assert 'id="sign-head"' not in officer and 'id="verify-log"' not in officer
    assert 'id="sign-head"' in admin and 'id="verify-log"' in admin
