from django.urls import path

from . import views

urlpatterns = [
    path("events/feed.ics", views.feed_ics, name="events_feed"),
    path("events/<slug:slug>/register/", views.register, name="event_register"),
    path("events/<slug:slug>/cancel/", views.cancel_booking, name="event_cancel"),
    path("events/<slug:slug>/event.ics", views.event_ics, name="event_ics"),
]

urlpatterns += [
    path("events/<slug:slug>/attendees/", views.attendees, name="event_attendees"),
    path("events/<slug:slug>/attendees.csv", views.attendees_csv, name="event_attendees_csv"),
    path("events/<slug:slug>/attendees/<int:registration_id>/check-in/", views.check_in, name="event_check_in"),
]
