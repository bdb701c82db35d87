from django.apps import AppConfig


class EnquiriesConfig(AppConfig):
    name = "enquiries"
    verbose_name = "Media enquiries"

    def ready(self):
        from . import (
            alerting,  # noqa: F401 (connects the enquiry_routed receiver)
            office_hours_cache,
        )

        office_hours_cache.connect()
