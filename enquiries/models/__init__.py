from .enquiry import Enquiry, EnquiryEvent, MediaContact, ReferenceCounter
from .office_hours import (
    BankHolidayRegion,
    Closure,
    OfficeHoursPeriod,
    OfficeHoursSettings,
    Weekday,
)

__all__ = [
    "BankHolidayRegion",
    "Closure",
    "Enquiry",
    "EnquiryEvent",
    "MediaContact",
    "OfficeHoursPeriod",
    "OfficeHoursSettings",
    "ReferenceCounter",
    "Weekday",
]
