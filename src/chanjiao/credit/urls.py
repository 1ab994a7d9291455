from django.urls import path

from chanjiao.credit import views, views_money, views_one_window, views_records

app_name = "credit"
urlpatterns = [
    path("credit/", views.index, name="index"),
    path("credit/recompute/", views.recompute, name="recompute"),
    path("credit/enterprises/<int:pk>/", views.enterprise_file, name="file"),
    path("credit/enterprises/<int:pk>/reassess/", views.reassess, name="reassess"),
    path("credit/enterprises/<int:pk>/history/", views.assessment_history, name="history"),
    path("credit/enterprises/<int:pk>/equity/new/", views_money.stake_new, name="stake_new"),
    path("credit/assessments/<int:pk>/", views.assessment_detail, name="assessment"),
    path("credit/notices/<int:pk>/appeal/", views.notice_appeal, name="notice_appeal"),
    path("credit/notices/<int:pk>/decide/", views.notice_decide, name="notice_decide"),
    path("credit/policy/", views.policy_home, name="policy_home"),
    path("credit/policy/<int:region_id>/", views.policy_detail, name="policy"),
    path("credit/policy/<int:region_id>/v<int:version>/", views.policy_detail, name="policy_version"),
    path("credit/policy/<int:region_id>/edit/", views.policy_edit, name="policy_edit"),
    path("credit/contributions/", views_records.contribution_list, name="contributions"),
    path("credit/contributions/new/", views_records.contribution_new, name="contribution_new"),
    path("credit/contributions/<int:pk>/", views_records.contribution_detail, name="contribution"),
    path("credit/insurance/", views_records.cover_list, name="covers"),
    path("credit/insurance/new/", views_records.cover_new, name="cover_new"),
    path("credit/insurance/<int:pk>/", views_records.cover_detail, name="cover"),
    path("credit/insurance/<int:pk>/claims/new/", views_records.claim_new, name="claim_new"),
    path("credit/incidents/", views_records.incident_list, name="incidents"),
    path("credit/incidents/new/", views_records.incident_new, name="incident_new"),
    path("credit/applications/", views_one_window.application_list, name="applications"),
    path("credit/applications/new/", views_one_window.application_new, name="application_new"),
    path("credit/applications/<int:pk>/", views_one_window.application_detail, name="application"),
    path(
        "credit/applications/<int:pk>/review/", views_one_window.application_review, name="application_review"
    ),
    path("credit/calculators/", views_money.calculator_page, name="calculators"),
    path("credit/equity/", views_money.stake_list, name="stakes"),
    path("credit/equity/<int:pk>/", views_money.stake_detail, name="stake"),
    path("credit/equity/<int:pk>/years/new/", views_money.stake_year, name="stake_year"),
    path("credit/sharing/", views_money.sharing_list, name="sharings"),
    path("credit/sharing/new/", views_money.sharing_new, name="sharing_new"),
    path("credit/sharing/<int:pk>/", views_money.sharing_detail, name="sharing"),
    path("credit/sharing/<int:pk>/sign/", views_money.sharing_sign, name="sharing_sign"),
]
