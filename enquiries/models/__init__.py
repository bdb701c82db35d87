from .enquiry import Enquiry, EnquiryEvent, MediaContact, ReferenceCounter
from .oncall import (
    Alert,
    ContactMethod,
    Delivery,
    DeliveryAttempt,
    EscalationLevel,
    EscalationPolicy,
    OnCallRota,
    RotaCoverageWindow,
    RotaMember,
    RotaOverride,
)

__all__ = [
    "Alert",
    "ContactMethod",
    "Delivery",
    "DeliveryAttempt",
    "Enquiry",
    "EnquiryEvent",
    "EscalationLevel",
    "EscalationPolicy",
    "MediaContact",
    "OnCallRota",
    "ReferenceCounter",
    "RotaCoverageWindow",
    "RotaMember",
    "RotaOverride",
]
