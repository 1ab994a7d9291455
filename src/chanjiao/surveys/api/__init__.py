"""Surveys endpoints under /api/surveys/. Every object passes the same access helpers as the web
pages, every write the same forms and services; the respondent's two endpoints need no account."""

from ninja import Router

from chanjiao.surveys.api.analysis import router as analysis_router
from chanjiao.surveys.api.collection import router as collection_router
from chanjiao.surveys.api.design import router as design_router

router = Router(tags=["surveys"])
router.add_router("", design_router)
router.add_router("", collection_router)
router.add_router("", analysis_router)
