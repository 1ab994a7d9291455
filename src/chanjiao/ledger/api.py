"""Record-log endpoints in RFC 6962 form: 0-based leaf indices, audit paths of sibling hashes.

Hashes are base64 by default (as in RFC 6962's JSON API), hex with ``encoding=hex``. The public
key and the signed heads need no sign-in; proofs need one; a record's proof and content follow
the record's own access rules, and a version's content is judged on that version (see
`chanjiao.ledger.policy`).
"""

from datetime import UTC, datetime
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import Field, Query, Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.ledger import selectors, services
from chanjiao.ledger.bundle import encode_hash
from chanjiao.ledger.forms import VerifyRecordForm
from chanjiao.ledger.keys import key_fingerprint, public_key_base64, public_key_pem
from chanjiao.ledger.models import Leaf, SignedHead
from chanjiao.ledger.policy import leaf_reading, record_of_leaf, record_type_or_404, require_whole

router = Router(tags=["ledger"])
Encoding = Literal["base64", "hex"]


class Conflict(Schema):
    detail: str


class PublicKeyOut(Schema):
    algorithm: str = "Ed25519"
    public_key: str = Field(..., description="base64 of the raw 32-byte key")
    pem: str = Field(..., description="SubjectPublicKeyInfo PEM, also at /ledger/public-key.pem")
    fingerprint: str = Field(..., description="SHA-256 of the raw key, hex")


class HeadOut(Schema):
    id: int
    tree_size: int
    root_hash: str = Field(..., description="base64")
    timestamp: int = Field(..., description="milliseconds since 1970-01-01T00:00:00Z")
    signature: str = Field(..., description="Ed25519 over the RFC 6962 TreeHeadSignature bytes, base64")
    signed_at: datetime
    public_key: str

    @staticmethod
    def resolve_root_hash(head: SignedHead) -> str:
        return encode_hash(bytes(head.root_hash))

    @staticmethod
    def resolve_timestamp(head: SignedHead) -> int:
        return head.timestamp_ms

    @staticmethod
    def resolve_signature(head: SignedHead) -> str:
        return encode_hash(bytes(head.signature))

    @staticmethod
    def resolve_signed_at(head: SignedHead) -> datetime:
        return datetime.fromtimestamp(head.timestamp_ms / 1000, tz=UTC)


class InclusionOut(Schema):
    leaf_index: int
    tree_size: int
    leaf_hash: str
    audit_path: list[str]


class RecordProofOut(InclusionOut):
    record_type: str
    record_id: str
    signed_tree_head: dict[str, Any]


class ConsistencyOut(Schema):
    first: int
    second: int
    consistency: list[str]


class LeafOut(Schema):
    leaf_index: int
    record_type: str
    record_id: str
    actor: str | None
    recorded_at: datetime
    leaf_hash: str

    @staticmethod
    def resolve_leaf_hash(leaf: Leaf) -> str:
        return encode_hash(bytes(leaf.leaf_hash))


class LeafQuery(Schema):
    record_type: str | None = None
    record_id: str | None = None


class VerifyIn(Schema):
    bundle: dict[str, Any] = Field(..., description="an exported record (chanjiao-ledger-record/1)")
    signed_tree_head: dict[str, Any] | None = Field(None, description="default: the head in the bundle")
    public_key: str | None = Field(None, description="PEM or base64; default: this log's key")


class CheckStepOut(Schema):
    name: str
    ok: bool
    detail: str


class VerifyOut(Schema):
    ok: bool
    steps: list[CheckStepOut]


def _proof(leaf_index: int, tree_size: int | None, encoding: str) -> dict[str, Any]:
    size, leaf_hash, audit_path = selectors.inclusion_proof(leaf_index, tree_size)
    return {
        "leaf_index": leaf_index,
        "tree_size": size,
        "leaf_hash": encode_hash(leaf_hash, encoding),
        "audit_path": [encode_hash(digest, encoding) for digest in audit_path],
    }


@router.get("/ledger/public-key", response=PublicKeyOut, auth=None)
def get_public_key(request):
    return {"public_key": public_key_base64(), "pem": public_key_pem(), "fingerprint": key_fingerprint()}


@router.get("/ledger/heads", response=list[HeadOut], auth=None)
@paginate(PageNumberPagination, page_size=50)
def list_heads(request, tree_size: int | None = Query(None, ge=0)):
    heads = SignedHead.objects.all()
    return heads if tree_size is None else heads.filter(tree_size=tree_size)


@router.get("/ledger/heads/latest", response=HeadOut, auth=None)
def get_latest_head(request):
    head = selectors.latest_head()
    if head is None:
        raise Http404("No tree head has been signed yet.")
    return head


