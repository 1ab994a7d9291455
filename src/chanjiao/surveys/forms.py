"""Validation of every questionnaire write, shared by the web pages and the API."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from chanjiao.registry import pickers
from chanjiao.surveys.modelling import check_model, write_model
from chanjiao.surveys.models import Analysis, Construct, Item, ItemKind, Questionnaire, TargetGroup

MAX_INVITATIONS_PER_REQUEST = 5000


def item_kinds(questionnaire: Questionnaire) -> dict[str, str]:
    return dict(questionnaire.items.values_list("code", "kind"))


def taken_codes(questionnaire: Questionnaire, *, exclude: Model | None = None) -> set[str]:
    """Codes of constructs and items: one namespace, since both appear in the model syntax."""
    constructs = questionnaire.constructs.all()
    items = questionnaire.items.all()
    if isinstance(exclude, Construct) and exclude.pk:
        constructs = constructs.exclude(pk=exclude.pk)
    if isinstance(exclude, Item) and exclude.pk:
        items = items.exclude(pk=exclude.pk)
    return set(constructs.values_list("code", flat=True)) | set(items.values_list("code", flat=True))


class QuestionnaireForm(forms.ModelForm):
    target_groups = forms.MultipleChoiceField(
        label=_("target groups"),
        choices=TargetGroup.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Questionnaire
        fields = [
            "owner",
            "title_zh",
            "title_en",
            "introduction_zh",
            "introduction_en",
            "target_groups",
            "scale_points",
            "satisfaction_construct",
            "opens_at",
            "closes_at",
            "reminder_after_days",
            "distributed_outside",
            "max_missing",
            "straight_lining_run",
            "screen_too_fast",
            "min_duration_seconds",
        ]
        widgets = {
            "introduction_zh": forms.Textarea(attrs={"rows": 3}),
            "introduction_en": forms.Textarea(attrs={"rows": 3}),
            "opens_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "closes_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        }

    def __init__(self, *args, owners=None, **kwargs):
        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        if owners is not None:
            owner.queryset = owners
        owner.error_messages["invalid_choice"] = _("Unknown organisation, or not one you may act for.")
        if self.instance.pk:
            del self.fields["owner"]
            self.fields["satisfaction_construct"].queryset = self.instance.constructs.all()
        else:
            del self.fields["satisfaction_construct"]
            if owners is not None and owners.count() == 1:
                owner.required = False
                owner.initial = owners.get().pk
        if "satisfaction_construct" in self.fields:
            self.fields["satisfaction_construct"].error_messages["invalid_choice"] = _(
                "Choose one of this questionnaire's constructs."
            )

    def clean_owner(self):
        owner = self.cleaned_data.get("owner")
        if owner is None and not self.fields["owner"].required:
            return self.fields["owner"].queryset.get()
        return owner

    def clean(self):
        data = super().clean()
        if not (data.get("title_zh") or "").strip() and not (data.get("title_en") or "").strip():
            self.add_error("title_zh", _("Give the questionnaire a title, in Chinese or English."))
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("The questionnaire must close after it opens."))
        return data


class PositionMixin:
    """Position is optional: a new construct or item without one (or with 0) goes last."""

    def clean_position(self):
        position = self.cleaned_data.get("position")
        if not position:
            if self.instance.pk:
                return self.instance.position
            highest = self.siblings().order_by("-position").values_list("position", flat=True).first()
            return (highest or 0) + 1
        return position


class ConstructForm(PositionMixin, forms.ModelForm):
    class Meta:
        model = Construct
        fields = ["code", "name_zh", "name_en", "position"]

    def __init__(self, *args, questionnaire: Questionnaire, **kwargs):
        super().__init__(*args, **kwargs)
        self.questionnaire = questionnaire
        self.fields["position"].required = False

    def siblings(self):
        return self.questionnaire.constructs.all()

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        if code in taken_codes(self.questionnaire, exclude=self.instance):
            raise forms.ValidationError(_("This code is already used by a construct or item."))
        return code

    def clean(self):
        data = super().clean()
        if not (data.get("name_zh") or "").strip() and not (data.get("name_en") or "").strip():
            self.add_error("name_zh", _("Name the construct, in Chinese or English."))
        return data


class OptionsField(forms.Field):
    """Choice options: one per line, "中文 | English" (one label serves both languages), or,
    through the API, a list of such strings or of {"zh": ..., "en": ...}."""

    widget = forms.Textarea(attrs={"rows": 4})

    def to_python(self, value: Any) -> list[dict[str, str]]:
        if value in (None, ""):
            return []
        entries = value if isinstance(value, list | tuple) else str(value).splitlines()
        options = []
        for entry in entries:
            if isinstance(entry, dict):
                chinese, english = str(entry.get("zh", "")).strip(), str(entry.get("en", "")).strip()
            else:
                chinese, _bar, english = str(entry).partition("|")
                chinese, english = chinese.strip(), english.strip()
            if chinese or english:
                options.append({"zh": chinese or english, "en": english or chinese})
        return options

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return "\n".join(
                option["zh"] if option["zh"] == option["en"] else f"{option['zh']} | {option['en']}"
                for option in value
            )
        return value


class ItemForm(PositionMixin, forms.ModelForm):
    options = OptionsField(
        label=_("options"),
        required=False,
        help_text=_("Choice items: one option per line, written “中文 | English”."),
    )

    class Meta:
        model = Item
        fields = [
            "construct",
            "code",
            "kind",
            "text_zh",
            "text_en",
            "reverse_keyed",
            "required",
            "options",
            "min_value",
            "max_value",
            "position",
        ]
        widgets = {"text_zh": forms.Textarea(attrs={"rows": 2}), "text_en": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, questionnaire: Questionnaire, **kwargs):
        super().__init__(*args, **kwargs)
        self.questionnaire = questionnaire
        self.fields["construct"].queryset = questionnaire.constructs.all()
        self.fields["construct"].error_messages["invalid_choice"] = _(
            "Choose one of this questionnaire's constructs."
        )
        self.fields["position"].required = False

    def siblings(self):
        return self.questionnaire.items.all()

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        if code in taken_codes(self.questionnaire, exclude=self.instance):
            raise forms.ValidationError(_("This code is already used by a construct or item."))
        return code

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if not (data.get("text_zh") or "").strip() and not (data.get("text_en") or "").strip():
            self.add_error("text_zh", _("Write the question, in Chinese or English."))
        if kind != ItemKind.LIKERT:
            if data.get("construct") is not None:
                self.add_error("construct", _("Only Likert items measure a construct."))
            if data.get("reverse_keyed"):
                self.add_error("reverse_keyed", _("Only Likert items are reverse-keyed."))
        if kind == ItemKind.CHOICE and len(data.get("options") or []) < 2:
            self.add_error("options", _("A choice item needs at least two options."))
        if kind != ItemKind.CHOICE and data.get("options"):
            self.add_error("options", _("Only choice items have options."))
        low, high = data.get("min_value"), data.get("max_value")
        if kind != ItemKind.NUMBER and (low is not None or high is not None):
            self.add_error("min_value", _("Only number items have a smallest and largest number."))
        if low is not None and high is not None and high <= low:
            self.add_error("max_value", _("The largest number must be above the smallest."))
        return data


class ModelSyntaxForm(forms.ModelForm):
    class Meta:
        model = Questionnaire
        fields = ["model_syntax"]
        widgets = {"model_syntax": forms.Textarea(attrs={"rows": 10, "spellcheck": "false"})}
        help_texts = {
            "model_syntax": _(
                "Lavaan-style: “SS =~ SS1 + SS2 + SS3” (construct measured by items), “TQ ~ SS + EP” "
                "(structural paths), “EP ~~ CG” (covariance); # starts a comment."
            )
        }

    def clean_model_syntax(self):
        syntax = (self.cleaned_data.get("model_syntax") or "").strip()
        if syntax:
            try:
                check_model(syntax, item_kinds(self.instance))
            except ValueError as error:
                raise forms.ValidationError(str(error)) from None
        return syntax


class ModelBuilderForm(forms.Form):
    """Writes the model: which Likert items measure their construct, which paths to estimate."""

    items = forms.MultipleChoiceField(
        label=_("items in the measurement model"), widget=forms.CheckboxSelectMultiple, required=False
    )
    paths = forms.MultipleChoiceField(
        label=_("structural paths (outcome ← predictor)"), widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args, questionnaire: Questionnaire, initial_spec=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.questionnaire = questionnaire
        self.likert = [
            item
            for item in questionnaire.items.select_related("construct")
            if item.kind == ItemKind.LIKERT and item.construct_id
        ]
        self.constructs = [c.code for c in questionnaire.constructs.all()]
        self.fields["items"].choices = [(i.code, f"{i.construct.code} · {i.code}") for i in self.likert]
        self.fields["paths"].choices = [
            (f"{outcome}~{predictor}", f"{outcome} ← {predictor}")
            for outcome in self.constructs
            for predictor in self.constructs
            if outcome != predictor
        ]
        if initial_spec is not None:
            self.initial = {
                "items": list(initial_spec.items),
                "paths": [f"{outcome}~{predictor}" for outcome, predictor in initial_spec.paths],
            }
        else:
            self.initial = {"items": [i.code for i in self.likert], "paths": []}

    def clean(self):
        data = super().clean()
        chosen = set(data.get("items") or [])
        constructs: dict[str, list[str]] = {code: [] for code in self.constructs}
        for item in self.likert:
            if item.code in chosen:
                constructs[item.construct.code].append(item.code)
        paths = [tuple(pair.split("~", 1)) for pair in data.get("paths") or []]
        try:
            data["syntax"] = write_model(constructs, paths, item_kinds(self.questionnaire))
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None
        return data


class InviteForm(forms.Form):
    target_group = forms.ChoiceField(label=_("target group"), choices=TargetGroup.choices)
    respondents = forms.CharField(
        label=_("named respondents"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One per line: “name, email” (the email is optional). One link each."),
    )
    count = forms.IntegerField(
        label=_("anonymous links"),
        required=False,
        min_value=0,
        max_value=MAX_INVITATIONS_PER_REQUEST,
        help_text=_("Links with no name, e.g. to hand out at a meeting."),
    )
    organisation = forms.ModelChoiceField(
        label=_("organisation"), queryset=None, required=False, widget=pickers.ORGANISATIONS.widget()
    )
    carrier = forms.ModelChoiceField(
        label=_("carrier"), queryset=None, required=False, widget=pickers.CARRIERS.widget()
    )

    def __init__(self, *args, organisations, carriers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].error_messages["invalid_choice"] = _(
            "Unknown organisation, or not one you may survey."
        )
        self.fields["carrier"].queryset = carriers
        self.fields["carrier"].error_messages["invalid_choice"] = _(
            "Unknown carrier, or not one you may survey."
        )

    def clean_respondents(self) -> list[tuple[str, str]]:
        people = []
        email_field = forms.EmailField()
        for number, line in enumerate((self.cleaned_data.get("respondents") or "").splitlines(), start=1):
            name, _comma, email = line.replace("，", ",").partition(",")
            name, email = name.strip(), email.strip()
            if not name and not email:
                continue
            if email:
                try:
                    email = email_field.clean(email)
                except forms.ValidationError:
                    raise forms.ValidationError(
                        _("Line %(line)s: “%(email)s” is not an email address.")
                        % {"line": number, "email": email}
                    ) from None
            people.append((name[:120], email))
        return people

    def clean(self):
        data = super().clean()
        total = len(data.get("respondents") or []) + (data.get("count") or 0)
        if "respondents" in data and "count" in data and total == 0:
            self.add_error("respondents", _("Name at least one respondent or ask for anonymous links."))
        if total > MAX_INVITATIONS_PER_REQUEST:
            self.add_error("count", _("At most 5,000 links at a time."))
        return data


class Audience:
    ENTERPRISES = "enterprises"
    TEACHERS = "teachers"
    CARRIER_MEMBERS = "carrier_members"


class AudienceForm(forms.Form):
    audience = forms.ChoiceField(
        label=_("send to"),
        choices=[
            (Audience.ENTERPRISES, _("Every enterprise you may survey (one link each, enterprise HR)")),
            (Audience.TEACHERS, _("Every college teacher and enterprise mentor you may survey")),
            (Audience.CARRIER_MEMBERS, _("Every member organisation of a carrier")),
        ],
    )
    carrier = forms.ModelChoiceField(
        label=_("carrier"), queryset=None, required=False, widget=pickers.CARRIERS.widget()
    )

    def __init__(self, *args, carriers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["carrier"].queryset = carriers
        self.fields["carrier"].error_messages["invalid_choice"] = _(
            "Unknown carrier, or not one you may survey."
        )

    def clean(self):
        data = super().clean()
        if data.get("audience") == Audience.CARRIER_MEMBERS and data.get("carrier") is None:
            self.add_error("carrier", _("Choose the carrier whose members to survey."))
        return data


class AnalysisForm(forms.ModelForm):
    class Meta:
        model = Analysis
        fields = ["ordinal", "rotation", "n_factors"]
