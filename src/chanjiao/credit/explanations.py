"""Credit explanations in the reader's language, worded again from the facts an assessment stored.

The rules write every explanation in English (stored with the assessment and returned by the API);
pages word the same stored facts in the language of the request, through
:mod:`chanjiao.core.credit.wording` with translated templates. In English the two are identical.
Rows stored before the facts were kept show their stored English text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from chanjiao.core.credit.wording import (
    Facts,
    Wording,
    basis_text,
    change_text,
    exit_text,
    explanation_text,
    figures_text,
    reason_text,
)
from chanjiao.core.incentives import CheckWording, ExitDecision, check_text


def wording() -> Wording:
    """The explanations' templates and metric labels in the active language."""
    return Wording(
        labels={
            "hosted_students_each_year": _("students hosted (interns + apprentices)"),
            "hosted_students_total": _("students hosted (interns + apprentices)"),
            "rd_share": _("R&D spending share of revenue"),
            "courses_codeveloped": _("courses co-developed"),
            "mentors_provided": _("mentors provided"),
            "equipment_contributed": _("equipment contributed"),
            "technical_needs_solved": _("technical needs solved"),
            "red_lights": _("red evaluation lights"),
            "yellow_lights": _("yellow evaluation lights"),
            "insurance_claims": _("insurance claims"),
            "disputes": _("disputes"),
            "breaches": _("breaches of agreement"),
            "internship_breaches": _("placements breaking the internship rules"),
        },
        list_separator=pgettext("between listed figures", ", "),
        clause_separator=pgettext("between criteria", "; "),
        year_figure=_("%(year)s: %(figure)s"),
        figures_each_year=_("%(metric)s in each year of %(period)s: %(figures)s"),
        figures=_("%(metric)s in %(period)s: %(value)s"),
        met=_("%(figures)s (needs %(bound)s): met"),
        not_met=_("%(figures)s (needs %(bound)s): not met"),
        more=_("%(metric)s in %(period)s: %(amount)s more (now %(now)s, needs %(bound)s)"),
        fewer=_("%(metric)s in %(period)s: %(amount)s fewer (now %(now)s, needs %(bound)s)"),
        raise_money=_("%(metric)s in %(period)s: raise by %(amount)s (now %(now)s, needs %(bound)s)"),
        lower_money=_("%(metric)s in %(period)s: lower by %(amount)s (now %(now)s, needs %(bound)s)"),
        more_than=_("more than %(amount)s"),
        raise_rd=_(
            "R&D spending in %(period)s: raise by %(amount)s "
            "(now %(spending)s = %(share)s of revenue %(revenue)s, needs %(bound)s)"
        ),
        lower_rd=_(
            "R&D spending in %(period)s: lower by %(amount)s "
            "(now %(spending)s = %(share)s of revenue %(revenue)s, needs %(bound)s)"
        ),
        no_revenue=_(
            "%(metric)s in %(period)s: no revenue recorded, so the share counts as 0 %% (needs %(bound)s)"
        ),
        earned=_("%(rating)s earned: %(criteria)s"),
        not_earned=_("%(rating)s not earned: %(criteria)s"),
        no_grade=_("no grade rule is met, so the rating is C"),
        capped=_("capped at %(rating)s: %(figures)s (cap applies at %(bound)s)"),
        rating_meets=_("rating %(rating)s meets the required %(required)s"),
        rating_below=_("rating %(rating)s is below the required %(required)s"),
        revoked=_("revoked: %(reason)s"),
        red_lights=_("red evaluation light in %(count)s of the last %(window)s years"),
        red_lights_in=_("red evaluation light in %(count)s of the last %(window)s years (%(years)s)"),
        exit_revoked=_(
            "%(figures)s, the exit threshold is %(threshold)s: "
            "eligibility for automatic incentives, tax incentives and subsidies is revoked"
        ),
        exit_kept=_("%(figures)s, below the exit threshold of %(threshold)s"),
    )


