from django.urls import path

from chanjiao.matching import views

app_name = "matching"
urlpatterns = [
    path("placements/", views.placement_list, name="placements"),
    path("placements/new/", views.placement_new, name="placement_new"),
    path("placements/<int:pk>/", views.placement_detail, name="placement"),
    path("placements/<int:pk>/edit/", views.placement_edit, name="placement_edit"),
]
