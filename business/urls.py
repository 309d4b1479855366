from django.urls import path

from . import views

urlpatterns = [
    path("business/check/", views.start, name="business_check"),
    path("business/check/step-<int:number>/", views.dimension_step, name="business_check_dimension"),
    path("business/check/answers/", views.check_answers, name="business_check_answers"),
    path("business/results/<uuid:uuid>/", views.results, name="business_results"),
    path("business/results/<uuid:uuid>/challenge/", views.to_challenge, name="business_challenge"),
    path("business/progress/", views.progress, name="business_progress"),
    path("business/team/", views.team_profile, name="business_team"),
]
