"""One-window applications: submission with automatic checks, parallel department reviews."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from chanjiao.accounts.models import User
from chanjiao.accounts.services import record_activity
from chanjiao.core.incentives import Application as CoreApplication
from chanjiao.core.incentives import PlatformFacts, check_application
from chanjiao.credit.models import (
    ONE_WINDOW_SUBSIDIES,
    Application,
    ApplicationStatus,
    DepartmentReview,
    GrantStatus,
    IncentiveGrant,
    PolicyVersion,
    ReviewDecision,
)
from chanjiao.credit.selectors import enterprise_records
from chanjiao.credit.services import ensure_policy
from chanjiao.governance.selectors import agreement_counts
from chanjiao.notifications import models as notice
from chanjiao.notifications.events import representatives
from chanjiao.notifications.services import notify
from chanjiao.registry.models import Organisation


def incentive_choices(enterprise: Organisation, version: PolicyVersion) -> list[tuple[str, str]]:
    """What an enterprise may apply for: the subsidies that always need an application, and the
    policy's automatic incentives it does not hold now."""
    held = set(
        IncentiveGrant.objects.filter(enterprise=enterprise, status=GrantStatus.ACTIVE).values_list(
            "key", flat=True
        )
    )
    automatic = [(rule.key, rule.title) for rule in version.policy.incentives.rules if rule.key not in held]
    return [(key, str(label)) for key, label in ONE_WINDOW_SUBSIDIES] + automatic


@transaction.atomic
def submit_application(*, enterprise: Organisation, data: dict[str, Any], actor: User) -> Application:
    """Store the application with every department's automatic checks against the records."""
    version = ensure_policy(region=enterprise.region, actor=actor)
    policy = version.policy
    year = data["year"]
    span = max(policy.credit.window_years, policy.incentives.exit_window_years)
    records = enterprise_records([enterprise], year - span + 1, year)[enterprise.pk]
    active, incomplete = agreement_counts(enterprise, policy, timezone.localdate())
    facts = PlatformFacts(records, bool(enterprise.credit_code), active, incomplete)
    claims = CoreApplication(
        enterprise.name,
        data["incentive"],
        year,
        claimed_hosted_students=data["claimed_hosted_students"],
        claimed_rd_spending=data["claimed_rd_spending"],
        claimed_technical_needs_solved=data["claimed_technical_needs_solved"],
        claimed_equipment_contributed=data["claimed_equipment_contributed"],
    )
    result = check_application(claims, facts, policy)
    application = Application.objects.create(
        enterprise=enterprise, policy=version, automatic_passed=result.passed, submitted_by=actor, **data
    )
    DepartmentReview.objects.bulk_create(
        [
            DepartmentReview(
                application=application,
                department=review.department,
                automatic_passed=review.passed,
                checks=[
                    {"name": c.name, "passed": c.passed, "reason": c.reason, "facts": c.facts}
                    for c in review.checks
                ],
            )
            for review in result.reviews
        ]
    )
    record_activity(actor=actor, verb="apply", target=application, summary=str(application))
    return application


@transaction.atomic
def review_application(
    *, application: Application, department: str, decision: str, note: str, actor: User
) -> Application:
    """A department decides its part; the application is approved once all three approve and
    rejected as soon as one rejects. While any automatic check failed, approving needs a written
    reason, stored with the decision. The reviews are parallel, so one officer decides one
    department's part, never a second one of the same application."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status != ApplicationStatus.UNDER_REVIEW:
        raise ValueError(_("This application has been decided already."))
    review = application.reviews.get(department=department)
    if review.decision != ReviewDecision.PENDING:
        raise ValueError(_("This department has decided already."))
    own = application.reviews.filter(decided_by=actor).exclude(department=department).first()
    if own is not None:
        raise ValueError(
            _(
                "You decided the %(department)s review of this application: each department's review "
                "is decided by another officer, of that department."
            )
            % {"department": own.get_department_display()}
        )
    failed = not (review.automatic_passed and application.automatic_passed)
    if decision == ReviewDecision.APPROVED and failed and not note.strip():
        raise ValidationError({"note": _("An automatic check failed: explain why you approve anyway.")})
    review.decision, review.note, review.decided_by, review.decided_at = (
        decision,
        note.strip(),
        actor,
        timezone.now(),
    )
    review.save(update_fields=["decision", "note", "decided_by", "decided_at"])
    decisions = set(application.reviews.values_list("decision", flat=True))
    if ReviewDecision.REJECTED in decisions:
        application.status = ApplicationStatus.REJECTED
    elif decisions == {ReviewDecision.APPROVED}:
        application.status = ApplicationStatus.APPROVED
    if application.status != ApplicationStatus.UNDER_REVIEW:
        application.decided_at = timezone.now()
        application.save(update_fields=["status", "decided_at"])
        notify(
            user_ids=representatives([application.enterprise_id]).get(application.enterprise_id, ()),
            kind=notice.APPROVAL,
            title=gettext_noop("Your one-window application for %(year)s is approved.")
            if application.status == ApplicationStatus.APPROVED
            else gettext_noop("Your one-window application for %(year)s is rejected."),
            params={"year": application.year},
            url=reverse("credit:application", args=[application.pk]),
        )
    record_activity(
        actor=actor, verb="review_application", target=application, summary=f"{department}: {decision}"
    )
    return application
