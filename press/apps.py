from django.apps import AppConfig


class PressConfig(AppConfig):
    name = "press"
    verbose_name = "Press statements"

    def ready(self):
        from . import signals  # noqa: F401  (connects the cache purge receivers)
