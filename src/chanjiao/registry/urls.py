from django.urls import path

from chanjiao.registry import views, views_carriers, views_people

app_name = "registry"
urlpatterns = [
    path("regions/", views.region_list, name="regions"),
    path("regions/<int:pk>/", views.region_detail, name="region"),
    path("occupations/", views.occupation_list, name="occupations"),
    path("occupations/<str:code>/", views.occupation_detail, name="occupation"),
    path("organisations/", views.organisation_list, name="organisations"),
    path("organisations/new/", views.organisation_new, name="organisation_new"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation"),
    path("organisations/<int:pk>/edit/", views.organisation_edit, name="organisation_edit"),
    path("programs/", views.program_list, name="programs"),
    path("programs/new/", views.program_new, name="program_new"),
    path("programs/<int:pk>/", views.program_detail, name="program"),
    path("programs/<int:pk>/edit/", views.program_edit, name="program_edit"),
    path("programs/<int:pk>/crosswalk/", views.program_crosswalk, name="program_crosswalk"),
    path("programs/<int:pk>/years/", views.program_year, name="program_year"),
    path("carriers/", views_carriers.carrier_list, name="carriers"),
    path("carriers/new/", views_carriers.carrier_new, name="carrier_new"),
    path("carriers/<int:pk>/", views_carriers.carrier_detail, name="carrier"),
    path("carriers/<int:pk>/edit/", views_carriers.carrier_edit, name="carrier_edit"),
    path("carriers/<int:pk>/members/", views_carriers.carrier_member_add, name="carrier_member_add"),
    path(
        "carriers/<int:pk>/members/<int:member_pk>/remove/",
        views_carriers.carrier_member_remove,
        name="carrier_member_remove",
    ),
    path("people/students/", views_people.student_list, name="students"),
    path("people/students/new/", views_people.student_new, name="student_new"),
    path("people/students/<int:pk>/", views_people.student_detail, name="student"),
    path("people/students/<int:pk>/edit/", views_people.student_edit, name="student_edit"),
    path("people/teachers/", views_people.teacher_list, name="teachers"),
    path("people/teachers/new/", views_people.teacher_new, name="teacher_new"),
    path("people/teachers/<int:pk>/", views_people.teacher_detail, name="teacher"),
    path("people/teachers/<int:pk>/edit/", views_people.teacher_edit, name="teacher_edit"),
]
