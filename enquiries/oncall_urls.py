"""URLs of the on-call pages, included under /oncall/ with the namespace "oncall"."""

from django.urls import path

from . import ack_views, contact_check_views

app_name = "oncall"

urlpatterns = [
    path("ack/<str:token>/", ack_views.acknowledge, name="acknowledge"),
    path("check/<str:token>/", contact_check_views.confirm_test_message, name="contact_check"),
]
