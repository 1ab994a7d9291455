"""Tracking endpoints (mounted under /api/): curriculum, training, learning records, graduates
and outcomes. Every object passes the same access helpers as the pages, every write the same
form validation and service."""

from ninja import Router

from chanjiao.tracking.api_careers import router as careers_router
from chanjiao.tracking.api_compliance import router as compliance_router
from chanjiao.tracking.api_curriculum import router as curriculum_router
from chanjiao.tracking.api_teachers import router as teachers_router
from chanjiao.tracking.api_training import router as training_router
from chanjiao.tracking.api_xapi import router as xapi_router

router = Router(tags=["tracking"])
router.add_router("", curriculum_router)
router.add_router("", training_router)
router.add_router("", teachers_router)
router.add_router("", careers_router)
router.add_router("", xapi_router)
router.add_router("", compliance_router)
