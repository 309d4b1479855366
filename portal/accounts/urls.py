from django.urls import path

from . import views

urlpatterns = [
    path("profile/", views.profile, name="account_profile"),
    path("data/", views.data_export, name="account_data"),
    path("delete/", views.delete, name="account_delete"),
    path("deleted/", views.deleted, name="account_deleted"),
]
