from django.contrib.auth import views as auth_views
from django.urls import path

from chanjiao.accounts import views, views_registration, views_staff

app_name = "accounts"
urlpatterns = [
    path("login/", views.ThrottledLoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("profile/", views.profile, name="profile"),
    path("tokens/<int:pk>/revoke/", views.revoke_token, name="revoke_token"),
    path("password/", views.PasswordChange.as_view(), name="password_change"),
    path("password-reset/", views.PasswordResetRequest.as_view(), name="password_reset"),
    path("password-reset/sent/", views.PasswordResetSent.as_view(), name="password_reset_done"),
    path("reset/<uidb64>/<token>/", views.PasswordResetConfirm.as_view(), name="password_reset_confirm"),
    path("reset/done/", views.PasswordResetComplete.as_view(), name="password_reset_complete"),
    path("people/", views_staff.people, name="people"),
    path("users/<int:pk>/", views_staff.person, name="person"),
    path("users/<int:pk>/deactivate/", views_staff.set_active, {"active": False}, name="deactivate"),
    path("users/<int:pk>/reactivate/", views_staff.set_active, {"active": True}, name="reactivate"),
    path("signup/", views_registration.sign_up, name="signup"),
    path("registrations/", views_registration.registrations, name="registrations"),
    path("registrations/<int:pk>/approve/", views_registration.decide, {"approve": True}, name="approve"),
    path("registrations/<int:pk>/reject/", views_registration.decide, {"approve": False}, name="reject"),
    path("organisations/<int:pk>/offboard/", views_registration.offboard, name="offboard"),
    path("organisations/<int:pk>/reopen/", views_registration.reopen, name="reopen"),
]
