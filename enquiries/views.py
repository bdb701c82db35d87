"""The public enquiry form and its thank-you page: the form validates, routing does the work."""

from django.conf import settings
from django.core import signing
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from enquiries import ratelimit
from enquiries.forms import EnquiryForm
from enquiries.models import Enquiry
from enquiries.routing import office_hours, receive_enquiry, what_happens_next

RECEIPT_SALT = "enquiries.submitted"
# The thank-you page link works for a day: long enough to reload, short enough not to leak.
RECEIPT_MAX_AGE = 24 * 3600

RATE_LIMITED = (
    "We have received too many enquiries from you in the last hour. "
    "Please call the press office instead."
)


def client_ip(request):
    """The journalist's address. Behind N trusted proxies it is the N-th from the end of
    X-Forwarded-For: anything before that was written by the client and could be forged, and
    REMOTE_ADDR is the proxy's, shared by everyone (limiting it would lock everyone out)."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        hops = [hop.strip() for hop in forwarded if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")


@never_cache
@require_http_methods(["GET", "POST"])
def submit(request):
    """Take a journalist's enquiry; POST-redirect-GET to a receipt that only they can open."""
    status = 200
    if request.method == "POST":
        form = EnquiryForm(request.POST, statement_id=request.GET.get("statement"))
        # Only complete, valid enquiries count towards the limits: a journalist correcting a
        # typo is never locked out, and each address (IP, email) is counted on its own.
        if form.is_valid():
            if ratelimit.hit("ip", client_ip(request)) or ratelimit.hit(
                "email", form.cleaned_data["email"]
            ):
                form.add_error(None, RATE_LIMITED)
                status = 429
            else:
                enquiry = receive_enquiry(**form.enquiry_fields(), hours=office_hours(request))
                token = signing.dumps(enquiry.pk, salt=RECEIPT_SALT)
                return redirect("enquiries:submitted", token=token)
    else:
        form = EnquiryForm(statement_id=request.GET.get("statement"))
    context = {"form": form, "retention_days": settings.ENQUIRY_RETENTION_DAYS}
    return render(request, "enquiries/enquiry_form.html", context, status=status)


@never_cache
def submitted(request, token):
    try:
        pk = signing.loads(token, salt=RECEIPT_SALT, max_age=RECEIPT_MAX_AGE)
    except signing.BadSignature as error:
        raise Http404("This link has expired or is not valid.") from error
    enquiry = Enquiry.objects.filter(pk=pk, anonymised_at__isnull=True).first()
    if enquiry is None:
        raise Http404("No such enquiry.")
    context = {"enquiry": enquiry, "what_happens_next": what_happens_next(enquiry)}
    return render(request, "enquiries/enquiry_submitted.html", context)
