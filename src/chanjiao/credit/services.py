"""Writes for the policy, assessments, automatic incentives, exit notices and appeals."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chanjiao.accounts.models import User
from chanjiao.accounts.services import record_activity
from chanjiao.core.credit import Policy
from chanjiao.core.incentives import IncentiveEligibility, automatic_incentives
from chanjiao.credit.calculations import enterprise_statement
from chanjiao.credit.models import (
    CreditAssessment,
    ExitNotice,
    GrantStatus,
    IncentiveGrant,
    InsuranceCover,
    NoticeStatus,
    PolicyVersion,
)
from chanjiao.credit.results import decisions_json, rating_json, records_json
from chanjiao.credit.selectors import default_rating_year, enterprise_records, governing_version
from chanjiao.registry.models import Organisation, Region

Progress = Callable[[int, int, str], None]
SME_SIZES = ("sme", "micro")
"""Enterprise sizes that get the insurance subsidy's SME bonus."""
OPEN_NOTICE_STATUSES = (NoticeStatus.NOTIFIED, NoticeStatus.APPEALED, NoticeStatus.UPHELD)


# -- policy ---------------------------------------------------------------------------------


@transaction.atomic
def save_policy(
    *, region: Region, policy_settings: dict[str, Any], finance_tier: str, note: str, actor: User | None
) -> PolicyVersion:
    """Store the next version of a region's policy; earlier versions are kept unchanged.

    ``policy_settings`` is a (possibly partial) policy dict; its ``version`` and ``region`` are
    set here. Raises ``ValidationError`` naming ``settings`` or ``finance_tier``.
    """
    # Locking the region row serialises concurrent edits, so two officers never write one version.
    Region.objects.select_for_update().get(pk=region.pk)
    previous = PolicyVersion.objects.filter(region=region).order_by("-version").first()
    version = previous.version + 1 if previous else 1
    try:
        policy = Policy.from_dict({**policy_settings, "version": version, "region": region.full_name})
    except ValueError as error:
        raise ValidationError({"settings": str(error)}) from None
    try:
        policy.insurance.tier_rate(finance_tier)
    except ValueError as error:
        raise ValidationError({"finance_tier": str(error)}) from None
    saved = PolicyVersion.objects.create(
        region=region,
        version=version,
        settings=policy.to_dict(),
        finance_tier=finance_tier,
        note=note[:300],
        created_by=actor if actor is not None and actor.pk else None,
    )
    record_activity(actor=actor, verb="save_policy", target=saved, summary=f"{region} v{version}: {note}")
    return saved


def ensure_policy(*, region: Region, actor: User | None = None) -> PolicyVersion:
    """The policy governing ``region``; when no region on its path has one yet, the national
    defaults are recorded as version 1 of the province's (the top of the path) policy."""
    version = governing_version(region)
    if version is not None:
        return version
    top = Region.objects.get(pk=int(region.path.strip("/").split("/")[0]))
    defaults = Policy()
    return save_policy(
        region=top,
        policy_settings=defaults.to_dict(),
        finance_tier=defaults.insurance.tier_subsidy_rates[0][0],
        note=_("National defaults"),
        actor=actor,
    )


# -- assessments ----------------------------------------------------------------------------


@transaction.atomic
def assess_enterprises(
    *,
    enterprises: Sequence[Organisation],
    actor: User | None,
    as_of_year: int | None = None,
    progress: Progress | None = None,
) -> list[CreditAssessment]:
    """Rate each enterprise under the policy governing its region, store the assessment, grant
    the incentives it qualifies for and end those it no longer does; issue an exit notice when the
    exit rule revokes eligibility. Earlier assessments stay, no longer current."""
    by_version: dict[int, tuple[PolicyVersion, list[Organisation]]] = {}
    version_of_region: dict[int, PolicyVersion] = {}
    for enterprise in enterprises:
        if enterprise.region_id not in version_of_region:
            version_of_region[enterprise.region_id] = ensure_policy(region=enterprise.region, actor=actor)
        version = version_of_region[enterprise.region_id]
        by_version.setdefault(version.pk, (version, []))[1].append(enterprise)
    assessments: list[CreditAssessment] = []
    done, total = 0, len(enterprises)
    for version, group in by_version.values():
        policy = version.policy
        year = as_of_year or default_rating_year(version.region)
        span = max(policy.credit.window_years, policy.incentives.exit_window_years)
        records = enterprise_records(group, year - span + 1, year)
        for start in range(0, len(group), 500):
            batch = group[start : start + 500]
            results = {e.pk: automatic_incentives(records[e.pk], policy, as_of_year=year) for e in batch}
            assessments += _store(batch, results, records, version, year, actor)
            done += len(batch)
            if progress is not None:
                progress(
                    done,
                    total,
                    _("Assessed %(done)s of %(total)s enterprises") % {"done": done, "total": total},
                )
    return assessments


