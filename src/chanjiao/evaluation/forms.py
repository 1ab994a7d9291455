"""Forms for schemes, cycles, assignments and annual returns, shared by the pages and the API."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.accounts.models import User
from chanjiao.core.indicators import (
    DEFAULT_RED_LINES,
    ENTERPRISE_PARTICIPATION_RATE,
    KEY_EQUIPMENT_FAILURE_RATE,
    Dimension,
    Framework,
    LightPolicy,
    default_framework,
)
from chanjiao.evaluation.indicators import DEFINITIONS, check_framework, monitoring_codes, nodes_by_code
from chanjiao.evaluation.models import AnnualReturn, Assignment, Cycle, Scheme
from chanjiao.evaluation.policy import assignable_evaluators
from chanjiao.evaluation.scoring import ahp_group_weights, sibling_groups
from chanjiao.evaluation.sources import RETURN_FIELDS
from chanjiao.evaluation.units import unit_region_path
from chanjiao.registry.models import Zone


def cleaned(form: forms.BaseForm) -> dict[str, Any]:
    """The form's cleaned data, or a ValidationError naming each bad field (the API answers 422)."""
    if not form.is_valid():
        raise ValidationError({field: errors for field, errors in form.errors.as_data().items()})
    return form.cleaned_data


class SchemeForm(forms.ModelForm):
    class Meta:
        model = Scheme
        fields = [
            "name",
            "unit_kind",
            "region",
            "weighting_method",
            "zone",
            "missing",
            "outliers",
            "normalisation",
            "aggregation",
            "monitoring_weight",
            "onsite_weight",
            "tracking_weight",
            "monte_carlo_draws",
            "weight_noise",
            "random_seed",
        ]

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = access.options(user, Scheme, "region")
        self.fields["region"].error_messages["invalid_choice"] = _("Unknown region, or outside your region.")
        self.fields["zone"].required = False
        self.fields["zone"].help_text = _("Blank: the zone of the region.")

    def clean(self):
        data = super().clean()
        if data.get("aggregation") == "geometric" and data.get("normalisation") == "zscore":
            self.add_error(
                "normalisation",
                _("Geometric aggregation needs positive values and z-scores can be negative."),
            )
        return data


DIMENSIONS = {d.code: d for d in default_framework().root.children if isinstance(d, Dimension)}


class FrameworkForm(forms.Form):
    """Which indicators to use, in which dimension, with which weight and target."""

    def __init__(self, *args, scheme: Scheme, **kwargs):
        super().__init__(*args, **kwargs)
        self.scheme = scheme
        current = Framework.from_dict(scheme.framework)
        placed = {
            leaf.code: (dimension.code, leaf)
            for dimension in current.dimensions
            for leaf in dimension.children
            if leaf.code in DEFINITIONS and not isinstance(leaf, Dimension)
        }
        weights = {d.code: d.weight for d in current.dimensions}
        for code, dimension in DIMENSIONS.items():
            self.fields[f"weight_{code}"] = forms.FloatField(
                label=_("Weight of %(dimension)s") % {"dimension": dimension.name_en.lower()},
                min_value=0,
                initial=weights.get(code, 1.0),
            )
        self.codes = monitoring_codes(scheme.unit_kind)
        default_home = {
            leaf.code: dimension.code for dimension in DIMENSIONS.values() for leaf in dimension.children
        }
        for code in self.codes:
            home, leaf = placed.get(code, (default_home.get(code, "participation"), DEFINITIONS[code]))
            self.fields[f"include_{code}"] = forms.BooleanField(required=False, initial=code in placed)
            self.fields[f"dimension_{code}"] = forms.ChoiceField(
                choices=[(c, d.name_en) for c, d in DIMENSIONS.items()], initial=home
            )
            self.fields[f"weight_{code}"] = forms.FloatField(min_value=0, initial=leaf.weight)
            self.fields[f"target_{code}"] = forms.FloatField(required=False, initial=leaf.target)

    def dimension_fields(self):
        return [self[f"weight_{code}"] for code in DIMENSIONS]

    def rows(self):
        return [
            (
                DEFINITIONS[code],
                self[f"include_{code}"],
                self[f"dimension_{code}"],
                self[f"weight_{code}"],
                self[f"target_{code}"],
            )
            for code in self.codes
        ]

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        children: dict[str, list] = {code: [] for code in DIMENSIONS}
        for code in self.codes:
            if data.get(f"include_{code}"):
                leaf = replace(
                    DEFINITIONS[code], weight=data[f"weight_{code}"], target=data[f"target_{code}"]
                )
                children[data[f"dimension_{code}"]].append(leaf)
        dimensions = tuple(
            replace(DIMENSIONS[code], children=tuple(leaves), weight=data[f"weight_{code}"])
            for code, leaves in children.items()
            if leaves
        )
        if not dimensions:
            raise ValidationError(_("Include at least one indicator."))
        root = Framework.from_dict(self.scheme.framework).root
        try:
            framework = Framework(replace(root, children=dimensions))
            check_framework(self.scheme.unit_kind, framework)
        except ValueError as error:
            raise ValidationError(str(error)) from None
        data["framework"] = framework.to_dict()
        return data


