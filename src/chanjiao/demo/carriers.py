"""Demo carriers: industrial colleges, training bases, labs and the regional platforms of a city.

Every carrier has a lead, members with roles and, where governed by a council, seats (schools
hold most of them today: about 20 % go to enterprises, seed 004).
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from chanjiao.demo import catalogue as cat
from chanjiao.registry.models import (
    CARRIER_CLASS_OF_KIND,
    Carrier,
    CarrierKind,
    CarrierMember,
    GovernanceBody,
    Organisation,
    Region,
)


def build_carriers(
    rng: np.random.Generator, city: Region, schools, enterprises, bodies, count: int
) -> list[Carrier]:
    """Create ``count`` carriers of the city with their members (bulk inserts)."""
    plan: list[tuple[str, float]] = [
        ("industrial_college", 0.20),
        ("training_base", 0.20),
        ("joint_lab", 0.15),
        ("training_centre", 0.12),
        ("virtual_simulation", 0.08),
        ("online_course", 0.05),
        ("rd_exchange", 0.05),
        ("composite_platform", 0.05),
        ("public_service", 0.03),
        ("municipal_consortium", 0.03),
        ("industry_community", 0.04),
    ]
    kinds: list[str] = []
    for kind, share in plan:
        kinds += [kind] * max(1, round(share * count))
    kinds = kinds[:count]
    by_industry: dict[str, list[Organisation]] = {}
    for e in enterprises:
        by_industry.setdefault(e.industry, []).append(e)
    carriers = []
    for i, kind in enumerate(kinds):
        school, families = schools[i % len(schools)]
        partner_pool = (
            by_industry.get("C", enterprises)
            if "manufacturing" in families or "electronics" in families
            else enterprises
        )
        partners = [
            partner_pool[int(j)]
            for j in rng.choice(
                len(partner_pool),
                size=min(len(partner_pool), int(rng.integers(2, 7))),
                replace=False,
            )
        ]
        regional = CARRIER_CLASS_OF_KIND[kind] == "regional"
        if kind == CarrierKind.MUNICIPAL_CONSORTIUM:
            lead = bodies.get("government", [school])[0]
            name = f"{city.name}产教联合体"
        elif kind == CarrierKind.INDUSTRY_COMMUNITY:
            lead = partners[0]
            name = f"{city.short_name}{cat.INDUSTRY_WORDS['C'][i % 12]}行业产教融合共同体"
        elif kind == CarrierKind.PUBLIC_SERVICE:
            lead = bodies.get("government", [school])[0]
            name = f"{city.name}产教融合公共服务平台"
        else:
            lead = school if kind != CarrierKind.JOINT_LAB or rng.random() < 0.5 else partners[0]
            label = cat.CARRIER_KIND_ZH[kind]
            name = f"{school.name}—{partners[0].name[len(city.short_name) : len(city.short_name) + 2]}{label}"
        legal = bool(
            rng.random() < (0.23 if kind == CarrierKind.INDUSTRIAL_COLLEGE else 0.3 if regional else 0.1)
        )
        governance = (
            GovernanceBody.COUNCIL
            if kind
            in {
                CarrierKind.INDUSTRIAL_COLLEGE,
                CarrierKind.MUNICIPAL_CONSORTIUM,
                CarrierKind.INDUSTRY_COMMUNITY,
            }
            else (
                GovernanceBody.SECRETARIAT
                if regional
                else GovernanceBody.EXPERT_COMMITTEE
                if kind == CarrierKind.JOINT_LAB
                else GovernanceBody.NONE
            )
        )
        carrier = Carrier(
            name=name,
            kind=kind,
            region=lead.region if not regional else city,
            lead=lead,
            governance_body=governance,
            legal_personality=legal,
            start_date=dt.date(int(rng.integers(2016, 2025)), int(rng.integers(1, 13)), 1),
            status="active" if rng.random() < 0.9 else "planning",
            description=f"{cat.CARRIER_KIND_ZH[kind]}，牵头单位：{lead.name}。",
        )
        carrier.carrier_class = CARRIER_CLASS_OF_KIND[kind]
        members = {lead.pk: (lead, "lead")}
        if regional:
            for s, _ in schools:
                members.setdefault(s.pk, (s, "member"))
            extra = [
                enterprises[int(j)]
                for j in rng.choice(len(enterprises), size=min(len(enterprises), 25), replace=False)
            ]
            for e in partners + extra:
                members.setdefault(e.pk, (e, "member"))
            for group in bodies.values():
                for org in group[:1]:
                    members.setdefault(org.pk, (org, "observer"))
        else:
            members.setdefault(school.pk, (school, "co_lead"))
            for e in partners:
                members.setdefault(e.pk, (e, "member"))
        carriers.append((carrier, list(members.values())))
    Carrier.objects.bulk_create([c for c, _ in carriers])
    memberships = []
    for carrier, member_list in carriers:
        council = carrier.governance_body == GovernanceBody.COUNCIL
        for org, role in member_list:
            # Schools hold most council seats today (~20 % for enterprises, seed 004).
            seats = (
                0
                if not council or role == "observer"
                else (3 if org.kind == "school" else int(rng.integers(0, 2)) + (1 if role == "lead" else 0))
            )
            memberships.append(
                CarrierMember(
                    carrier=carrier,
                    organisation=org,
                    role=role,
                    council_seats=seats,
                    joined_on=carrier.start_date,
                )
            )
    CarrierMember.objects.bulk_create(memberships, batch_size=2000)
    return [c for c, _ in carriers]