def assess_enterprise(
    *, enterprise: Organisation, actor: User | None, as_of_year: int | None = None
) -> CreditAssessment:
    """Reassess one enterprise (for the year of its current assessment unless told)."""
    if as_of_year is None:
        current = CreditAssessment.objects.filter(enterprise=enterprise, is_current=True).first()
        as_of_year = current.as_of_year if current else None
    (assessment,) = assess_enterprises(enterprises=[enterprise], actor=actor, as_of_year=as_of_year)
    record_activity(
        actor=actor, verb="assess", target=assessment, summary=f"{enterprise}: {assessment.rating}"
    )
    return assessment


def _store(
    enterprises: list[Organisation],
    results: dict[int, IncentiveEligibility],
    records: dict,
    version: PolicyVersion,
    year: int,
    actor: User | None,
) -> list[CreditAssessment]:
    ids = [e.pk for e in enterprises]
    actor = actor if actor is not None and actor.pk else None
    # Locking the enterprises serialises concurrent assessments, so one stays current.
    list(Organisation.objects.select_for_update().filter(pk__in=ids).values_list("pk", flat=True))
    covers: dict[int, list[InsuranceCover]] = defaultdict(list)
    for cover in InsuranceCover.objects.filter(enterprise_id__in=ids).prefetch_related("claims"):
        covers[cover.enterprise_id].append(cover)
    CreditAssessment.objects.filter(enterprise_id__in=ids, is_current=True).update(is_current=False)
    assessments = CreditAssessment.objects.bulk_create(
        [
            CreditAssessment(
                enterprise=enterprise,
                policy=version,
                as_of_year=year,
                first_year=results[enterprise.pk].rating.first_year,
                rating=results[enterprise.pk].rating.rating,
                earned_rating=results[enterprise.pk].rating.earned_rating,
                records=records_json(records[enterprise.pk]),
                result=rating_json(results[enterprise.pk]),
                decisions=decisions_json(results[enterprise.pk]),
                insurance=enterprise_statement(
                    covers[enterprise.pk],
                    finance_tier=version.finance_tier,
                    is_sme=enterprise.size in SME_SIZES,
                    policy=version.policy,
                ),
                exit_revoked=results[enterprise.pk].exit.revoked,
                exit_reason=results[enterprise.pk].exit.reason[:400],
                is_current=True,
                computed_by=actor,
            )
            for enterprise in enterprises
        ]
    )
    if not all(a.pk for a in assessments):  # backends that do not return keys from bulk inserts
        assessments = list(CreditAssessment.objects.filter(enterprise_id__in=ids, is_current=True))
    by_enterprise = {a.enterprise_id: a for a in assessments}
    active: dict[int, dict[str, IncentiveGrant]] = defaultdict(dict)
    for grant in IncentiveGrant.objects.filter(enterprise_id__in=ids, status=GrantStatus.ACTIVE):
        active[grant.enterprise_id][grant.key] = grant
    open_notices: dict[int, list[ExitNotice]] = defaultdict(list)
    for notice in ExitNotice.objects.filter(enterprise_id__in=ids, status__in=OPEN_NOTICE_STATUSES):
        open_notices[notice.enterprise_id].append(notice)
    now = timezone.now()
    new_grants, ended = [], []
    for enterprise in enterprises:
        eligibility, assessment = results[enterprise.pk], by_enterprise[enterprise.pk]
        decisions = {decision.key: decision for decision in eligibility.decisions}
        notice = None
        if eligibility.exit.revoked:
            notice = _notice_for(enterprise, assessment, eligibility, open_notices[enterprise.pk], actor)
        for key, grant in active[enterprise.pk].items():
            if key in decisions and decisions[key].granted:
                continue
            grant.ended_by, grant.ended_at = assessment, now
            if notice is not None:
                grant.status, grant.notice, grant.ended_reason = GrantStatus.REVOKED, notice, notice.reason
            else:
                grant.status = GrantStatus.LAPSED
                basis = decisions[key].basis if key in decisions else (_("no longer in the policy"),)
                grant.ended_reason = "; ".join(basis)[:400]
            ended.append(grant)
        new_grants += [
            IncentiveGrant(
                enterprise=enterprise,
                key=decision.key,
                title=decision.title,
                basis=list(decision.basis),
                granted_by=assessment,
            )
            for decision in eligibility.granted
            if decision.key not in active[enterprise.pk]
        ]
    IncentiveGrant.objects.bulk_create(new_grants)
    IncentiveGrant.objects.bulk_update(ended, ["status", "ended_by", "ended_at", "ended_reason", "notice"])
    return [by_enterprise[pk] for pk in ids]


