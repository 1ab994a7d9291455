"""Occupation coding: free-text job titles to CSCO 2022 codes (pure Python, numpy, scipy, jieba)."""

from chanjiao.core.coding.coder import Alternative, Coding, OccupationCoder, load_coder
from chanjiao.core.coding.evaluation import LabelledTitle, level_accuracy_score, read_labelled_titles
from chanjiao.core.coding.hierarchy import CodeHierarchy

__all__ = [
    "Alternative",
    "CodeHierarchy",
    "Coding",
    "LabelledTitle",
    "OccupationCoder",
    "level_accuracy_score",
    "load_coder",
    "read_labelled_titles",
]
