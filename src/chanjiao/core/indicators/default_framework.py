"""The default three-level index: participation degree -> process management -> result effectiveness.

The leaves are the indicators the seed papers name; each definition says which platform records
produce the value, so a score can be traced to the records behind it. Rates are percentages
(0-100). Targets are the seeds' policy floors (practical courses >= 50 %, enterprise council seats
>= 40 %); the remaining indicators have no policy target. All weights start equal; officers edit
them per region (see :mod:`chanjiao.core.indicators.regional`).
"""

from __future__ import annotations

from chanjiao.core.indicators.framework import Dimension, Framework, Indicator

ENTERPRISE_PARTICIPATION_RATE = "enterprise_participation_rate"
KEY_EQUIPMENT_FAILURE_RATE = "key_equipment_failure_rate"


def _participation() -> Dimension:
    return Dimension(
        "participation",
        "Participation degree",
        "参与度",
        (
            Indicator(
                ENTERPRISE_PARTICIPATION_RATE,
                "Enterprise participation rate",
                "企业参与率",
                "benefit",
                "%",
                "Enterprises in the unit's scope with at least one cooperation agreement active during "
                "the cycle / enterprises registered in that scope x 100.",
            ),
            Indicator(
                "enterprise_investment_intensity",
                "Enterprise investment intensity",
                "企业投入强度",
                "benefit",
                "%",
                "Annual vocational-education spending of the partner enterprises / their annual "
                "revenue x 100.",
            ),
            Indicator(
                "enterprise_council_seat_share",
                "Enterprise seat share in councils",
                "理事会企业席位占比",
                "benefit",
                "%",
                "Council, secretariat and expert-committee seats held by enterprise representatives "
                "with voting rights / all voting seats x 100.",
                target=40.0,
            ),
        ),
    )


def _process() -> Dimension:
    return Dimension(
        "process",
        "Process management",
        "过程管理",
        (
            Indicator(
                "curriculum_update_frequency",
                "Curriculum update frequency",
                "课程更新频次",
                "benefit",
                "updates per programme per year",
                "Curriculum revisions co-developed with enterprises and approved during the year / "
                "programmes offered.",
            ),
            Indicator(
                "practical_course_share",
                "Practical-course share",
                "实践课程占比",
                "benefit",
                "%",
                "Practical and on-the-job course hours / all course hours in the teaching plans x 100.",
                target=50.0,
            ),
            Indicator(
                "dual_qualified_teacher_share",
                "Dual-qualified teacher share",
                "双师型教师占比",
                "benefit",
                "%",
                "Full-time teachers with a valid dual-qualified record / full-time teachers x 100.",
            ),
            Indicator(
                KEY_EQUIPMENT_FAILURE_RATE,
                "Key-equipment investment failure rate",
                "关键设备投入失效率",
                "cost",
                "%",
                "Key equipment items contributed or bought for cooperation that are idle, unusable or "
                "withdrawn at the check / key equipment items contributed x 100.",
            ),
        ),
    )


def _results() -> Dimension:
    return Dimension(
        "results",
        "Result effectiveness",
        "结果成效",
        (
            Indicator(
                "graduate_employment_rate",
                "Graduate employment rate",
                "毕业生就业率",
                "benefit",
                "%",
                "Graduates employed six months after graduation / graduates x 100.",
            ),
            Indicator(
                "job_matching_degree",
                "Job-matching (counterpart employment) degree",
                "专业对口就业率",
                "benefit",
                "%",
                "Employed graduates whose CSCO occupation matches their programme / employed "
                "graduates x 100.",
            ),
            Indicator(
                "starting_salary_difference",
                "Starting-salary difference vs non-cooperative institutions",
                "起薪差异(对比非合作院校)",
                "benefit",
                "%",
                "(Median starting salary of the unit's graduates - median starting salary of graduates "
                "of non-cooperative institutions in the same region and programme) / the latter x 100.",
            ),
            Indicator(
                "skill_certification_pass_rate",
                "Skill-certification pass rate",
                "技能等级证书通过率",
                "benefit",
                "%",
                "Students passing a vocational skill-level certification / students sitting one x 100.",
            ),
            Indicator(
                "graduate_retention_rate",
                "Graduate retention in the enterprise",
                "毕业生企业留任率",
                "benefit",
                "%",
                "Graduates placed in partner enterprises still employed there 12 months later / "
                "graduates placed there x 100.",
            ),
            Indicator(
                "technical_needs_solved_rate",
                "Technical needs solved",
                "技术需求解决率",
                "benefit",
                "%",
                "Enterprise technical needs marked solved and accepted by the enterprise / technical "
                "needs posted to the unit x 100.",
            ),
            Indicator(
                "achievement_transfer_income",
                "Achievement transfer income",
                "成果转化收入",
                "benefit",
                "10k CNY per year",
                "Income from transferring or licensing cooperation results recorded in agreements during "
                "the year, in 10,000 CNY.",
            ),
            Indicator(
                "patents_granted",
                "Patents from cooperation",
                "合作授权专利数",
                "benefit",
                "patents per year",
                "Patents granted during the year that list the unit and a partner enterprise as holders.",
            ),
            Indicator(
                "cooperation_satisfaction",
                "Cooperation satisfaction",
                "合作满意度",
                "benefit",
                "score 1-5",
                "Mean of the five-point Likert satisfaction items answered by partner enterprises, "
                "students and teachers in the cycle's survey.",
            ),
        ),
    )


def default_framework() -> Framework:
    """The platform's default index with the seeds' sixteen indicators, all weights equal.

    Examples
    --------
    >>> framework = default_framework()
    >>> [dimension.code for dimension in framework.root.children]
    ['participation', 'process', 'results']
    >>> len(framework.indicators), framework.indicator("practical_course_share").target
    (16, 50.0)
    """
    return Framework(
        Dimension(
            "integration_index",
            "Industry-education integration index",
            "产教融合综合指数",
            (_participation(), _process(), _results()),
        )
    )
