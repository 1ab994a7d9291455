"""A logged version is read as it was: private figures stay private after the record changes,
and a record with private fields is logged with a salt, so its public hash gives nothing away."""

import json

import pytest

from chanjiao.core.ledger import hash_leaf, leaf_hash
from chanjiao.ledger.bundle import check_record_bundle
from chanjiao.ledger.models import Leaf, LedgerEntry
from chanjiao.ledger.services import sign_tree_head
from chanjiao.ledger.verification import verify_ledger
from chanjiao.registry.services import update_record
from factories import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def blanked(logged_world):
    """The enterprise's representative blanks its revenue and R&D spending after they were logged."""
    enterprise = logged_world["enterprise"]
    with_revenue = LedgerEntry.objects.get(record_type="organisation", record_id=str(enterprise.pk)).leaf_id
    update_record(
        actor=logged_world["enterprise_user"],
        instance=enterprise,
        data={"revenue": None, "rd_spending": None},
    )
    sign_tree_head(actor=None)
    blank = LedgerEntry.objects.get(record_type="organisation", record_id=str(enterprise.pk)).leaf_id
    return logged_world, with_revenue, blank


def test_an_earlier_version_with_revenue_stays_closed_after_the_revenue_is_blanked(blanked):
    world, with_revenue, blank = blanked
    enterprise = world["enterprise"]
    rival = client_for(world["other_enterprise_user"])

    leaf = rival.get(f"/api/ledger/leaves/{with_revenue}")
    page = rival.get(f"/ledger/records/organisation/{enterprise.pk}/", {"leaf": with_revenue})
    download = rival.get(
        f"/ledger/records/organisation/{enterprise.pk}/", {"leaf": with_revenue, "format": "json"}
    )
    current = rival.get(f"/api/ledger/records/organisation/{enterprise.pk}")

    assert leaf.status_code == 403 and download.status_code == 403
    html = page.content.decode()
    assert page.status_code == 200
    assert "12000" not in html and '"salt"' not in html
    assert enterprise.name in html  # the version's public fields
    assert 'id="private-withheld"' in html
    # the latest version holds no private figure: it is open, salt and all
    assert current.status_code == 200 and current.json()["leaf_index"] == blank
    assert current.json()["record"]["content"]["revenue"] is None


@pytest.mark.parametrize("reader", ["enterprise_user", "officer", "admin"])
def test_the_owner_and_officers_in_scope_read_and_check_the_earlier_version(
    blanked, reader, ledger_signing_key
):
    world, with_revenue, _blank = blanked

    response = client_for(world[reader]).get(f"/api/ledger/leaves/{with_revenue}")

    assert response.status_code == 200
    bundle = response.json()
    assert bundle["record"]["content"]["revenue"] == "12000.00"
    assert check_record_bundle(bundle, public_key=ledger_signing_key.public_key()).ok


def test_an_officer_of_another_region_does_not_read_the_earlier_version(blanked):
    world, with_revenue, _blank = blanked

    response = client_for(world["nanjing_officer"]).get(f"/api/ledger/leaves/{with_revenue}")

    assert response.status_code == 403


def test_a_record_with_private_fields_is_logged_with_a_new_salt_per_version(blanked):
    world, with_revenue, blank = blanked
    carrier_leaf = LedgerEntry.objects.get(record_type="carrier", record_id=str(world["carrier"].pk)).leaf

    first, second = Leaf.objects.get(pk=with_revenue), Leaf.objects.get(pk=blank)
    document = json.loads(first.document)

    assert document["schema_version"] == 2 and len(document["salt"]) == 32
    assert first.salt == document["salt"] and second.salt not in (None, first.salt)
    # without the salt, guessing the revenue with the public fields does not give the leaf hash
    unsalted = {key: value for key, value in document.items() if key != "salt"} | {"schema_version": 1}
    assert leaf_hash(unsalted) != bytes(first.leaf_hash)
    assert hash_leaf(first.document.encode()) == bytes(first.leaf_hash)
    # a record without private fields is not salted
    assert carrier_leaf.salt is None and json.loads(carrier_leaf.document)["schema_version"] == 1


def test_salted_leaves_pass_the_whole_log_check_and_their_badges(blanked, ledger_signing_key):
    world, _with_revenue, _blank = blanked

    report = verify_ledger(public_key=ledger_signing_key.public_key())
    page = client_for(world["enterprise_user"]).get(f"/ledger/records/organisation/{world['enterprise'].pk}/")

    assert report.ok, report.findings
    assert "included in the signed tree head" in page.content.decode()


def test_an_edited_salt_column_is_reported(blanked, ledger_signing_key):
    world, with_revenue, _blank = blanked
    Leaf.objects.filter(pk=with_revenue).update(salt="0" * 32)

    report = verify_ledger(public_key=ledger_signing_key.public_key())

    assert [(f.kind, f.leaf_index) for f in report.findings] == [("leaf_columns", with_revenue)]
