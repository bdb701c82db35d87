from .enquiry import Enquiry, EnquiryEvent, MediaContact, ReferenceCounter
from .office_hours import (
    BankHolidayRegion,
    Closure,
    OfficeHoursPeriod,
    OfficeHoursSettings,
    Weekday,
)
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
    "BankHolidayRegion",
    "Closure",
    "ContactMethod",
    "Delivery",
    "DeliveryAttempt",
    "Enquiry",
    "EnquiryEvent",
    "EscalationLevel",
    "EscalationPolicy",
    "MediaContact",
    "OfficeHoursPeriod",
    "OfficeHoursSettings",
    "OnCallRota",
    "ReferenceCounter",
    "RotaCoverageWindow",
    "RotaMember",
    "RotaOverride",
    "Weekday",
]
