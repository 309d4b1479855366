from django.urls import path

from . import kiosk_views, views

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

# The quick skills check at an event: on a kiosk (a shared device) and on paper.
urlpatterns += [
    path("events/<slug:slug>/kiosk/", kiosk_views.kiosk_start, name="event_kiosk"),
    path("events/<slug:slug>/kiosk/area/<int:number>/", kiosk_views.kiosk_area, name="event_kiosk_area"),
    path("events/<slug:slug>/kiosk/result/<uuid:uuid>/", kiosk_views.kiosk_result, name="event_kiosk_result"),
    path("events/<slug:slug>/kiosk/finish/", kiosk_views.kiosk_finish, name="event_kiosk_finish"),
    path("events/<slug:slug>/kiosk/idle/", kiosk_views.kiosk_idle, name="event_kiosk_idle"),
    path("events/<slug:slug>/paper/", kiosk_views.paper_sheet, name="event_paper"),
    path("events/<slug:slug>/paper/enter/", kiosk_views.paper_entry, name="event_paper_entry"),
]
