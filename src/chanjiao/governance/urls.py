from django.urls import path

from chanjiao.governance import views, views_councils

app_name = "governance"
urlpatterns = [
    path("governance/agreements/", views.agreement_list, name="agreements"),
    path("governance/agreements/new/", views.agreement_new, name="agreement_new"),
    path("governance/agreements/<int:pk>/", views.agreement_detail, name="agreement"),
    path("governance/agreements/<int:pk>/sign/", views.agreement_sign, name="agreement_sign"),
    path("governance/agreements/<int:pk>/amend/", views.agreement_amend, name="agreement_amend"),
    path("governance/agreements/<int:pk>/exit/", views.agreement_exit, name="agreement_exit"),
    path("governance/councils/", views_councils.council_list, name="councils"),
    path("governance/councils/new/", views_councils.council_new, name="council_new"),
    path("governance/councils/<int:pk>/", views_councils.council_detail, name="council"),
    path("governance/councils/<int:pk>/meetings/new/", views_councils.meeting_new, name="meeting_new"),
    path("governance/meetings/<int:pk>/", views_councils.meeting_detail, name="meeting"),
    path("governance/meetings/<int:pk>/minutes/", views_councils.meeting_minutes, name="meeting_minutes"),
    path("governance/meetings/<int:pk>/motions/new/", views_councils.motion_new, name="motion_new"),
    path("governance/motions/<int:pk>/", views_councils.motion_detail, name="motion"),
    path("governance/motions/<int:pk>/vote/", views_councils.motion_vote, name="motion_vote"),
    path("governance/motions/<int:pk>/close/", views_councils.motion_close, name="motion_close"),
]
