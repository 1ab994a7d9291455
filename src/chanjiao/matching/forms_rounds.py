"""Forms of rounds, rank-order lists, answers and invitations, shared by the pages and the API."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from chanjiao.matching.models import MatchingRound, RankingMode, RoundPosition
from chanjiao.registry.models import Organisation, OrgKind

HOSTING_KINDS = [
    ("internship", _("Internship seats")),
    ("apprenticeship", _("Apprenticeship seats")),
    ("order_class", _("Order-class request")),
]
ROUND_SETTINGS = [
    "name",
    "stage",
    "region_rule",
    "min_program_fit",
    "max_choices",
    "ranking_opens",
    "ranking_closes",
    "starts_on",
    "ends_on",
    "lottery_seed",
]
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE = forms.DateInput(attrs={"type": "date"})


class RoundSettingsForm(forms.ModelForm):
    """What a coordinator may change while students and enterprises rank."""

    class Meta:
        model = MatchingRound
        fields = ROUND_SETTINGS
        widgets = {
            "ranking_opens": DATETIME,
            "ranking_closes": DATETIME,
            "starts_on": DATE,
            "ends_on": DATE,
        }

    def clean(self):
        data = super().clean()
        opens, closes = data.get("ranking_opens"), data.get("ranking_closes")
        if opens and closes and closes <= opens:
            self.add_error("ranking_closes", _("Ranking must close after it opens."))
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("Placements must end after they start."))
        return data


class RoundForm(RoundSettingsForm):
    """Opening a round: its seats (posting kinds) and its students (entry years, schools)."""

    kinds = forms.MultipleChoiceField(
        label=_("Posting kinds"), choices=HOSTING_KINDS, widget=forms.CheckboxSelectMultiple
    )
    schools = forms.ModelMultipleChoiceField(
        label=_("Participating schools"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("Leave empty for every school of the region."),
    )

    class Meta(RoundSettingsForm.Meta):
        fields = ["name", "kinds", "cohort_from", "cohort_to", "schools", *ROUND_SETTINGS[1:]]

    def __init__(self, *args, organiser: Organisation | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if organiser is not None and organiser.kind == OrgKind.GOVERNMENT:
            self.fields["schools"].queryset = Organisation.objects.filter(
                kind=OrgKind.SCHOOL, region__path__startswith=organiser.region.path
            )
            self.fields["schools"].error_messages["invalid_choice"] = _("Choose schools of your region.")
        else:
            del self.fields["schools"]

    def clean(self):
        data = super().clean()
        start, end = data.get("cohort_from"), data.get("cohort_to")
        if start and end and end < start:
            self.add_error("cohort_to", _("The last entry year comes after the first."))
        return data


class PositionForm(forms.ModelForm):
    class Meta:
        model = RoundPosition
        fields = ["capacity", "min_study_year", "certificates_required"]


class IdListField(forms.Field):
    """An ordered list of ids: a JSON list from the API, or "3,1,2" from a page."""

    default_error_messages = {"invalid": _("Give ids as a list of whole numbers, e.g. 12,7,30.")}

    def to_python(self, value):
        if value in (None, "", []):
            return []
        items = value if isinstance(value, list | tuple) else str(value).split(",")
        try:
            return [int(str(item).strip()) for item in items if str(item).strip()]
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


class ChoicesForm(forms.Form):
    """A student's rank-order list: position ids, most wanted first."""

    positions = IdListField(label=_("Positions, most wanted first"), required=False)

    def __init__(self, *args, round: MatchingRound, **kwargs):
        super().__init__(*args, **kwargs)
        self.round = round

    def clean_positions(self):
        ids = self.cleaned_data["positions"]
        found = {p.pk: p for p in self.round.positions.filter(pk__in=ids)}
        unknown = [str(pk) for pk in ids if pk not in found]
        if unknown:
            raise ValidationError(
                _("Not positions of this round: %(ids)s.") % {"ids": ", ".join(unknown)}, code="unknown"
            )
        return [found[pk] for pk in ids]


class RankingForm(forms.Form):
    """An enterprise's ranking of a position's candidates (round participant ids)."""

    mode = forms.ChoiceField(label=_("Ranking"), choices=RankingMode.choices)
    ranked = IdListField(label=_("Candidates, best first"), required=False)
    excluded = IdListField(label=_("Candidates you will not take"), required=False)

    def __init__(self, *args, round: MatchingRound, **kwargs):
        super().__init__(*args, **kwargs)
        self.round = round

    def _participants(self, name: str):
        ids = self.cleaned_data[name]
        found = {p.pk: p for p in self.round.participants.filter(pk__in=ids)}
        unknown = [str(pk) for pk in ids if pk not in found]
        if unknown:
            raise ValidationError(
                _("Not students of this round: %(ids)s.") % {"ids": ", ".join(unknown)}, code="unknown"
            )
        return [found[pk] for pk in ids]

    def clean_ranked(self):
        return self._participants("ranked")

    def clean_excluded(self):
        return self._participants("excluded")


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Answer"), choices=[("accept", _("Accept")), ("decline", _("Decline"))]
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class BulkDecisionForm(forms.Form):
    """Answers to many offers: the chosen ones, or every one still awaiting the user's answer."""

    decision = forms.ChoiceField(
        label=_("Answer"), choices=[("accept", _("Accept")), ("decline", _("Decline"))]
    )
    offers = forms.ModelMultipleChoiceField(label=_("Offers"), queryset=None, required=False)
    scope = forms.ChoiceField(
        label=_("Which offers"),
        choices=[("selected", _("The offers ticked")), ("all", _("Every offer awaiting my answer"))],
        required=False,
    )

    def __init__(self, *args, awaiting, **kwargs):
        super().__init__(*args, **kwargs)
        self.awaiting = awaiting
        self.fields["offers"].queryset = awaiting
        self.fields["offers"].error_messages["invalid_choice"] = _(
            "Offer %(value)s is not one awaiting your answer."
        )

    def clean(self):
        data = super().clean()
        if data.get("scope") == "all":
            data["offers"] = list(self.awaiting)
        if "offers" in data and not data["offers"]:
            self.add_error("offers", _("Choose at least one offer to answer."))
        return data


class InvitationForm(forms.Form):
    expert = forms.ModelChoiceField(label=_("Expert"), queryset=None, widget=forms.NumberInput())
    message = forms.CharField(label=_("Message"), max_length=2000, required=False, widget=forms.Textarea)

    def __init__(self, *args, experts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expert"].queryset = experts
        self.fields["expert"].error_messages["invalid_choice"] = _(
            "Unknown expert: invite a college teacher or a researcher by id."
        )


class PositionSearchForm(forms.Form):
    """A student's search among a round's positions (every field may be left empty)."""

    q = forms.CharField(label=_("Search"), max_length=100, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", _("Any kind")), *HOSTING_KINDS], required=False)
    location = forms.CharField(label=_("Place"), max_length=50, required=False)
    min_wage = forms.IntegerField(
        label=_("Monthly wage from (yuan)"), min_value=0, max_value=1_000_000, required=False
    )
    order = forms.ChoiceField(
        label=_("Order"),
        choices=[
            ("", _("Best fit first")),
            ("wage", _("Best paid first")),
            ("applicants", _("Fewest applicants per seat first")),
        ],
        required=False,
    )
