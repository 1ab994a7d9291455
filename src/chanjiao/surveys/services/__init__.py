"""Every write of the surveys app: keyword-only, atomic, recording who did it."""

from chanjiao.surveys.services.analysis import run_analysis, start_analysis
from chanjiao.surveys.services.design import (
    TEMPLATES,
    DesignLocked,
    add_construct,
    add_item,
    close_questionnaire,
    create_from_template,
    create_questionnaire,
    delete_construct,
    delete_item,
    set_model,
    update_construct,
    update_item,
    update_questionnaire,
)
from chanjiao.surveys.services.distribution import (
    AlreadyAnswered,
    IssuedLink,
    Reminders,
    invite,
    invite_audience,
    record_reminders,
    reissue_link,
)
from chanjiao.surveys.services.responses import (
    LinkUnavailable,
    check_link,
    form_items,
    open_link,
    submit_response,
)
from chanjiao.surveys.services.screening import screen_questionnaire

__all__ = [
    "TEMPLATES",
    "AlreadyAnswered",
    "DesignLocked",
    "IssuedLink",
    "LinkUnavailable",
    "add_construct",
    "add_item",
    "check_link",
    "close_questionnaire",
    "create_from_template",
    "create_questionnaire",
    "delete_construct",
    "delete_item",
    "form_items",
    "invite",
    "invite_audience",
    "open_link",
    "record_reminders",
    "reissue_link",
    "Reminders",
    "run_analysis",
    "screen_questionnaire",
    "set_model",
    "start_analysis",
    "submit_response",
    "update_construct",
    "update_item",
    "update_questionnaire",
]
