"""The log's Ed25519 signing key, from the environment or, for development, from var/.

``LEDGER_SIGNING_KEY`` holds the private key as unencrypted PKCS#8 PEM or as base64 of the raw
32 bytes (a Django setting of that name takes precedence, for tests). When it is unset a key is
generated once into ``<var>/ledger-signing-key.pem`` and reused; with DEBUG off that is reported
as a system-check warning at every start, because a key that lives next to the database proves
little to an outsider.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import logging
import os
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from chanjiao.core.files import write_once
from chanjiao.core.ledger import encode_public_key, load_private_key

KEY_VARIABLE = "LEDGER_SIGNING_KEY"
DEVELOPMENT_KEY_FILE = "ledger-signing-key.pem"
logger = logging.getLogger(__name__)


def configured_key_text() -> str | None:
    return getattr(settings, KEY_VARIABLE, None) or os.environ.get(KEY_VARIABLE) or None


def development_key_path() -> Path:
    return Path(settings.VAR_DIR) / DEVELOPMENT_KEY_FILE


def _create_development_key(path: Path) -> None:
    """Write a new key file unless another process got there first."""
    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    if not write_once(path, pem):
        return
    logger.warning(
        "%s is not set: generated a development signing key for the record log at %s. "
        "Set %s in production (see docs/ledger.md).",
        KEY_VARIABLE,
        path,
        KEY_VARIABLE,
    )


@functools.lru_cache(maxsize=4)
def _load(key_text: str | None, path: str) -> Ed25519PrivateKey:
    if key_text is not None:
        try:
            return load_private_key(key_text)
        except ValueError as error:
            raise ImproperlyConfigured(
                f"{KEY_VARIABLE} is not a usable Ed25519 private key: {error}"
            ) from None
    key_path = Path(path)
    if not key_path.exists():
        _create_development_key(key_path)
    try:
        return load_private_key(key_path.read_bytes())
    except ValueError as error:
        raise ImproperlyConfigured(f"{key_path} is not a usable Ed25519 private key: {error}") from None


def signing_key() -> Ed25519PrivateKey:
    """The private key that signs tree heads."""
    return _load(configured_key_text(), str(development_key_path()))


def public_key() -> Ed25519PublicKey:
    return signing_key().public_key()


def public_key_base64() -> str:
    """The published key: base64 of its raw 32 bytes."""
    return encode_public_key(public_key())


def public_key_pem() -> str:
    return encode_public_key(public_key(), pem=True)


def key_fingerprint(public_key_text: str | None = None) -> str:
    """SHA-256 of the raw public key, in hex: a short way to compare keys by eye."""
    raw = base64.b64decode(public_key_text or public_key_base64())
    return hashlib.sha256(raw).hexdigest()


@checks.register(checks.Tags.security)
def check_signing_key(app_configs, **kwargs) -> list[checks.CheckMessage]:
    if settings.DEBUG or configured_key_text() is not None:
        return []
    return [
        checks.Warning(
            f"{KEY_VARIABLE} is not set: signed tree heads of the record log use a key generated "
            f"into {development_key_path()}.",
            hint=f"Generate a key offline and set {KEY_VARIABLE} (PEM or base64); see docs/ledger.md.",
            id="ledger.W001",
        )
    ]


def configured_public_key() -> Ed25519PublicKey | None:
    """The public key of the configured or already generated key, without generating one."""
    if configured_key_text() is None and not development_key_path().exists():
        return None
    return public_key()