SAATY_SCALE = [
    "9",
    "8",
    "7",
    "6",
    "5",
    "4",
    "3",
    "2",
    "1",
    "1/2",
    "1/3",
    "1/4",
    "1/5",
    "1/6",
    "1/7",
    "1/8",
    "1/9",
]


def _scale_text(value: float) -> str:
    """The Saaty-scale judgement closest to a stored matrix entry."""
    return min(SAATY_SCALE, key=lambda text: abs(float(Fraction(text)) - value))


class AHPForm(forms.Form):
    """Pairwise comparisons of one sibling group on Saaty's 1/9-9 scale (upper triangle)."""

    def __init__(self, *args, scheme: Scheme, group: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.framework = Framework.from_dict(scheme.framework)
        self.group = group
        self.items = sibling_groups(self.framework)[group]
        names = {code: node.name_en for code, node in nodes_by_code(self.framework).items()}
        stored = scheme.ahp_judgements.get(group)
        self.pairs = []
        for i, a in enumerate(self.items):
            for j in range(i + 1, len(self.items)):
                b = self.items[j]
                initial = (
                    _scale_text(stored["matrix"][i][j])
                    if stored and tuple(stored["items"]) == self.items
                    else "1"
                )
                name = f"pair_{i}_{j}"
                self.fields[name] = forms.ChoiceField(
                    label=f"{names[a]} : {names[b]}", choices=[(v, v) for v in SAATY_SCALE], initial=initial
                )
                self.pairs.append((name, i, j))

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        n = len(self.items)
        matrix = [[1.0] * n for _ in range(n)]
        for name, i, j in self.pairs:
            value = float(Fraction(data[name]))
            matrix[i][j], matrix[j][i] = value, 1.0 / value
        try:
            ahp_group_weights(self.framework, self.group, matrix)
        except ValueError as error:
            raise ValidationError(str(error)) from None
        data["matrix"] = matrix
        return data


class RegionalWeightsForm(forms.Form):
    zone = forms.ChoiceField(label=_("Zone of this scheme"), choices=Zone.choices)

    def __init__(self, *args, scheme: Scheme, **kwargs):
        super().__init__(*args, **kwargs)
        framework = Framework.from_dict(scheme.framework)
        self.dimensions = sibling_groups(framework)[framework.root.code]
        self.fields["zone"].initial = scheme.zone
        for zone, label in Zone.choices:
            for dimension in self.dimensions:
                self.fields[f"{zone}_{dimension}"] = forms.FloatField(
                    label=f"{label}: {dimension}",
                    min_value=0,
                    initial=scheme.regional_weight_sets.get(zone, {}).get(dimension, 1.0),
                )

    def table(self):
        return [(label, [self[f"{zone}_{d}"] for d in self.dimensions]) for zone, label in Zone.choices]

    def clean(self):
        data = super().clean()
        if not self.errors:
            data["weight_sets"] = {
                zone: {d: data[f"{zone}_{d}"] for d in self.dimensions} for zone, _label in Zone.choices
            }
        return data


SEED_RED_LINES = {rule.indicator: rule for rule in DEFAULT_RED_LINES}


class ThresholdsForm(forms.Form):
    green_from = forms.FloatField(label=_("Green from score"), min_value=0, max_value=100)
    yellow_from = forms.FloatField(
        label=_("Red below score (optional)"),
        min_value=0,
        max_value=100,
        required=False,
        help_text=_("Blank: a low score alone gives yellow; only the red lines give red."),
    )
    participation_below = forms.FloatField(
        label=_("Red when enterprise participation is below (%)"), min_value=0, max_value=100, required=False
    )
    equipment_failure_above = forms.FloatField(
        label=_("Red when key-equipment failure is above (%)"), min_value=0, max_value=100, required=False
    )
    red_deadline_days = forms.IntegerField(
        label=_("Days to rectify a red light"), min_value=1, max_value=3650
    )
    yellow_deadline_days = forms.IntegerField(
        label=_("Days of supervision for a yellow light"), min_value=1, max_value=3650
    )
    FIELDS = {
        "participation_below": ENTERPRISE_PARTICIPATION_RATE,
        "equipment_failure_above": KEY_EQUIPMENT_FAILURE_RATE,
    }

    def __init__(self, *args, scheme: Scheme, **kwargs):
        policy = LightPolicy.from_dict(scheme.light_policy)
        lines = {rule.indicator: rule.threshold for rule in policy.red_lines}
        kwargs.setdefault(
            "initial",
            {
                "green_from": policy.green_from,
                "yellow_from": policy.yellow_from,
                "participation_below": lines.get(ENTERPRISE_PARTICIPATION_RATE),
                "equipment_failure_above": lines.get(KEY_EQUIPMENT_FAILURE_RATE),
                "red_deadline_days": scheme.red_deadline_days,
                "yellow_deadline_days": scheme.yellow_deadline_days,
            },
        )
        super().__init__(*args, **kwargs)
        self.codes = Framework.from_dict(scheme.framework).indicator_codes
        self.other_lines = [rule for rule in policy.red_lines if rule.indicator not in self.FIELDS.values()]

    def clean(self):
        data = super().clean()
        green, yellow = data.get("green_from"), data.get("yellow_from")
        if green is not None and yellow is not None and yellow >= green:
            self.add_error("yellow_from", _("The red band must end below the green band."))
        red_lines = [vars(rule) for rule in self.other_lines]
        for field, code in self.FIELDS.items():
            if data.get(field) is None:
                continue
            if code not in self.codes:
                self.add_error(field, _("This indicator is not in the framework."))
                continue
            red_lines.append(
                {"indicator": code, "comparison": SEED_RED_LINES[code].comparison, "threshold": data[field]}
            )
        data["red_lines"] = red_lines
        return data


class CycleForm(forms.ModelForm):
    class Meta:
        model = Cycle
        fields = ["scheme", "kind", "year", "name"]

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scheme"].queryset = access.visible(user, Scheme)
        self.fields["scheme"].error_messages["invalid_choice"] = _("Unknown scheme, or not yours.")
        self.fields["name"].required = False
        self.fields["name"].help_text = _("Blank: the scheme, the year and the kind.")


class AssignmentForm(forms.Form):
    unit = forms.ChoiceField(label=_("Unit"))
    evaluator = forms.ModelChoiceField(label=_("Evaluator"), queryset=assignable_evaluators())

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.units = {str(unit.id): unit for unit in units}
        self.fields["unit"].choices = [(key, unit.name) for key, unit in self.units.items()]
        self.fields["evaluator"].error_messages["invalid_choice"] = _("Not a third-party evaluator.")

    def clean_unit(self):
        return self.units[self.cleaned_data["unit"]]


class OnsiteScoreForm(forms.ModelForm):
    class Meta:
        model = Assignment
        fields = ["onsite_score", "visited_on", "findings"]
        widgets = {"visited_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.Meta.fields:
            self.fields[name].required = True


# Each pair: (part, whole) — a part may not exceed its whole.
RETURN_BOUNDS = (
    ("active_partner_enterprises", "partner_enterprises"),
    ("enterprise_voting_seats", "voting_seats"),
    ("practical_course_hours", "total_course_hours"),
    ("dual_qualified_teachers", "full_time_teachers"),
    ("key_equipment_failed", "key_equipment_items"),
    ("graduates_employed", "graduates"),
    ("graduates_counterpart_employed", "graduates_employed"),
    ("certification_passed", "certification_candidates"),
    ("graduates_retained", "graduates_placed_with_partners"),
    ("technical_needs_solved", "technical_needs"),
    ("tracked_promoted", "tracked_graduates"),
    ("tracked_stable", "tracked_graduates"),
    ("tracked_innovating", "tracked_graduates"),
)


class AnnualReturnForm(forms.ModelForm):
    class Meta:
        model = AnnualReturn
        fields = ["unit_kind", "unit_id", "year", *RETURN_FIELDS, "notes"]

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if self.instance.pk:
            for name in ("unit_kind", "unit_id", "year"):
                self.fields[name].disabled = True

    def clean(self):
        data = super().clean()
        kind, unit_id = data.get("unit_kind"), data.get("unit_id")
        if kind and unit_id is not None and not self.instance.pk:
            if unit_region_path(kind, unit_id) is None:
                self.add_error("unit_id", _("No such unit."))
            elif not access.allows_values(
                self.user, Action.FILE, AnnualReturn, unit_kind=kind, unit_id=unit_id
            ):
                self.add_error("unit_id", _("You may file returns only for your own units."))
        for part, whole in RETURN_BOUNDS:
            if data.get(part) is not None and data.get(whole) is not None and data[part] > data[whole]:
                self.add_error(
                    part,
                    _("Cannot exceed “%(whole)s” (%(value)s).")
                    % {"whole": AnnualReturn._meta.get_field(whole).verbose_name, "value": data[whole]},
                )
        return data
