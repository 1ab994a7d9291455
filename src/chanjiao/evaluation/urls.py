from django.urls import path

from chanjiao.evaluation import views, views_cases, views_cycles, views_funding, views_returns, views_schemes

app_name = "evaluation"
urlpatterns = [
    path("evaluation/", views.dashboard, name="dashboard"),
    path("evaluation/results/<int:pk>/", views.result_detail, name="result"),
    path("evaluation/results/<int:pk>/scorecard.pdf", views.result_pdf, name="result_pdf"),
    path("evaluation/results/<int:pk>/scorecard.xlsx", views.result_xlsx, name="result_xlsx"),
    path("evaluation/results/<int:pk>/open-case/", views_cases.case_open, name="case_open"),
    path("evaluation/schemes/", views_schemes.scheme_list, name="schemes"),
    path("evaluation/schemes/new/", views_schemes.scheme_new, name="scheme_new"),
    path("evaluation/schemes/<int:pk>/", views_schemes.scheme_detail, name="scheme"),
    path("evaluation/schemes/<int:pk>/edit/", views_schemes.scheme_edit, name="scheme_edit"),
    path("evaluation/schemes/<int:pk>/framework/", views_schemes.scheme_framework, name="scheme_framework"),
    path("evaluation/schemes/<int:pk>/ahp/<slug:group>/", views_schemes.scheme_ahp, name="scheme_ahp"),
    path("evaluation/schemes/<int:pk>/regional/", views_schemes.scheme_regional, name="scheme_regional"),
    path(
        "evaluation/schemes/<int:pk>/thresholds/", views_schemes.scheme_thresholds, name="scheme_thresholds"
    ),
    path("evaluation/cycles/", views_cycles.cycle_list, name="cycles"),
    path("evaluation/cycles/new/", views_cycles.cycle_new, name="cycle_new"),
    path("evaluation/cycles/<int:pk>/", views_cycles.cycle_detail, name="cycle"),
    path("evaluation/cycles/<int:pk>/evaluate/", views_cycles.cycle_evaluate, name="cycle_evaluate"),
    path("evaluation/cycles/<int:pk>/assign/", views_cycles.assignment_add, name="assignment_add"),
    path("evaluation/assignments/<int:pk>/score/", views_cycles.assignment_score, name="assignment_score"),
    path("evaluation/evaluations/<int:pk>/", views_cycles.evaluation_detail, name="evaluation"),
    path(
        "evaluation/evaluations/<int:pk>/config.json",
        views_cycles.evaluation_config,
        name="evaluation_config",
    ),
    path(
        "evaluation/evaluations/<int:pk>/open-cases/", views_cycles.evaluation_open_cases, name="open_cases"
    ),
    path("evaluation/evaluations/<int:pk>/reproduce/", views_cycles.evaluation_reproduce, name="reproduce"),
    path("evaluation/cases/", views_cases.case_list, name="cases"),
    path("evaluation/cases/<int:pk>/", views_cases.case_detail, name="case"),
    path("evaluation/cases/<int:pk>/<slug:action>/", views_cases.case_action, name="case_action"),
    path("evaluation/evidence/<int:pk>/", views_cases.evidence_file, name="evidence"),
    path("evaluation/funding/", views_funding.funding_list, name="funding"),
    path("evaluation/funding/new/", views_funding.funding_new, name="funding_new"),
    path("evaluation/funding/<int:pk>/", views_funding.allocation_detail, name="allocation"),
    path("evaluation/returns/", views_returns.return_list, name="returns"),
    path("evaluation/returns/units/", views_returns.my_units, name="my_units"),
    path("evaluation/returns/new/", views_returns.return_new, name="return_new"),
    path("evaluation/returns/<int:pk>/", views_returns.return_detail, name="return"),
    path("evaluation/returns/<int:pk>/edit/", views_returns.return_edit, name="return_edit"),
]
