from django.urls import path

from enquiries import views

app_name = "enquiries"

urlpatterns = [
    path("new/", views.submit, name="submit"),
    path("submitted/<str:token>/", views.submitted, name="submitted"),
]
