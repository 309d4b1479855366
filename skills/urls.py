from django.urls import path

from . import views
from .models import AssessmentKind

QUICK = {"kind": AssessmentKind.QUICK}
FOCUSED = {"kind": AssessmentKind.FOCUSED}

urlpatterns = [
    path("skills/", views.landing, name="skills_landing"),
    path("skills/framework/", views.framework, name="skills_framework"),
    path("skills/assessment/", views.start, name="skills_assessment"),
    path("skills/assessment/area-<int:number>/", views.area_step, name="skills_assessment_area"),
    path("skills/assessment/check/", views.check, name="skills_assessment_check"),
    path("skills/assessment/quick/", views.start, QUICK, name="skills_quick_assessment"),
    path("skills/assessment/quick/area-<int:number>/", views.area_step, QUICK, name="skills_quick_assessment_area"),
    path("skills/assessment/quick/check/", views.check, QUICK, name="skills_quick_assessment_check"),
    path("skills/assessment/focused/", views.focused_start, name="skills_focused_assessment"),
    path(
        "skills/assessment/focused/area-<int:number>/", views.area_step, FOCUSED, name="skills_focused_assessment_area"
    ),
    path("skills/assessment/focused/check/", views.check, FOCUSED, name="skills_focused_assessment_check"),
    path("skills/results/<uuid:uuid>/", views.results, name="skills_results"),
    path("skills/progress/", views.progress, name="skills_progress"),
]
