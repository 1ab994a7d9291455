"""The "verify this record" form, shared by the page and the API."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from chanjiao.core.ledger import SignedTreeHead, load_public_key
from chanjiao.ledger.bundle import check_record_bundle, load_json_object
from chanjiao.ledger.keys import public_key

MAX_JSON_BYTES = 1024 * 1024


class VerifyRecordForm(forms.Form):
    """An exported record (pasted or uploaded), optionally a signed head and a public key.

    ``cleaned_data["check"]`` holds the `BundleCheck` once the form is valid.
    """

    bundle = forms.CharField(
        label=_("Exported record (JSON)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
        help_text=_("Download it from the record's log page or GET /api/ledger/records/<type>/<id>."),
    )
    bundle_file = forms.FileField(label=_("…or upload the file"), required=False)
    signed_tree_head = forms.CharField(
        label=_("Signed tree head (JSON, optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false"}),
        help_text=_("A head you obtained yourself; by default the one inside the exported record."),
    )
    public_key = forms.CharField(
        label=_("Public key (PEM or base64, optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "spellcheck": "false"}),
        help_text=_("By default this platform's published key."),
    )

    @classmethod
    def from_json(cls, payload: dict[str, Any]) -> VerifyRecordForm:
        """The form bound to an API payload ``{bundle, signed_tree_head?, public_key?}``."""
        head = payload.get("signed_tree_head")
        return cls(
            data={
                "bundle": json.dumps(payload.get("bundle"), ensure_ascii=False),
                "signed_tree_head": "" if head is None else json.dumps(head),
                "public_key": payload.get("public_key") or "",
            }
        )

    def clean_bundle_file(self):
        upload = self.files.get("bundle_file")
        if upload is None:
            return None
        if upload.size > MAX_JSON_BYTES:
            raise forms.ValidationError(_("An exported record is a few kilobytes; this file is too large."))
        return upload.read()

    def clean_signed_tree_head(self) -> SignedTreeHead | None:
        text = self.cleaned_data["signed_tree_head"].strip()
        if not text:
            return None
        try:
            return SignedTreeHead.from_dict(load_json_object(text, "the signed tree head"))
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None

    def clean_public_key(self):
        text = self.cleaned_data["public_key"].strip()
        if not text:
            return public_key()
        try:
            return load_public_key(text)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None

    def clean(self):
        data = super().clean()
        text = data.get("bundle_file") or (data.get("bundle") or "").strip()
        if not text or text == "null":
            self.add_error("bundle", _("Paste the exported record or upload its file."))
            return data
        if "public_key" not in data or "signed_tree_head" not in data:
            return data
        try:
            bundle = load_json_object(text, "the exported record")
            data["check"] = check_record_bundle(
                bundle, public_key=data["public_key"], signed_head=data["signed_tree_head"]
            )
        except ValueError as error:
            self.add_error("bundle", str(error))
        return data