def explain_assessment(assessment) -> dict[str, Any]:
    """What the credit pages show of ``assessment``, in the active language: the reasons, every
    grade's criteria, the caps, the ways up, each incentive decision's basis and the exit rule."""
    words, result = wording(), assessment.result

    def worded(stored: dict[str, Any], texts: str, facts: str, word: Callable[[Facts, Wording], str]):
        if facts not in stored:  # stored before the facts were kept
            return list(stored[texts])
        return [word(item, words) for item in stored[facts]]

    return {
        "reasons": worded(result, "reasons", "reason_facts", reason_text),
        "grades": [
            {
                "rating": grade["rating"],
                "earned": grade["earned"],
                "criteria": [
                    {
                        "holds": c["holds"],
                        "text": explanation_text(c["facts"], words) if "facts" in c else c["explanation"],
                    }
                    for c in grade["criteria"]
                ],
            }
            for grade in result.get("grades", [])
        ],
        "caps": [
            {
                "max_rating": cap["max_rating"],
                "figures": figures_text(cap["condition"], words) if "condition" in cap else cap["figures"],
            }
            for cap in result.get("caps", [])
        ],
        "paths_up": [
            {"rating": path["rating"], "changes": worded(path, "changes", "change_facts", change_text)}
            for path in result.get("paths_up", [])
        ],
        "decisions": [
            {
                "title": decision["title"],
                "granted": decision["granted"],
                "basis": worded(decision, "basis", "basis_facts", basis_text),
            }
            for decision in assessment.decisions
        ],
        "exit_reason": exit_text(result["exit"], words) if "exit" in result else assessment.exit_reason,
    }


def notice_reason(notice) -> str:
    """An exit notice's reason in the active language, from its years and its assessment's policy."""
    incentives = notice.assessment.policy.policy.incentives
    decision = ExitDecision(
        True, tuple(notice.red_light_years), incentives.exit_window_years, incentives.exit_red_light_years
    )
    return exit_text(decision.facts, wording())


def grant_end_reason(grant) -> str:
    """Why a grant ended, in the active language: the exit notice that revoked it, or the basis of
    the decision that let it lapse (its stored text when the facts are missing)."""
    if grant.notice_id is not None:
        return notice_reason(grant.notice)
    decisions = grant.ended_by.decisions if grant.ended_by_id is not None else []
    decision = next((d for d in decisions if d["key"] == grant.key and "basis_facts" in d), None)
    if decision is None:
        return grant.ended_reason
    words = wording()
    return words.clause_separator.join(basis_text(item, words) for item in decision["basis_facts"])


def check_wording() -> CheckWording:
    """The one-window checks' sentences in the active language."""
    return CheckWording(
        labels={
            "hosted_students": _("students hosted (interns + apprentices)"),
            "rd_spending": _("R&D spending"),
            "technical_needs": _("technical needs solved"),
            "equipment": _("equipment contributed"),
        },
        claim=_("claimed %(claimed)s %(label)s in %(year)s; the platform recorded %(recorded)s"),
        claim_no_record=_(
            "claimed %(claimed)s %(label)s in %(year)s; the platform recorded %(recorded)s "
            "(no record for %(year)s)"
        ),
        agreements=_("%(active)s active cooperation agreements, %(incomplete)s missing a mandatory clause"),
        evaluation=_("evaluation light in %(year)s: %(light)s"),
        lights={
            "": _("not evaluated"),
            "green": _("green"),
            "yellow": _("yellow"),
            "red": _("red"),
        },
        registered=_("registered for tax"),
        not_registered=_("not registered for tax"),
        breaches=_("breaches of agreement in %(year)s: %(breaches)s"),
        credit=wording(),
    )


def worded_checks(checks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A department review's stored checks with their reasons in the active language (a check
    stored before its facts were kept shows its stored English reason)."""
    words = check_wording()
    return [
        {"passed": check["passed"], "reason": check_text(check["name"], check["facts"], words)}
        if "facts" in check
        else check
        for check in checks
    ]