def _notice_for(
    enterprise: Organisation,
    assessment: CreditAssessment,
    eligibility: IncentiveEligibility,
    open_notices: list[ExitNotice],
    actor: User | None,
) -> ExitNotice:
    """The open notice for these red-light years, or a new one (an enterprise is notified once)."""
    years = list(eligibility.exit.red_light_years)
    for notice in open_notices:
        if notice.red_light_years == years:
            return notice
    notice = ExitNotice.objects.create(
        enterprise=enterprise,
        assessment=assessment,
        red_light_years=years,
        reason=eligibility.exit.reason[:400],
    )
    record_activity(actor=actor, verb="exit_notice", target=notice, summary=f"{enterprise}: {notice.reason}")
    return notice


# -- appeals --------------------------------------------------------------------------------


@transaction.atomic
def appeal_exit(*, notice: ExitNotice, grounds: str, actor: User) -> ExitNotice:
    """The enterprise appeals a revocation it was notified of; the revocation stands meanwhile."""
    notice = ExitNotice.objects.select_for_update().get(pk=notice.pk)
    if notice.status != NoticeStatus.NOTIFIED:
        raise ValueError(_("Only a notice that has not been appealed yet can be appealed."))
    if not grounds.strip():
        raise ValidationError({"grounds": _("Give the grounds of the appeal.")})
    notice.status, notice.appeal_grounds = NoticeStatus.APPEALED, grounds.strip()
    notice.appealed_by, notice.appealed_at = actor, timezone.now()
    notice.save(update_fields=["status", "appeal_grounds", "appealed_by", "appealed_at"])
    record_activity(actor=actor, verb="appeal_exit", target=notice, summary=str(notice.enterprise))
    return notice


@transaction.atomic
def decide_appeal(*, notice: ExitNotice, overturn: bool, note: str, actor: User) -> ExitNotice:
    """An officer upholds or overturns the revocation. Overturning sets the red lights of the
    notice's years aside and reassesses the enterprise at once, which restores what it qualifies for."""
    notice = ExitNotice.objects.select_for_update().get(pk=notice.pk)
    if notice.status != NoticeStatus.APPEALED:
        raise ValueError(_("Only an appeal under review can be decided."))
    if not note.strip():
        raise ValidationError({"note": _("Explain the decision.")})
    notice.status = NoticeStatus.OVERTURNED if overturn else NoticeStatus.UPHELD
    notice.decision_note, notice.decided_by, notice.decided_at = note.strip(), actor, timezone.now()
    notice.save(update_fields=["status", "decision_note", "decided_by", "decided_at"])
    record_activity(
        actor=actor, verb="decide_appeal", target=notice, summary=f"{notice.enterprise}: {notice.status}"
    )
    if overturn:
        assess_enterprise(enterprise=notice.enterprise, actor=actor, as_of_year=notice.assessment.as_of_year)
    return notice
