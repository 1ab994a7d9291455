from django.urls import path

from chanjiao.tracking import (
    views_careers,
    views_compliance,
    views_curriculum,
    views_outcomes,
    views_teachers,
    views_training,
    views_xapi,
)

app_name = "tracking"
urlpatterns = [
    path("programs/<int:pk>/curriculum/", views_curriculum.program_curriculum, name="program_curriculum"),
    path("curriculum/courses/<int:pk>/", views_curriculum.course_detail, name="course"),
    path("curriculum/requests/", views_curriculum.change_request_list, name="change_requests"),
    path("curriculum/requests/new/", views_curriculum.change_request_new, name="change_request_new"),
    path("curriculum/requests/<int:pk>/", views_curriculum.change_request_detail, name="change_request"),
    path("standards/", views_curriculum.standard_list, name="standards"),
    path("standards/new/", views_curriculum.standard_new, name="standard_new"),
    path("standards/<int:pk>/", views_curriculum.standard_detail, name="standard"),
    path("standards/<int:pk>/edit/", views_curriculum.standard_edit, name="standard_edit"),
    path("teachers/<int:pk>/evidence/", views_teachers.teacher_evidence, name="teacher_evidence"),
    path("training/", views_training.training_list, name="trainings"),
    path("training/<int:pk>/", views_training.training_detail, name="training"),
    path("internships/compliance/", views_compliance.compliance_index, name="compliance"),
    path("internships/compliance/<int:pk>/", views_compliance.compliance_panel, name="compliance_panel"),
    path("certifications/", views_training.exam_list, name="exams"),
    path("certifications/new/", views_training.exam_new, name="exam_new"),
    path("learning-records/", views_xapi.statement_list, name="xapi_statements"),
    path("learning-records/platforms/", views_xapi.source_list, name="xapi_sources"),
    path("learning-records/platforms/new/", views_xapi.source_new, name="xapi_source_new"),
    path("learning-records/platforms/<int:pk>/", views_xapi.source_detail, name="xapi_source"),
    path("graduates/", views_careers.graduate_list, name="graduates"),
    path("graduates/register/", views_careers.graduates_register, name="graduates_register"),
    path("graduates/import/", views_careers.graduates_import, name="graduates_import"),
    path("graduates/<int:pk>/", views_careers.graduate_detail, name="graduate"),
    path("graduates/follow-ups/", views_careers.wave_list, name="waves"),
    path("graduates/follow-ups/<int:pk>/", views_careers.wave_detail, name="wave"),
    path("graduates/follow-ups/<int:pk>/links/", views_careers.wave_links, name="wave_links"),
    path("follow-up/<str:token>/", views_careers.follow_up, name="follow_up"),
    path("outcomes/", views_outcomes.outcomes_page, name="outcomes"),
]
