from django.urls import path

from chanjiao.ledger import views

app_name = "ledger"
urlpatterns = [
    path("ledger/", views.log_page, name="log"),
    path("ledger/leaves/", views.leaf_list, name="leaves"),
    path("ledger/records/<str:record_type>/<str:record_id>/", views.record_page, name="record"),
    path("ledger/verify/", views.verify_page, name="verify"),
    path("ledger/public-key/", views.public_key_page, name="public_key"),
    path("ledger/public-key.pem", views.public_key_pem, name="public_key_pem"),
    path("ledger/heads/sign/", views.sign_head, name="sign"),
    path("ledger/verify-log/", views.verify_log, name="verify_log"),
]
