from django.urls import path

from chanjiao.surveys.views import analysis, design, distribution, public

app_name = "surveys"
urlpatterns = [
    path("surveys/", design.questionnaire_list, name="questionnaires"),
    path("surveys/new/", design.questionnaire_new, name="questionnaire_new"),
    path("surveys/templates/", design.template_list, name="templates"),
    path("surveys/<int:pk>/", design.questionnaire_detail, name="questionnaire"),
    path("surveys/<int:pk>/edit/", design.questionnaire_edit, name="questionnaire_edit"),
    path("surveys/<int:pk>/close/", design.questionnaire_close, name="questionnaire_close"),
    path("surveys/<int:pk>/constructs/new/", design.construct_new, name="construct_new"),
    path("surveys/constructs/<int:pk>/edit/", design.construct_edit, name="construct_edit"),
    path("surveys/items/<int:pk>/edit/", design.item_edit, name="item_edit"),
    path("surveys/<int:pk>/items/new/", design.item_new, name="item_new"),
    path(
        "surveys/constructs/<int:pk>/delete/",
        design.part_delete,
        {"kind": "construct"},
        name="construct_delete",
    ),
    path("surveys/items/<int:pk>/delete/", design.part_delete, {"kind": "item"}, name="item_delete"),
    path("surveys/<int:pk>/model/", design.model_edit, name="model"),
    path("surveys/<int:pk>/preview/", design.preview, name="preview"),
    path("surveys/<int:pk>/invitations/", distribution.invitation_list, name="invitations"),
    path("surveys/<int:pk>/invitations/new/", distribution.invite_page, name="invite"),
    path("surveys/<int:pk>/invitations/audience/", distribution.invite_audience_page, name="invite_audience"),
    path("surveys/<int:pk>/reminders/", distribution.reminders_page, name="reminders"),
    path("surveys/invitations/<int:pk>/", distribution.invitation_detail, name="invitation"),
    path("surveys/invitations/<int:pk>/reissue/", distribution.reissue_link, name="reissue"),
    path("surveys/<int:pk>/responses/", distribution.response_list, name="responses"),
    path("surveys/<int:pk>/responses/export/", distribution.raw_export, name="export"),
    path("surveys/<int:pk>/import/", distribution.import_page, name="import"),
    path("surveys/responses/<int:pk>/", distribution.response_detail, name="response"),
    path("surveys/<int:pk>/analyses/new/", analysis.analysis_new, name="analysis_new"),
    path("surveys/analyses/<int:pk>/", analysis.analysis_detail, name="analysis"),
    path("surveys/analyses/<int:pk>/report.<str:fmt>", analysis.analysis_download, name="analysis_download"),
    path("surveys/respond/<str:token>/", public.respond, name="respond"),
]
