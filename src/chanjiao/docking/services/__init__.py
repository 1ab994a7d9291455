"""Every docking write: verb-named, keyword-only, atomic, recording who did it."""

from chanjiao.docking.services.advice import decide_advice, respond_to_advice
from chanjiao.docking.services.coder import recode_postings, retrain_coder, start_retraining
from chanjiao.docking.services.needs import (
    add_product,
    create_need,
    match_need_with_experts,
    move_need,
    remove_product,
    update_need,
)
from chanjiao.docking.services.postings import (
    code_posting,
    create_posting,
    set_posting_status,
    update_posting,
)
from chanjiao.docking.services.resources import (
    cancel_booking,
    close_call,
    create_record,
    decide_booking,
    delete_course,
    request_booking,
    respond_to_call,
    update_record,
)

__all__ = [
    "add_product",
    "cancel_booking",
    "close_call",
    "code_posting",
    "create_need",
    "create_posting",
    "create_record",
    "decide_advice",
    "decide_booking",
    "delete_course",
    "match_need_with_experts",
    "move_need",
    "recode_postings",
    "retrain_coder",
    "start_retraining",
    "remove_product",
    "request_booking",
    "respond_to_advice",
    "respond_to_call",
    "set_posting_status",
    "update_need",
    "update_posting",
    "update_record",
]
