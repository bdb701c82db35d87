"""Purge the readers' cache whenever what they would see changes.

The purge waits for the transaction to commit: purging earlier would let a reader re-cache
the old version in the gap before the new one is visible.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from .cache import purge_reader_cache
from .models import Spokesperson, Topic


def purge_after_commit(**kwargs):
    transaction.on_commit(purge_reader_cache)


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def purge_on_page_change(sender, **kwargs):
    purge_after_commit()


@receiver(post_delete)
def purge_on_page_delete(sender, instance, **kwargs):
    if isinstance(instance, Page):
        purge_after_commit()


@receiver(post_save, sender=Topic)
@receiver(post_save, sender=Spokesperson)
@receiver(post_delete, sender=Topic)
@receiver(post_delete, sender=Spokesperson)
def purge_on_snippet_change(sender, **kwargs):
    purge_after_commit()


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def purge_on_privacy_change(sender, **kwargs):
    purge_after_commit()
