"""The town dashboard and its open data (DESIGN.md §9)."""

from django.urls import path

from . import dashboard_views

urlpatterns = [
    path("skills/dashboard/", dashboard_views.dashboard, name="skills_dashboard"),
    path("skills/dashboard/wards/<slug:slug>/", dashboard_views.ward_detail, name="skills_dashboard_ward"),
    path("skills/dashboard.csv", dashboard_views.dashboard_csv, name="skills_dashboard_csv"),
    path("skills/dashboard.json", dashboard_views.dashboard_json, name="skills_dashboard_json"),
]
