"""Title structure and the coding rules CSCO 2022 states: who does the work decides the major group.

A job-board title is an object or domain followed by a head word: ``汽车水泵`` + ``工程师``,
``数字营销`` + ``经理``, ``古筝`` + ``老师``, ``电`` + ``焊工``. The classification sorts occupations
first by the kind of work, and only then by its object: heads of organisations (1), professionals
who apply systematic professional knowledge (2: engineers, doctors, teachers, economists, lawyers,
editors, designers), clerks (3), service workers (4) and production operators (5, 6). The head word
says which kind of work a title is, the stem says what it is about, so ``X工程师`` is an engineering
professional whose object is X, not the worker who handles X.

:func:`parse_head` finds the head of a cleaned title; :class:`HeadRules` turns it into a weight per
code: codes of a kind the head allows keep their probability, the others are multiplied by a
penalty. A code is exempt when one of its own training texts has a head of the same kind and shares
a character pair with the title's stem (``客服经理`` is a real job title of 客户服务管理员, so
``售后客服经理`` may stay there; ``数字营销经理`` shares nothing with it and may not).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np


class HeadKind(enum.Enum):
    """What a title's head word says about the kind of work."""

    EXECUTIVE = "executive"  # 总经理, 董事长, 厂长: heads of an enterprise (major group 1)
    MANAGER = "manager"  # 经理, 总监, 主管: manager of a function
    ENGINEER = "engineer"  # 工程师, 研发, 开发, 算法, 研究员
    DESIGNER = "designer"  # 设计师, 设计
    ANALYST = "analyst"  # 分析师, 精算师
    PLANNER = "planner"  # 策划, 运营, 编辑, 文案
    SPECIALIST = "specialist"  # 专员, 助理, 代表, 文员
    CONSULTANT = "consultant"  # 顾问, 咨询师
    TEACHER = "teacher"  # 老师, 教师, 讲师, 助教
    DOCTOR = "doctor"  # 医生, 医师
    NURSE = "nurse"  # 护士
    WORKER = "worker"  # 工, 普工, 操作工, 操作员
    DRIVER = "driver"  # 司机, 驾驶员
    SERVICE = "service"  # 服务员, 营业员, 收银员, 客服, 保安


# Head words, matched as the longest suffix of the title's main segment. Words that only say how
# senior or how temporary a job is (高级, 实习生, 学徒) are removed by the cleaner before this.
HEAD_WORDS: dict[str, HeadKind] = {
    **dict.fromkeys(
        ["总经理", "副总经理", "总裁", "副总裁", "董事长", "副董事长", "执行董事", "董事", "ceo", "coo",
         "cto", "厂长", "副厂长", "副总", "总经理人"],
        HeadKind.EXECUTIVE,
    ),
    **dict.fromkeys(
        ["经理", "总监", "主管", "负责人", "主任", "部长", "组长", "班长", "领班", "队长", "店长",
         "督导", "经理人", "总工", "站长", "科长", "处长", "所长"],
        HeadKind.MANAGER,
    ),
    **dict.fromkeys(
        ["工程师", "工程技术人员", "开发", "研发", "架构师", "算法", "科学家", "研究员", "研究人员",
         "技术专家", "程序员", "开发者", "研究", "工程师助理"],
        HeadKind.ENGINEER,
    ),
    **dict.fromkeys(["设计师", "设计", "设计员", "设计人员"], HeadKind.DESIGNER),
    **dict.fromkeys(["分析师", "分析员", "分析", "精算师", "评估师"], HeadKind.ANALYST),
    **dict.fromkeys(
        ["策划", "策划师", "编辑", "文案", "编导", "运营", "运营师", "优化师"], HeadKind.PLANNER
    ),
    **dict.fromkeys(
        ["专员", "助理", "代表", "文员", "干事", "秘书", "内勤", "专业人员"], HeadKind.SPECIALIST
    ),
    **dict.fromkeys(["顾问", "咨询师"], HeadKind.CONSULTANT),
    **dict.fromkeys(["老师", "教师", "讲师", "助教", "教员", "外教", "教授"], HeadKind.TEACHER),
    **dict.fromkeys(["医生", "医师", "大夫", "牙医"], HeadKind.DOCTOR),
    **dict.fromkeys(["护士", "护师"], HeadKind.NURSE),
    **dict.fromkeys(["工", "普工", "技工", "操作工", "操作员", "工人", "作业员", "操作手"], HeadKind.WORKER),
    **dict.fromkeys(["司机", "驾驶员"], HeadKind.DRIVER),
    **dict.fromkeys(
        ["服务员", "营业员", "收银员", "收银", "导购", "导购员", "店员", "客服", "保安", "保洁",
         "骑手", "配送员", "快递员", "服务人员"],
        HeadKind.SERVICE,
    ),
}  # fmt: skip

