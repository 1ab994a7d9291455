"""Docking endpoints (mounted under /api/): the same access helpers, forms and services as the
web pages."""

from ninja import Router

from chanjiao.docking.api_postings import router as postings_router
from chanjiao.docking.api_resources import router as resources_router
from chanjiao.docking.api_supply_demand import router as supply_demand_router

router = Router(tags=["docking"])
router.add_router("", postings_router)
router.add_router("", resources_router)
router.add_router("", supply_demand_router)
