"""Sending a contact method a test message (admin), and confirming it arrived (from the phone).

The confirmation link is the credential, as an acknowledgement link is: GET only shows, POST
marks the method verified. A link made for an address that has since changed, an expired or
altered link, or one for a deleted method is refused with a clear page and changes nothing.
"""

from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .ack_views import refuse_link
from .contact_checks import read_check_token, send_test_message, still_names
from .models import ContactMethod


class SendTestMessageView(WagtailAdminTemplateMixin, TemplateView):
    """GET: what will be sent where. POST: send it now and say what the provider answered."""

    template_name = "enquiries/oncall/contact_test.html"
    page_title = "Send a test message"
    header_icon = "mobile-alt"
    permission_policy = None

    def dispatch(self, request, pk):
        self.method = get_object_or_404(ContactMethod.objects.select_related("user"), pk=pk)
        if not self.permission_policy.user_has_permission_for_instance(
            request.user, "change", self.method
        ):
            raise PermissionDenied
        return super().dispatch(request, pk=pk)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("oncall-contacts:index"), "label": "Contact methods"},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(method=self.method, **kwargs)

    def post(self, request, pk):
        result = send_test_message(self.method)
        if result.delivered:
            messages.success(
                request,
                f"Test sent to {self.method.address}. Open the link in it to confirm it arrived; "
                "the method is then marked verified.",
            )
        else:
            answer = result.detail or "no answer from the provider"
            messages.error(
                request,
                f"The test could not be sent to {self.method.address}: {answer}. Check the "
                "address, or add another way to reach this person.",
            )
        return redirect(reverse("oncall-contacts:test", args=[self.method.pk]))


@never_cache
@require_http_methods(["GET", "POST"])
def confirm_test_message(request, token):
    try:
        method_id, fingerprint = read_check_token(token)
    except signing.SignatureExpired:
        return refuse_link(
            request,
            403,
            "This link has expired",
            "Send yourself a new test message from the admin (On call, Contact methods).",
        )
    except signing.BadSignature:
        return refuse_link(
            request,
            400,
            "This link is not valid",
            "The link may have been cut short or altered. Open it again from the test message.",
        )
    method = ContactMethod.objects.select_related("user").filter(pk=method_id).first()
    if method is None or not still_names(method, fingerprint):
        return refuse_link(
            request,
            403,
            "This link is no longer valid",
            "The contact method was changed or removed after this test was sent.",
        )
    if request.method == "POST":
        if not method.verified:
            method.verified = True
            method.save(update_fields=["verified"])
        messages.success(request, "Thank you: the test reached you.")
        return redirect(request.path)
    return render(request, "enquiries/oncall/contact_check.html", {"method": method})
