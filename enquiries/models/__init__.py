from .enquiry import Enquiry, EnquiryEvent, MediaContact, ReferenceCounter

__all__ = ["Enquiry", "EnquiryEvent", "MediaContact", "ReferenceCounter"]
