from django.urls import path

from . import views

app_name = "projects"

urlpatterns = [
    path("challenges/submit/", views.challenge_submit, name="challenge_submit"),
    path("challenges/submit/<int:page_id>/", views.challenge_submit, name="challenge_edit"),
    path("challenges/<int:page_id>/interest/", views.challenge_interest, name="challenge_interest"),
    path("challenges/<int:page_id>/select-team/", views.challenge_select_team, name="challenge_select_team"),
    path("challenges/<int:page_id>/complete/", views.challenge_complete, name="challenge_complete"),
    path("challenges/interest/<int:pk>/withdraw/", views.interest_withdraw, name="interest_withdraw"),
    path("projects/submit/", views.project_submit, name="project_submit"),
    path("projects/submit/<int:page_id>/", views.project_submit, name="project_edit"),
    path("projects/invitations/<str:token>/", views.invitation, name="invitation"),
]