# The parts of the classification each head allows, as code prefixes (major, or major-medium).
COMPATIBLE: dict[HeadKind, tuple[str, ...]] = {
    HeadKind.EXECUTIVE: ("1",),
    HeadKind.MANAGER: ("1", "2", "3"),
    HeadKind.ENGINEER: ("2",),
    HeadKind.DESIGNER: ("2", "4-08"),
    HeadKind.ANALYST: ("2",),
    HeadKind.PLANNER: ("2", "4"),
    HeadKind.SPECIALIST: ("2", "3", "4"),
    HeadKind.CONSULTANT: ("2", "4"),
    HeadKind.TEACHER: ("2-08",),
    HeadKind.DOCTOR: ("2-05", "2-03"),
    HeadKind.NURSE: ("2-05",),
    HeadKind.WORKER: ("4", "5", "6"),
    HeadKind.DRIVER: ("4", "5", "6"),
    HeadKind.SERVICE: ("3", "4"),
}

_LONGEST_HEAD = max(map(len, HEAD_WORDS))


@dataclass(frozen=True)
class Head:
    """A title's head word, its kind, and the stem in front of it (``""`` when there is none)."""

    word: str
    kind: HeadKind
    stem: str


def parse_head(text: str) -> Head | None:
    """The head of a cleaned title segment: its longest suffix that is a head word.

    A one-character head (``工``) needs a stem in front of it; a title that is only a stem
    (``Java``, ``会计``) has no head.

    Examples
    --------
    >>> parse_head("汽车水泵工程师")
    Head(word='工程师', kind=<HeadKind.ENGINEER: 'engineer'>, stem='汽车水泵')
    >>> parse_head("区域总经理").kind, parse_head("电焊工").stem, parse_head("会计")
    (<HeadKind.EXECUTIVE: 'executive'>, '电焊', None)
    """
    text = text.replace(" ", "")
    for size in range(min(_LONGEST_HEAD, len(text)), 0, -1):
        word = text[-size:]
        kind = HEAD_WORDS.get(word)
        if kind is not None and (size > 1 or len(text) > 1):
            return Head(word, kind, text[:-size])
    return None


def stem_pairs(stem: str) -> set[str]:
    """Character pairs of a stem (single characters for a one-character stem).

    Examples
    --------
    >>> sorted(stem_pairs("客服")), sorted(stem_pairs("电"))
    (['客服'], ['电'])
    """
    if len(stem) == 1:
        return {stem}
    return {stem[i : i + 2] for i in range(len(stem) - 1)}


def main_text(segment_texts: Sequence[str]) -> str:
    """The segment that carries a title's head: the first one with a head word, else the first."""
    for text in segment_texts:
        if parse_head(text) is not None:
            return text
    return segment_texts[0] if segment_texts else ""


def main_head(segment_texts: Sequence[str]) -> Head | None:
    """The head of the first segment that has one (the head of :func:`main_text`)."""
    for text in segment_texts:
        head = parse_head(text)
        if head is not None:
            return head
    return None


class HeadRules:
    """Weights per code from a title's head: 1 where CSCO puts that kind of work, else ``penalty``.

    Parameters
    ----------
    codes : sequence of str
        The coder's classes, in order.
    texts : iterable of (code, segment texts)
        Training texts, cleaned into segments; those with a head word make their code an exception
        for titles with a head of the same kind and a stem sharing a character pair.
    penalty : float
        Multiplier of a code the head does not allow.

    Examples
    --------
    >>> rules = HeadRules(["2-02-07-11", "6-28-03-04"], [("6-28-03-04", ["司泵工"])], penalty=0.25)
    >>> rules.weights([["汽车水泵工程师"], ["水泵工"], ["泵站"]]).tolist()
    [[1.0, 0.25], [0.25, 1.0], [1.0, 1.0]]
    """

    def __init__(self, codes: Sequence[str], texts: Iterable[tuple[str, Sequence[str]]], penalty: float):
        self.penalty = penalty
        self._size = len(codes)
        # One row of weights per head kind, and a last row of ones for titles without a head.
        self._kinds = {kind: row for row, kind in enumerate(COMPATIBLE)}
        self._rows = np.ones((len(COMPATIBLE) + 1, len(codes)), dtype=np.float32)
        for kind, prefixes in COMPATIBLE.items():
            allowed = np.array([code.startswith(prefixes) for code in codes])
            self._rows[self._kinds[kind], ~allowed] = penalty
        self._index = {code: position for position, code in enumerate(codes)}
        self._exceptions: dict[tuple[HeadKind, str], set[int]] = {}
        for code, segments in texts:
            self.add(code, segments)

    def add(self, code: str, segments: Sequence[str]) -> None:
        """Let a text of ``code`` (its cleaned segments) make the code an exception for its head."""
        head = main_head(segments)
        if head is not None and head.stem and code in self._index:
            for pair in stem_pairs(head.stem):
                self._exceptions.setdefault((head.kind, pair), set()).add(self._index[code])

    def weights(self, titles: Sequence[Sequence[str]]) -> np.ndarray:
        """One row of code weights per title, given as its cleaned segments (the main one decides)."""
        kinds = np.full(len(titles), len(COMPATIBLE))
        exempt_rows: list[int] = []
        exempt_codes: list[int] = []
        for row, segments in enumerate(titles):
            head = main_head(segments)
            if head is None:
                continue
            kinds[row] = self._kinds[head.kind]
            for pair in stem_pairs(head.stem) if head.stem else ():
                codes = self._exceptions.get((head.kind, pair), ())
                exempt_codes.extend(codes)
                exempt_rows.extend([row] * len(codes))
        weights = self._rows[kinds]
        weights[exempt_rows, exempt_codes] = 1.0
        return weights
