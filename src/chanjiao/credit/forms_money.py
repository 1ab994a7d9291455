"""Forms for the calculators, technology-equity stakes and benefit-sharing tables.

Multi-row inputs are typed one row per line with fields separated by ``;`` on the web, or sent as
a JSON list of objects through the API; both go through the same fields.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from chanjiao.core.credit import Policy
from chanjiao.core.incentives import Contribution as CoreContribution
from chanjiao.core.incentives import EquityYear
from chanjiao.core.incentives.sharing import MAX_SHAPLEY_PARTIES
from chanjiao.credit.calculations import equity_json, share_table
from chanjiao.credit.forms_base import parse_amount
from chanjiao.credit.models import (
    Contribution,
    ContributionKind,
    EquityPerformance,
    EquityStake,
    SharingMethod,
)
from chanjiao.registry import pickers
from chanjiao.registry.models import Carrier, Organisation
from chanjiao.web import formats

MONEY = {"max_digits": 14, "decimal_places": 2, "min_value": 0}


class RowsField(forms.Field):
    """Rows typed as lines (``a; b; c``) or given as a list of objects with ``columns`` keys;
    ``build(row)`` turns each row (a dict by column) into its value, raising ``ValueError``,
    ``TypeError`` or ``KeyError`` for a bad row."""

    widget = forms.Textarea(attrs={"rows": 4, "spellcheck": "false"})

    def __init__(self, *, columns: tuple[str, ...], build: Callable[[dict[str, Any]], Any], **kwargs):
        super().__init__(**kwargs)
        self.columns, self.build = columns, build

    def to_python(self, value):
        if value in (None, "", []):
            return []
        if isinstance(value, str):
            rows = []
            for line in value.splitlines():
                if not line.strip():
                    continue
                parts = [part.strip() for part in line.split(";")]
                if len(parts) != len(self.columns):
                    raise forms.ValidationError(
                        _("Line “%(line)s”: give %(count)s fields separated by ; (%(columns)s).")
                        % {
                            "line": line.strip(),
                            "count": len(self.columns),
                            "columns": "; ".join(self.columns),
                        }
                    )
                rows.append(dict(zip(self.columns, parts, strict=True)))
        elif isinstance(value, list) and all(isinstance(row, dict) for row in value):
            rows = value
        else:
            raise forms.ValidationError(_("Give one row per line, or a list of objects."))
        built = []
        for number, row in enumerate(rows, start=1):
            try:
                built.append(self.build(row))
            except KeyError as error:
                message = _("missing %(field)s") % {"field": error.args[0]}
                raise forms.ValidationError(
                    _("Row %(number)s: %(error)s") % {"number": number, "error": message}
                ) from None
            except (ValueError, TypeError, forms.ValidationError) as error:
                message = error.messages[0] if isinstance(error, forms.ValidationError) else str(error)
                raise forms.ValidationError(
                    _("Row %(number)s: %(error)s") % {"number": number, "error": message}
                ) from None
        return built

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join("; ".join(str(row.get(c, "")) for c in self.columns) for row in value)
        return value


def _whole(value: object, name: str) -> int:
    try:
        return int(str(value).strip())
    except ValueError:
        raise ValueError(f"{name} must be a whole number, got {value!r}") from None


def contribution_row(row):
    value = parse_amount(row["appraised_value"], str(_("appraised value")))
    return CoreContribution(row["kind"], row["description"], value, row["appraiser"])


def performance_row(row):
    rate = Decimal(str(row["certification_pass_rate"]).strip())
    income = parse_amount(row["transfer_income"], str(_("transfer income")))
    return EquityYear(_whole(row["year"], "year"), rate, income)


def cost_row(row):
    return (str(row["category"]).strip(), parse_amount(row["cost"], str(row["category"])))


def party_row(row):
    organisation = Organisation.objects.filter(pk=_whole(row["organisation"], "organisation")).first()
    if organisation is None:
        raise ValueError(f"unknown organisation id {row['organisation']}")
    return (
        organisation,
        parse_amount(row.get("contribution") or 0, organisation.name),
        row.get("note", ""),
    )


def coalition_row(row):
    members = row["parties"]
    if isinstance(members, str):
        members = [part for part in members.replace(",", " ").split() if part]
    ids = frozenset(_whole(member, "party id") for member in members)
    if not ids:
        raise ValueError("name at least one party id")
    return (ids, Decimal(str(row["value"]).strip()))


# -- calculators -------------------------------------------------------------------------------


# The national policy's finance tiers, named; a region's own tiers show as it named them.
FINANCE_TIERS = {
    "strong": _("strong local finance"),
    "medium": _("medium local finance"),
    "weak": _("weak local finance"),
}


class InsuranceCalculatorForm(forms.Form):
    year = forms.IntegerField(label=_("policy year"), min_value=1900, max_value=2200)
    premium = forms.DecimalField(label=_("premium (yuan)"), **MONEY)
    finance_tier = forms.ChoiceField(label=_("local finance tier"))
    is_sme = forms.BooleanField(label=_("small or medium enterprise"), required=False)
    claims = forms.IntegerField(label=_("claims paid this year"), min_value=0, initial=0)

    def __init__(self, *args, policy: Policy, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["finance_tier"].choices = [
            (tier, f"{FINANCE_TIERS.get(tier, tier)} ({formats.percent(rate, 0)})")
            for tier, rate in policy.insurance.tier_subsidy_rates
        ]


class EquityCalculatorForm(forms.Form):
    enterprise = forms.CharField(label=_("enterprise"), max_length=120)
    contributions = RowsField(
        columns=("kind", "description", "appraised_value", "appraiser"),
        build=contribution_row,
        label=_("contributions: kind; description; appraised value; appraiser"),
        help_text=_("kind is equipment or technology, e.g. equipment; CNC line; 1500000; Valuers Ltd"),
    )
    other_capital = forms.DecimalField(label=_("other capital of the venture (yuan)"), **MONEY)
    performance = RowsField(
        columns=("year", "certification_pass_rate", "transfer_income"),
        build=performance_row,
        label=_("yearly performance: year; pass rate (0–1); transfer income"),
        required=False,
        help_text=_("e.g. 2024; 0.92; 1200000"),
    )

    def __init__(self, *args, policy: Policy, **kwargs):
        super().__init__(*args, **kwargs)
        self.policy = policy

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            data["history"] = equity_json(
                enterprise=data["enterprise"],
                contributions=data["contributions"],
                other_capital=data["other_capital"],
                performance=data["performance"],
                policy=self.policy,
            )
        except ValueError as error:
            self.add_error("contributions", str(error))
        return data


class SuperDeductionForm(forms.Form):
    costs = RowsField(
        columns=("category", "cost"),
        build=cost_row,
        label=_("costs: category; amount"),
        help_text=_("e.g. laboratory; 400000"),
    )


class TrainingReimbursementForm(forms.Form):
    training_cost = forms.DecimalField(label=_("training cost (yuan)"), **MONEY)
    reimbursed_this_year = forms.DecimalField(
        label=_("already reimbursed this year (yuan)"), initial=0, required=False, **MONEY
    )


# -- technology equity -------------------------------------------------------------------------


class EquityStakeForm(forms.ModelForm):
    carrier = forms.ModelChoiceField(
        queryset=Carrier.objects.all(), required=False, widget=pickers.CARRIERS.widget(), label=_("carrier")
    )
    contributions = forms.ModelMultipleChoiceField(
        queryset=Contribution.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label=_("appraised contributions"),
    )

    class Meta:
        model = EquityStake
        fields = ["venture", "carrier", "other_capital", "contributions"]

    def __init__(self, *args, enterprise: Organisation, policy: Policy, **kwargs):
        super().__init__(*args, **kwargs)
        self.enterprise, self.policy = enterprise, policy
        self.fields["contributions"].queryset = Contribution.objects.filter(
            enterprise=enterprise, kind__in=[ContributionKind.EQUIPMENT, ContributionKind.TECHNOLOGY]
        )

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            equity_json(
                enterprise=self.enterprise.name,
                contributions=[core_contribution(c) for c in data["contributions"]],
                other_capital=data["other_capital"],
                performance=[],
                policy=self.policy,
            )
        except ValueError as error:
            self.add_error("other_capital", str(error))
        return data


def core_contribution(contribution: Contribution) -> CoreContribution:
    return CoreContribution(
        contribution.kind, contribution.description, contribution.appraised_value, contribution.appraiser
    )


class EquityPerformanceForm(forms.ModelForm):
    class Meta:
        model = EquityPerformance
        fields = ["year", "certification_pass_rate", "transfer_income"]

    def __init__(self, *args, stake: EquityStake, **kwargs):
        super().__init__(*args, **kwargs)
        self.stake = stake

    def clean_year(self):
        year = self.cleaned_data["year"]
        if self.stake.performance.filter(year=year).exists():
            raise forms.ValidationError(_("This year is already recorded for the stake."))
        return year


# -- benefit sharing -----------------------------------------------------------------------------


class BenefitSharingForm(forms.Form):
    title = forms.CharField(label=_("joint R&D result"), max_length=150)
    description = forms.CharField(
        label=_("description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    total = forms.DecimalField(label=_("benefit to share (yuan)"), **MONEY)
    method = forms.ChoiceField(label=_("method"), choices=SharingMethod.choices)
    parties = RowsField(
        columns=("organisation", "contribution", "note"),
        build=party_row,
        label=_("parties: organisation id; recorded contribution; what it is"),
        help_text=_("one line per party, e.g. 12; 300000; equipment and engineers"),
    )
    coalition_values = RowsField(
        columns=("parties", "value"),
        build=coalition_row,
        label=_("for Shapley: party ids; value that group would produce alone"),
        required=False,
        help_text=_("one line per group of parties, e.g. 12, 40; 900000 (every group, single parties too)"),
    )

    def __init__(self, *args, own_organisation: Organisation | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.own_organisation = own_organisation

    def clean(self):
        data = super().clean()
        parties = data.get("parties") or []
        ids = [organisation.pk for organisation, _c, _n in parties]
        if "parties" in data:
            if len(parties) < 2:
                self.add_error("parties", _("A joint result has at least two parties."))
            elif len(set(ids)) != len(ids):
                self.add_error("parties", _("Each party may appear once."))
            elif len(parties) > MAX_SHAPLEY_PARTIES:
                self.add_error("parties", _("At most %(n)s parties.") % {"n": MAX_SHAPLEY_PARTIES})
            elif self.own_organisation is not None and self.own_organisation.pk not in ids:
                self.add_error("parties", _("Your organisation must be one of the parties."))
        if self.errors:
            return data
        try:
            data["table"] = share_table(
                method=data["method"],
                total=data["total"],
                parties=[(org.pk, org.name, contribution) for org, contribution, _note in parties],
                coalition_values=data.get("coalition_values") or [],
            )
        except ValueError as error:
            field = "coalition_values" if data["method"] == SharingMethod.SHAPLEY else "parties"
            self.add_error(field, str(error))
        return data