@router.post("/ledger/heads", response={201: HeadOut})
def sign_head(request):
    access.require_possible(request.user, Action.CREATE, SignedHead)
    return 201, services.sign_tree_head(actor=request.user)


@router.get("/ledger/proofs/inclusion", response={200: InclusionOut, 409: Conflict})
def get_inclusion_proof(
    request,
    leaf_index: int = Query(..., ge=0),
    tree_size: int | None = Query(None, ge=1, description="default: the latest signed head's size"),
    encoding: Encoding = "base64",
):
    try:
        return 200, _proof(leaf_index, tree_size, encoding)
    except selectors.NotYetSigned as error:
        return 409, {"detail": str(error)}


@router.get("/ledger/proofs/consistency", response=ConsistencyOut)
def get_consistency_proof(
    request, first: int = Query(..., ge=1), second: int = Query(..., ge=1), encoding: Encoding = "base64"
):
    proof = selectors.consistency_proof(first, second)
    return {"first": first, "second": second, "consistency": [encode_hash(d, encoding) for d in proof]}


@router.get("/ledger/leaves", response=list[LeafOut])
@paginate(PageNumberPagination, page_size=100)
def list_leaves(request, query: Query[LeafQuery]):
    leaves = access.visible(request.user, Leaf).order_by("-leaf_index")
    if query.record_type:
        leaves = leaves.filter(record_type=query.record_type)
    if query.record_id:
        leaves = leaves.filter(record_id=query.record_id)
    return leaves


@router.get("/ledger/leaves/{leaf_index}", response={200: dict[str, Any], 409: Conflict})
def export_leaf(
    request, leaf_index: int, tree_size: int | None = Query(None, ge=1), encoding: Encoding = "base64"
):
    """The record bundle of one leaf (any version of a record): its document, proof and signed head."""
    leaf = access.get(request.user, Leaf, leaf_index)
    kind, record = record_of_leaf(request.user, leaf)
    require_whole(leaf_reading(request.user, kind, record, leaf))
    try:
        return 200, selectors.leaf_export(leaf, tree_size=tree_size, encoding=encoding)
    except selectors.NotYetSigned as error:
        return 409, {"detail": str(error)}


def _entry(request, record_type: str, record_id: str, *, content: bool):
    """A visible record's pointer to its latest leaf; with ``content``, the user must be able to
    read that version whole."""
    kind = record_type_or_404(record_type)
    record = kind.access(request.user, record_id)
    entry = selectors.entry_for(kind.name, record.pk)
    if entry is None:
        raise Http404(f"{kind.name} {record.pk} is not in the log.")
    if content:
        require_whole(leaf_reading(request.user, kind, record, entry.leaf))
    return kind, entry


@router.get("/ledger/records/{record_type}/{record_id}/proof", response={200: RecordProofOut, 409: Conflict})
def get_record_proof(
    request,
    record_type: str,
    record_id: str,
    tree_size: int | None = Query(None, ge=1),
    encoding: Encoding = "base64",
):
    """Where the record's latest version sits in the log and its inclusion proof (hashes only)."""
    kind, entry = _entry(request, record_type, record_id, content=False)
    try:
        proof = _proof(entry.leaf_id, tree_size, encoding)
        head = selectors.head_of_size(proof["tree_size"])
    except selectors.NotYetSigned as error:
        return 409, {"detail": str(error)}
    signed = head.signed_tree_head().to_dict()
    return 200, {**proof, "record_type": kind.name, "record_id": entry.record_id, "signed_tree_head": signed}


@router.get("/ledger/records/{record_type}/{record_id}", response={200: dict[str, Any], 409: Conflict})
def export_record(
    request,
    record_type: str,
    record_id: str,
    tree_size: int | None = Query(None, ge=1),
    encoding: Encoding = "base64",
):
    """The record's exported JSON: its latest leaf document with proof and signed head, ready for
    ``chanjiao ledger prove``."""
    _kind, entry = _entry(request, record_type, record_id, content=True)
    try:
        return 200, selectors.leaf_export(entry.leaf, tree_size=tree_size, encoding=encoding)
    except selectors.NotYetSigned as error:
        return 409, {"detail": str(error)}


@router.post("/ledger/verify", response=VerifyOut, auth=None)
def verify_record(request, payload: VerifyIn):
    """Check an exported record against a signed head and a public key (this log's by default)."""
    form = VerifyRecordForm.from_json(payload.dict())
    if not form.is_valid():
        raise ValidationError({name: errors for name, errors in form.errors.as_data().items()})
    check = form.cleaned_data["check"]
    return {"ok": check.ok, "steps": [vars(step) for step in check.steps]}
