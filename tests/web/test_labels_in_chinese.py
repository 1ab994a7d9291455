"""Every list filter is labelled in Chinese on a Chinese page: a filter on a model field without a
translated verbose name would show the field's name ("Unit kind") instead."""

import importlib
import pkgutil

import django_filters
import pytest
from django.utils import translation
from django_filters.utils import label_for_filter

import chanjiao
from web.visible_text import problems_in_text


def filtersets() -> list[type[django_filters.FilterSet]]:
    for module in pkgutil.walk_packages(chanjiao.__path__, "chanjiao."):
        if module.name.endswith(".filters"):
            importlib.import_module(module.name)
    found, pending = [], list(django_filters.FilterSet.__subclasses__())
    while pending:
        filterset = pending.pop()
        pending += filterset.__subclasses__()
        if filterset.__module__.startswith("chanjiao.") and filterset._meta.model is not None:
            found.append(filterset)
    return sorted(found, key=lambda f: f"{f.__module__}.{f.__name__}")


def test_the_project_has_filtersets_to_check():
    assert len(filtersets()) > 20


@pytest.mark.parametrize("filterset", filtersets(), ids=lambda f: f"{f.__module__}.{f.__name__}")
def test_each_filter_of_a_list_is_labelled_in_chinese(filterset):
    with translation.override("zh-hans"):
        labels = {
            name: str(
                f.label
                if f.label is not None
                else label_for_filter(filterset._meta.model, f.field_name, f.lookup_expr, f.exclude)
            )
            for name, f in filterset.base_filters.items()
        }
        problems = {
            name: problems_in_text(label) for name, label in labels.items() if problems_in_text(label)
        }

    assert problems == {}
