"""URLs of the on-call pages, included under /oncall/ with the namespace "oncall"."""

from django.urls import path

from . import ack_views

app_name = "oncall"

urlpatterns = [
    path("ack/<str:token>/", ack_views.acknowledge, name="acknowledge"),
]
