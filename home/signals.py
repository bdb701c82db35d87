"""Keep cached copies of the contact settings, and pages showing them, in step with the admin."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.models import Site

from press.cache import purge_reader_cache

from .models import PressOfficeSettings


@receiver(post_save, sender=PressOfficeSettings)
@receiver(post_delete, sender=PressOfficeSettings)
def forget_press_office_settings(sender, instance, **kwargs):
    # The settings are remembered under the readers' cache generation (see press.cache).
    transaction.on_commit(purge_reader_cache)


@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def forget_site_pages(sender, instance, **kwargs):
    transaction.on_commit(purge_reader_cache)
