"""Signals between the intake of enquiries and the on-call alerting.

``enquiry_routed`` is sent inside the transaction that stores an enquiry's route, so a receiver
that writes rows (an alert) commits or rolls back with the enquiry itself. Receivers that start
background work must do so through ``transaction.on_commit``.
"""

from django.dispatch import Signal

# kwargs: enquiry (Enquiry), route (Enquiry.Route)
enquiry_routed = Signal()
