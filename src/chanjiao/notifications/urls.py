from django.urls import path

from chanjiao.notifications import views

app_name = "notifications"
urlpatterns = [
    path("notifications/", views.notice_list, name="list"),
    path("notifications/badge/", views.badge, name="badge"),
    path("notifications/read-all/", views.read_all, name="read_all"),
    path("notifications/preferences/", views.preferences, name="preferences"),
    path("notifications/calendar.ics", views.calendar_export, name="calendar"),
    path("notifications/<int:pk>/read/", views.notice_read, name="read"),
]
