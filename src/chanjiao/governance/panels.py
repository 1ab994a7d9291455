"""The agreements-and-councils section of the home page for an organisation's representative."""

from __future__ import annotations

from django.utils import timezone

from chanjiao.accounts import access
from chanjiao.credit.selectors import governing_version
from chanjiao.governance.models import Agreement, AgreementStatus, Motion, MotionStatus
from chanjiao.governance.selectors import (
    IN_FORCE_STATUSES,
    check_revision,
    in_force_revision,
    latest_revision,
)
from chanjiao.governance.wording import expiry_warning


def home_panel(request):
    # Those who draft and sign agreements for an organisation: its representatives.
    if not access.may_create(request.user, Agreement):
        return None
    organisation = request.user.organisation
    agreements = Agreement.objects.filter(party_rows__organisation=organisation).select_related("region")
    to_sign = [
        agreement
        for agreement in agreements.exclude(status=AgreementStatus.EXITED)
        if not latest_revision(agreement).signatures.filter(organisation=organisation).exists()
        and latest_revision(agreement).in_force_at is None
    ]
    expiring = []
    version = governing_version(organisation.region)
    if version is not None:
        today = timezone.localdate()
        for agreement in agreements.filter(status__in=IN_FORCE_STATUSES):
            revision = in_force_revision(agreement)
            check = check_revision(revision, version.policy, today) if revision else None
            if check is not None and check.expiry in ("expiring", "expired"):
                expiring.append((agreement, expiry_warning(check, revision.ends_on)))
    open_motions = list(
        Motion.objects.filter(
            status=MotionStatus.OPEN,
            meeting__council__carrier__memberships__organisation=organisation,
            meeting__council__carrier__memberships__council_seats__gt=0,
        )
        .exclude(votes__organisation=organisation)
        .select_related("meeting", "meeting__council")[:10]
    )
    return "governance/_panel.html", {
        "to_sign": to_sign[:10],
        "expiring": expiring[:10],
        "open_motions": open_motions,
    }
