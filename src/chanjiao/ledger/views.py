"""Record-log pages: the log, the leaves, a record's proof, "verify this record", the public key."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.jobs.services import start_job
from chanjiao.ledger import keys, selectors, services
from chanjiao.ledger.bundle import encode_hash
from chanjiao.ledger.filters import LeafFilter
from chanjiao.ledger.forms import VerifyRecordForm
from chanjiao.ledger.models import Leaf, LogState, SignedHead
from chanjiao.ledger.policy import leaf_reading, record_type_or_404, require_whole
from chanjiao.ledger.records import all_record_types
from chanjiao.ledger.tables import LEAF_COLUMNS
from chanjiao.web.lists import list_page

STEP_TITLES = {
    "record": gettext_lazy("The record hashes to its logged leaf hash"),
    "signature": gettext_lazy("The tree head is signed with the log's key"),
    "tree size": gettext_lazy("The proof is for the head's tree size"),
    "inclusion": gettext_lazy("The audit path leads from the leaf to the signed root"),
}


def _record_url(leaf) -> str:
    return reverse("ledger:record", args=[leaf.record_type, leaf.record_id]) + f"?leaf={leaf.leaf_index}"


@login_required
def log_page(request):
    tree_size, root = selectors.log_state()
    labels = {kind.name: kind.label for kind in all_record_types()}
    leaves = list(access.visible(request.user, Leaf).order_by("-leaf_index")[:20])
    for leaf in leaves:
        leaf.label = labels.get(leaf.record_type, leaf.record_type)
    return render(
        request,
        "ledger/log.html",
        {
            "tree_size": tree_size,
            "root": root.hex(),
            "head": selectors.latest_head(),
            "heads": SignedHead.objects.select_related("signed_by")[:10],
            "leaves": leaves,
            "fingerprint": keys.key_fingerprint(),
            "can_sign": access.possible(request.user, Action.CREATE, SignedHead),
            "can_verify": access.possible(request.user, Action.MANAGE, LogState),
        },
    )


@login_required
def leaf_list(request):
    return list_page(
        request,
        queryset=access.visible(request.user, Leaf).order_by("-leaf_index"),
        filterset_class=LeafFilter,
        title=_("Leaves of the record log"),
        columns=LEAF_COLUMNS,
        link=_record_url,
        keyset="-leaf_index",  # the log grows without bound: never count it
    )


@login_required
def record_page(request, record_type, record_id):
    kind = record_type_or_404(record_type)
    record = kind.access(request.user, record_id)
    history = list(selectors.record_leaves(kind.name, record.pk)[:100])
    if not history:
        raise Http404(_("%(type)s %(id)s is not in the log.") % {"type": kind.label, "id": record.pk})
    chosen = request.GET.get("leaf")
    leaf = next((item for item in history if str(item.leaf_index) == chosen), None) if chosen else history[0]
    if leaf is None:
        raise Http404(_("Leaf %(index)s is not a version of this record.") % {"index": chosen})
    reading = leaf_reading(request.user, kind, record, leaf)
    if request.GET.get("format") == "json":
        require_whole(reading)
        try:
            bundle = selectors.leaf_export(leaf)
        except selectors.NotYetSigned as error:
            return render(
                request, "web/message.html", {"title": _("Not signed yet"), "message": str(error)}, status=409
            )
        response = JsonResponse(bundle, json_dumps_params={"ensure_ascii": False, "indent": 2})
        response["Content-Disposition"] = (
            f'attachment; filename="{kind.name}-{record.pk}-leaf-{leaf.leaf_index}.json"'
        )
        return response
    try:
        tree_size, leaf_hash, audit_path = selectors.inclusion_proof(leaf.leaf_index)
        proof = {"tree_size": tree_size, "audit_path": [digest.hex() for digest in audit_path]}
    except selectors.NotYetSigned:
        proof = None
    document = reading.document and json.dumps(reading.document, ensure_ascii=False, indent=2)
    return render(
        request,
        "ledger/record.html",
        {
            "kind": kind,
            "record": record,
            "record_url": reverse(kind.url_name, args=[record.pk]),
            "status": selectors.record_status(kind, record.pk),
            "leaf": leaf,
            "leaf_hash": bytes(leaf.leaf_hash).hex(),
            "history": history,
            "proof": proof,
            "document": document,
            "whole": reading.whole,
            "api_url": f"/api/ledger/records/{kind.name}/{record.pk}",
            "verify_url": reverse("ledger:verify"),
        },
    )


def verify_page(request):
    """Anyone may check an exported record here; the page also shows how to redo it offline."""
    posted = request.method == "POST"
    form = VerifyRecordForm(request.POST if posted else None, request.FILES if posted else None)
    check, status = None, 200
    if posted:
        if form.is_valid():
            check = form.cleaned_data["check"]
        else:
            status = 400
    steps = [(STEP_TITLES[step.name], step) for step in check.steps] if check else []
    return render(
        request,
        "ledger/verify.html",
        {"form": form, "check": check, "steps": steps, "fingerprint": keys.key_fingerprint()},
        status=status,
    )


def public_key_page(request):
    head = selectors.latest_head()
    return render(
        request,
        "ledger/public_key.html",
        {
            "public_key": keys.public_key_base64(),
            "pem": keys.public_key_pem(),
            "fingerprint": keys.key_fingerprint(),
            "head": head,
            "head_root": encode_hash(bytes(head.root_hash), "hex") if head else None,
            "development_key": keys.configured_key_text() is None
            and access.possible(request.user, Action.CREATE, SignedHead),
        },
    )


def public_key_pem(request):
    return HttpResponse(keys.public_key_pem(), content_type="application/x-pem-file")


@login_required
@require_POST
def sign_head(request):
    access.require_possible(request.user, Action.CREATE, SignedHead)
    try:
        head = services.sign_tree_head(actor=request.user)
    except ValueError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Signed a tree head of size %(size)s.") % {"size": head.tree_size})
    return redirect("ledger:log")


@login_required
@require_POST
def verify_log(request):
    access.require_possible(request.user, Action.MANAGE, LogState)
    job = start_job(kind="ledger.verify", label=_("Verify the record log"), actor=request.user)
    return redirect("job", pk=job.pk)
