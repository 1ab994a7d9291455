"""The per-region policy configuration: every number the credit and incentive rules use.

A :class:`Policy` is a frozen, versioned value. An officer edits its JSON form; the platform stores
each version and every computed result records the ``policy_version`` it used, so old results stay
tied to the rules they were computed with. ``Policy.from_dict`` accepts a partial dict (missing
settings keep their defaults) and refuses unknown settings, naming the full path of the bad one.
"""

from __future__ import annotations

import dataclasses
import typing
from dataclasses import dataclass, field
from typing import Any

from chanjiao.core.credit.policy_governance import AgreementPolicy, GovernancePolicy
from chanjiao.core.credit.policy_internships import InternshipPolicy
from chanjiao.core.credit.policy_money import (
    EquityPolicy,
    InsurancePolicy,
    TaxDeductionPolicy,
    TrainingReimbursementPolicy,
)
from chanjiao.core.credit.policy_rules import CreditPolicy, IncentivePolicy, OneWindowPolicy
from chanjiao.core.credit.validation import require_int


@dataclass(frozen=True)
class Policy:
    """A region's policy configuration, version ``version``; defaults are the seeds' numbers.

    Examples
    --------
    >>> policy = Policy.from_dict({"version": 2, "insurance": {"sme_bonus": 0.05}})
    >>> policy.version, policy.insurance.sme_bonus, policy.insurance.tier_rate("strong")
    (2, 0.05, 0.6)
    >>> Policy.from_dict(policy.to_dict()) == policy
    True
    >>> Policy.from_dict({"equity": {"share_cap": 1.5}})
    Traceback (most recent call last):
    ...
    ValueError: policy.equity: share_cap must be a number from 0.0001 to 1, got 1.5
    """

    version: int = 1
    region: str = ""
    credit: CreditPolicy = field(default_factory=CreditPolicy)
    incentives: IncentivePolicy = field(default_factory=IncentivePolicy)
    one_window: OneWindowPolicy = field(default_factory=OneWindowPolicy)
    insurance: InsurancePolicy = field(default_factory=InsurancePolicy)
    equity: EquityPolicy = field(default_factory=EquityPolicy)
    tax_deduction: TaxDeductionPolicy = field(default_factory=TaxDeductionPolicy)
    training: TrainingReimbursementPolicy = field(default_factory=TrainingReimbursementPolicy)
    governance: GovernancePolicy = field(default_factory=GovernancePolicy)
    agreements: AgreementPolicy = field(default_factory=AgreementPolicy)
    internships: InternshipPolicy = field(default_factory=InternshipPolicy)

    def __post_init__(self) -> None:
        require_int(self.version, "version", minimum=1)
        if not isinstance(self.region, str):
            raise ValueError(f"region must be a text, got {self.region!r}")

    def to_dict(self) -> dict[str, Any]:
        """JSON-able dict (lists, dicts, numbers, text, ``None``) that ``from_dict`` reads back."""
        return _dump(self)

    @classmethod
    def from_dict(cls, data: object) -> Policy:
        """Build and validate a policy; ``ValueError`` names the path of the first bad setting."""
        return _load_dataclass(cls, data, "policy")


def _dump(value: Any, *, as_mapping: bool = False) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            item.name: _dump(getattr(value, item.name), as_mapping=bool(item.metadata.get("mapping")))
            for item in dataclasses.fields(value)
        }
    if as_mapping:
        return {key: _dump(item) for key, item in value}
    if isinstance(value, tuple):
        return [_dump(item) for item in value]
    return value


def _load_dataclass(cls: type, data: object, path: str) -> Any:
    if not isinstance(data, dict):
        raise ValueError(f"{path} must be an object of settings, got {data!r}")
    fields = {item.name: item for item in dataclasses.fields(cls)}
    unknown = sorted(set(data) - set(fields))
    if unknown:
        raise ValueError(f"{path}: unknown setting {unknown[0]!r}; known settings: {', '.join(fields)}")
    missing = [name for name, item in fields.items() if name not in data and _is_required(item)]
    if missing:
        raise ValueError(f"{path}: missing setting {missing[0]!r}")
    hints = typing.get_type_hints(cls)
    arguments = {}
    for name, value in data.items():
        hint = hints[name]
        if fields[name].metadata.get("mapping"):
            arguments[name] = _load_mapping(hint, value, f"{path}.{name}")
        else:
            arguments[name] = _load_value(hint, value, f"{path}.{name}")
    try:
        return cls(**arguments)
    except (TypeError, ValueError) as error:
        raise ValueError(f"{path}: {error}") from None


def _is_required(item: dataclasses.Field) -> bool:
    return item.default is dataclasses.MISSING and item.default_factory is dataclasses.MISSING


def _load_mapping(hint: Any, data: object, path: str) -> tuple[tuple[str, Any], ...]:
    if not isinstance(data, dict):
        raise ValueError(f"{path} must be an object mapping names to values, got {data!r}")
    pair_hint = typing.get_args(hint)[0]
    value_hint = typing.get_args(pair_hint)[1]
    return tuple((key, _load_value(value_hint, value, f"{path}.{key}")) for key, value in data.items())


def _load_value(hint: Any, value: object, path: str) -> Any:
    if dataclasses.is_dataclass(hint):
        return _load_dataclass(typing.cast(type, hint), value, path)
    if typing.get_origin(hint) is tuple:
        if not isinstance(value, list | tuple):
            raise ValueError(f"{path} must be a list, got {value!r}")
        item_hint = typing.get_args(hint)[0]
        return tuple(_load_value(item_hint, item, f"{path}[{index}]") for index, item in enumerate(value))
    # Scalars and optional scalars pass through; each section's own checks name the bad value.
    return value
