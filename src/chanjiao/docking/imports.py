"""Importing postings from Excel or CSV: every row through the posting form, every bad row
listed with its line and column, all rows saved or none. Titles are coded in one batch."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from chanjiao.accounts import access
from chanjiao.accounts.models import User
from chanjiao.docking import policy
from chanjiao.docking.coding import suggest_codes
from chanjiao.docking.forms import PostingForm
from chanjiao.docking.models import Posting
from chanjiao.docking.services.postings import code_posting, create_posting
from chanjiao.registry.imports import ImportPreview, RowError
from chanjiao.registry.models import Occupation
from chanjiao.web.excel import Row, read_table

COLUMNS = {
    "enterprise": ["企业", "单位", "企业名称"],
    "kind": ["类型", "需求类型"],
    "title": ["岗位名称", "职位名称", "岗位", "职位"],
    "description": ["岗位描述", "职位描述", "描述"],
    "skills": ["技能要求", "技能"],
    "certificates": ["证书要求", "证书"],
    "seats": ["招聘人数", "人数", "名额"],
    "region": ["工作地点", "地区", "区划代码"],
    "salary_min": ["薪资下限", "最低月薪"],
    "salary_max": ["薪资上限", "最高月薪"],
    "start_date": ["到岗日期", "开始日期"],
    "status": ["状态"],
    "occupation": ["职业代码"],
}
KINDS = {
    "招聘": "job",
    "全职": "job",
    "实习": "internship",
    "学徒": "apprenticeship",
    "订单班": "order_class",
}
STATUSES = {
    "": "draft",
    "draft": "draft",
    "草稿": "draft",
    "published": "published",
    "发布": "published",
    "已发布": "published",
}


def _normalise(values: dict[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for heading, value in values.items():
        key = heading.strip().lower().replace(" ", "_")
        for name, aliases in COLUMNS.items():
            if key == name or heading.strip() in aliases:
                out[name] = value
    return out


def _rows(rows: list[Row], user: User, preview: ImportPreview) -> None:
    enterprises = access.options(user, Posting, "enterprise")
    by_name = {e.name: e for e in enterprises}
    by_id = {str(e.pk): e for e in by_name.values()}
    only = next(iter(by_name.values())) if len(by_name) == 1 else None
    consortia = policy.consortia_user_lists_in(user)
    known_codes = set(Occupation.objects.values_list("code", flat=True))
    for row in rows:
        data = _normalise(row.values)
        named = data.get("enterprise", "").strip()
        enterprise = by_id.get(named) or by_name.get(named) or (only if not named else None)
        if enterprise is None:
            preview.errors.append(
                RowError(row.line, "enterprise", f"Unknown enterprise {named!r}, or not yours to post for.")
            )
            continue
        data["enterprise"] = str(enterprise.pk)
        data["kind"] = KINDS.get(data.get("kind", "").strip(), data.get("kind", "").strip() or "job")
        status = STATUSES.get(data.pop("status", "").strip().lower())
        if status is None:
            preview.errors.append(
                RowError(row.line, "status", "Status must be draft or published (草稿 / 发布).")
            )
            continue
        code = data.pop("occupation", "").strip()
        if code and code not in known_codes:
            preview.errors.append(
                RowError(row.line, "occupation", f"Unknown CSCO code {code!r}; codes look like 6-18-01-01.")
            )
            continue
        form = PostingForm(data=data, enterprises=enterprises, consortia=consortia)
        if form.is_valid():
            preview.valid.append(
                (row.line, form.cleaned_data, {"publish": status == "published", "code": code})
            )
            continue
        for column, messages in form.errors.items():
            for message in messages:
                preview.errors.append(RowError(row.line, "" if column == "__all__" else column, str(message)))


def preview_postings(*, data: bytes, filename: str, user: User) -> ImportPreview:
    preview = ImportPreview(kind="postings")
    _, rows = read_table(data, filename)
    preview.rows = len(rows)
    if not rows:
        preview.errors.append(RowError(1, "", "The file has a header but no rows."))
        return preview
    _rows(rows, user, preview)
    preview.errors.sort(key=lambda e: e.line)
    return preview


@transaction.atomic
def commit_postings(*, data: bytes, filename: str, user: User) -> ImportPreview:
    """Validate the whole file again, code every title in one batch, save every row or none."""
    preview = preview_postings(data=data, filename=filename, user=user)
    if not preview.ok:
        return preview
    cleaned: list[tuple[int, dict[str, Any], dict[str, Any]]] = preview.valid
    suggestions = suggest_codes(
        [c["title"] for _, c, _ in cleaned], [c["description"] for _, c, _ in cleaned]
    )
    codes = {
        o.code: o for o in Occupation.objects.filter(code__in={e["code"] for _, _, e in cleaned if e["code"]})
    }
    for (line, fields, extra), suggestion in zip(cleaned, suggestions, strict=True):
        try:
            posting = create_posting(actor=user, data=fields, publish=extra["publish"], suggestion=suggestion)
        except ValueError as error:  # a rule that reads other postings (the internship pay floor)
            preview.errors.append(RowError(line, "salary_min", str(error)))
            transaction.set_rollback(True)
            return preview
        if extra["code"]:
            code_posting(actor=user, posting=posting, occupation=codes[extra["code"]])
    return preview
