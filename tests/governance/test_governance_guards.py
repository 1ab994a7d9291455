"""An agreement missing a mandatory clause cannot be signed: it would come into force without it.
The page and the API refuse with the clauses named, and nothing is signed."""

from chanjiao.core.credit import Policy
from chanjiao.credit.services import save_policy
from chanjiao.governance.models import Agreement, AgreementRevision, AgreementSignature
from chanjiao.registry.models import Region
from factories import client_for


def require_a_data_clause(world) -> None:
    clauses = dict(Policy().agreements.mandatory_clauses)
    save_policy(
        region=Region.objects.get(pk=320500),
        policy_settings={
            "agreements": {
                "mandatory_clauses": {**clauses, "student_data": "Student personal data protection"}
            }
        },
        finance_tier="strong",
        note="data clause",
        actor=world["officer"],
    )


def test_a_draft_lacking_a_clause_the_policy_now_requires_cannot_be_signed(world, agreement_payload, send):
    school, enterprise = client_for(world["school_user"]), client_for(world["enterprise_user"])
    agreement_id = send(school, "post", "/api/governance/agreements", agreement_payload()).json()["id"]
    require_a_data_clause(world)

    by_api = send(school, "post", f"/api/governance/agreements/{agreement_id}/sign")
    by_page = enterprise.post(f"/governance/agreements/{agreement_id}/sign/", follow=True)

    message = (
        "It cannot be signed: mandatory clauses are missing or empty: Student personal data protection. "
        "Amend it first."
    )
    assert (by_api.status_code, by_api.json()["detail"][0]["msg"]) == (422, message)
    assert message in by_page.content.decode()
    assert AgreementSignature.objects.count() == 0
    assert Agreement.objects.get(pk=agreement_id).status == "draft"


def test_an_emptied_clause_is_named_too(world, agreement_payload, send):
    school = client_for(world["school_user"])
    agreement_id = send(school, "post", "/api/governance/agreements", agreement_payload()).json()["id"]
    revision = AgreementRevision.objects.get(agreement_id=agreement_id)
    revision.clauses = {**revision.clauses, "exit": " ", "risk_sharing": ""}
    revision.save()

    refused = send(school, "post", f"/api/governance/agreements/{agreement_id}/sign")

    assert refused.status_code == 422
    message = refused.json()["detail"][0]["msg"]
    # the clauses come in the stored policy's order, which PostgreSQL's JSONB does not keep
    assert message.endswith(
        ("missing or empty: Risk sharing; Exit. Amend it first.", "Exit; Risk sharing. Amend it first.")
    )
    assert AgreementSignature.objects.count() == 0
