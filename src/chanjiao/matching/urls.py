from django.urls import path

from chanjiao.matching import views, views_offers, views_partners, views_ranking, views_rounds

app_name = "matching"
urlpatterns = [
    path("placements/", views.placement_list, name="placements"),
    path("placements/new/", views.placement_new, name="placement_new"),
    path("placements/<int:pk>/", views.placement_detail, name="placement"),
    path("placements/<int:pk>/edit/", views.placement_edit, name="placement_edit"),
    path("matching/rounds/", views_rounds.round_list, name="rounds"),
    path("matching/rounds/new/", views_rounds.round_new, name="round_new"),
    path("matching/rounds/<int:pk>/", views_rounds.round_detail, name="round"),
    path("matching/rounds/<int:pk>/edit/", views_rounds.round_edit, name="round_edit"),
    path("matching/rounds/<int:pk>/progress/", views_rounds.round_progress, name="round_progress"),
    path("matching/rounds/<int:pk>/run/", views_rounds.round_run, name="round_run"),
    path("matching/rounds/<int:pk>/publish/", views_rounds.round_publish, name="round_publish"),
    path("matching/rounds/<int:pk>/scramble/", views_rounds.round_scramble, name="round_scramble"),
    path("matching/rounds/<int:pk>/close/", views_rounds.round_close, name="round_close"),
    path("matching/rounds/<int:pk>/report/", views_rounds.round_report, name="round_report"),
    path("matching/rounds/<int:pk>/students/", views_rounds.round_students, name="round_students"),
    path("matching/rounds/<int:pk>/positions/", views_rounds.round_positions, name="round_positions"),
    path(
        "matching/rounds/<int:pk>/positions/<int:position_pk>/edit/",
        views_rounds.position_edit,
        name="position_edit",
    ),
    path(
        "matching/rounds/<int:pk>/positions/<int:position_pk>/candidates/",
        views_ranking.candidates,
        name="candidates",
    ),
    path(
        "matching/rounds/<int:pk>/candidates/<int:participant_pk>/",
        views_ranking.candidate,
        name="candidate",
    ),
    path("matching/rounds/<int:pk>/my-list/", views_ranking.my_list, name="my_list"),
    path("matching/rounds/<int:pk>/my-result/", views_ranking.my_result, name="my_result"),
    path("matching/rounds/<int:pk>/offers/", views_offers.offers, name="offers"),
    path("matching/rounds/<int:pk>/offers/answer/", views_offers.offers_answer, name="offers_answer"),
    path("matching/offers/<int:pk>/respond/", views_offers.offer_respond, name="offer_respond"),
    path("matching/partners/", views_partners.partners, name="partners"),
    path("matching/needs/<int:pk>/experts/", views_partners.need_experts, name="need_experts"),
    path("matching/invitations/", views_partners.invitations, name="invitations"),
    path(
        "matching/invitations/<int:pk>/respond/", views_partners.invitation_respond, name="invitation_respond"
    ),
    path(
        "matching/invitations/<int:pk>/withdraw/",
        views_partners.invitation_withdraw,
        name="invitation_withdraw",
    ),
]
