"""The press office's actions on enquiries and contacts, and the phone-enquiry screen.

Each action is a POST with CSRF, checked against one permission (403 and nothing changed when
it is missing), carried out by a model method that writes the timeline and the audit log, and
answered with a redirect back to the enquiry and a message.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views import View
from django.views.generic import FormView

from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets import AdminDateTimeInput

from enquiries.forms import JournalistPhoneField
from enquiries.models import Enquiry, MediaContact
from enquiries.routing import receive_enquiry
from press.models import Topic

ENQUIRY_PAGE = "enquiry:inspect"
CONTACT_PAGE = "media_contact:inspect"


def person(user):
    """How the admin names a colleague."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def press_office_users():
    """Everyone an enquiry can be assigned to: active users who may see the queue."""
    permission = Permission.objects.filter(
        codename="view_enquiry", content_type__app_label="enquiries"
    )
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(groups__permissions__in=permission)
            | Q(user_permissions__in=permission)
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


class RefuseWith403:
    """Answer a refused request with 403 Forbidden and nothing changed.

    Wagtail turns a refusal into a redirect to the dashboard; the enquiry pages hold
    journalists' personal data, so they say plainly "forbidden" (and tests and proxies see it).
    """

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied:
            return TemplateResponse(request, "enquiries/admin/forbidden.html", status=403)


def get_enquiry(pk):
    return get_object_or_404(
        Enquiry.objects.select_related("assignee", "contact", "duplicate_of", "statement"), pk=pk
    )


# --- Forms ---------------------------------------------------------------------------------


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(queryset=None, label="Colleague", empty_label=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = press_office_users()
        self.fields["assignee"].label_from_instance = person


class NoteForm(forms.Form):
    text = forms.CharField(
        label="Internal note", max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ResponseForm(forms.Form):
    text = forms.CharField(
        label="What was said", max_length=10000, widget=forms.Textarea(attrs={"rows": 4})
    )
    on_record = forms.BooleanField(label="On the record", required=False, initial=True)
    responded_at = forms.DateTimeField(
        label="Given at",
        required=False,
        widget=AdminDateTimeInput,
        help_text="Leave blank if the response was given just now.",
    )


def topics_field(**kwargs):
    return forms.ModelMultipleChoiceField(
        queryset=Topic.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        **kwargs,
    )


class TopicsForm(forms.Form):
    topics = topics_field(label="Topics", help_text="Untick them all to file it under none.")


class DuplicateForm(forms.Form):
    reference = forms.CharField(
        label="Duplicate of (reference)",
        max_length=20,
        widget=forms.TextInput(attrs={"placeholder": "ENQ-2026-00042"}),
    )

    def clean_reference(self):
        reference = self.cleaned_data["reference"].strip().upper()
        try:
            return Enquiry.objects.get(reference=reference)
        except Enquiry.DoesNotExist:
            raise ValidationError(f"No enquiry has the reference {reference}.") from None


# --- Actions on an enquiry -----------------------------------------------------------------


class EnquiryActionView(RefuseWith403, View):
    """POST only; one permission; the model method does the work and keeps the invariants."""

    http_method_names = ["post"]
    permission = None
    form_class = None

    def post(self, request, pk):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        enquiry = get_enquiry(pk)
        form = self.form_class(request.POST) if self.form_class else None
        if form is not None and not form.is_valid():
            errors = [error for field_errors in form.errors.values() for error in field_errors]
            messages.error(request, " ".join(errors))
        else:
            try:
                message = self.act(enquiry, form.cleaned_data if form else {}, request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, message)
        return redirect(ENQUIRY_PAGE, enquiry.pk)

    def act(self, enquiry, data, user):
        raise NotImplementedError


class AssignView(EnquiryActionView):
    permission = "enquiries.assign_enquiry"
    form_class = AssignForm

    def act(self, enquiry, data, user):
        enquiry.assign(data["assignee"], by=user)
        who = "you" if data["assignee"] == user else person(data["assignee"])
        return f"{enquiry.reference} is assigned to {who}."


class NoteView(EnquiryActionView):
    permission = "enquiries.note_enquiry"
    form_class = NoteForm

    def act(self, enquiry, data, user):
        enquiry.add_note(data["text"], by=user)
        return "Note added."


class RespondView(EnquiryActionView):
    permission = "enquiries.respond_enquiry"
    form_class = ResponseForm

    def act(self, enquiry, data, user):
        enquiry.record_response(
            data["text"], on_record=data["on_record"], by=user, responded_at=data["responded_at"]
        )
        return f"Response recorded; {enquiry.reference} is answered."


class CloseView(EnquiryActionView):
    permission = "enquiries.close_enquiry"

    def act(self, enquiry, data, user):
        enquiry.close(by=user)
        return f"{enquiry.reference} is closed."


class MarkDuplicateView(EnquiryActionView):
    permission = "enquiries.close_enquiry"
    form_class = DuplicateForm

    def act(self, enquiry, data, user):
        enquiry.mark_duplicate(data["reference"], by=user)
        return f"{enquiry.reference} is marked as a duplicate of {data['reference'].reference}."


class SetTopicsView(EnquiryActionView):
    permission = "enquiries.categorise_enquiry"
    form_class = TopicsForm

    def act(self, enquiry, data, user):
        enquiry.set_topics(data["topics"], by=user)
        return f"Topics of {enquiry.reference} updated."


ENQUIRY_ACTIONS = {
    "assign": AssignView,
    "note": NoteView,
    "respond": RespondView,
    "close": CloseView,
    "mark_duplicate": MarkDuplicateView,
    "topics": SetTopicsView,
}


def allowed_actions(user, enquiry):
    """Which action forms the enquiry's page shows to this user."""
    unfinished = enquiry.status not in (Enquiry.Status.CLOSED, Enquiry.Status.DUPLICATE)
    return {
        name: unfinished and user.has_perm(view.permission)
        for name, view in ENQUIRY_ACTIONS.items()
    } | {
        # Notes and topics are still useful on a finished enquiry.
        "note": user.has_perm(NoteView.permission),
        "topics": user.has_perm(SetTopicsView.permission),
    }


# --- Logging a phone enquiry ---------------------------------------------------------------


class PhoneEnquiryForm(forms.Form):
    """As few required fields as a phone call allows: who (typed or found), what, urgency."""

    contact = forms.ModelChoiceField(
        queryset=MediaContact.objects.filter(anonymised_at__isnull=True),
        required=False,
        widget=forms.HiddenInput,
    )
    journalist_name = forms.CharField(label="Name", max_length=200, required=False)
    outlet = forms.CharField(label="Media outlet", max_length=200, required=False)
    phone = JournalistPhoneField(required=False, max_length=40)
    email = forms.EmailField(required=False)
    subject = forms.CharField(max_length=200)
    question = forms.CharField(max_length=10000, widget=forms.Textarea(attrs={"rows": 5}))
    urgent = forms.BooleanField(
        required=False, label="Urgent: they need an answer before the office reopens"
    )
    deadline = forms.DateTimeField(required=False, widget=AdminDateTimeInput)
    topics = topics_field()

    def clean(self):
        data = super().clean()
        contact = data.get("contact")
        if not contact and not data.get("journalist_name", "").strip():
            raise ValidationError("Give the journalist's name or choose a known contact.")
        if contact:
            # What was typed wins; the rest comes from the contact we already know.
            for field, known in (
                ("journalist_name", contact.name),
                ("outlet", contact.outlet),
                ("email", contact.email),
                ("phone", contact.phone),
            ):
                if not data.get(field):
                    data[field] = known
        return data


class LogPhoneEnquiryView(
    RefuseWith403, PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView
):
    """One screen to log a call: the same intake and routing as the public form."""

    permission_policy = None
    permission_required = "add"
    template_name = "enquiries/admin/log_phone_enquiry.html"
    form_class = PhoneEnquiryForm
    page_title = "Log a phone enquiry"
    header_icon = "mail"
    index_url_name = None

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": "Enquiries"},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["contact_search_url"] = reverse("enquiry:contact_search")
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        enquiry = receive_enquiry(
            journalist_name=data["journalist_name"],
            outlet=data["outlet"],
            email=data["email"],
            phone=str(data["phone"] or ""),
            subject=data["subject"],
            question=data["question"],
            deadline=data["deadline"],
            urgent=data["urgent"],
            topics=data["topics"],
            channel=Enquiry.Channel.PHONE,
            actor=self.request.user,
        )
        chosen = data["contact"]
        if chosen and enquiry.contact_id != chosen.pk:
            # The chosen contact had no email or phone to be found again by: keep the choice.
            enquiry.contact.merge_into(chosen, by=self.request.user)
        messages.success(
            self.request,
            f"{enquiry.reference} logged: {enquiry.get_route_display()}.",
        )
        return redirect(ENQUIRY_PAGE, enquiry.pk)


def contact_search(request):
    """Contacts matching what the officer types (name, phone or outlet), as JSON."""
    if not request.user.has_perm("enquiries.view_mediacontact"):
        return JsonResponse({"error": "forbidden"}, status=403)
    query = request.GET.get("q", "").strip()[:100]
    if len(query) < 2:
        return JsonResponse({"results": []})
    digits = "".join(ch for ch in query if ch.isdigit())
    match = Q(name__icontains=query) | Q(outlet__icontains=query) | Q(email__icontains=query)
    if len(digits) >= 4:
        # Stored as E.164 (+447700900123); typed as 07700 900123.
        match |= Q(phone__contains=digits.lstrip("0"))
    contacts = MediaContact.objects.filter(match, anonymised_at__isnull=True).order_by("name")[:10]
    return JsonResponse(
        {
            "results": [
                {
                    "id": contact.pk,
                    "name": contact.name,
                    "outlet": contact.outlet,
                    "email": contact.email,
                    "phone": str(contact.phone or ""),
                }
                for contact in contacts
            ]
        }
    )


# --- Merging contacts ----------------------------------------------------------------------


class MergeContactForm(forms.Form):
    into = forms.ModelChoiceField(
        queryset=MediaContact.objects.filter(anonymised_at__isnull=True),
        label="Merge this contact into",
    )


class MergeContactView(RefuseWith403, View):
    """Managers fold a duplicate contact into the one to keep; its enquiries follow."""

    http_method_names = ["post"]

    def post(self, request, pk):
        if not request.user.has_perm("enquiries.merge_mediacontact"):
            raise PermissionDenied
        contact = get_object_or_404(MediaContact, pk=pk)
        form = MergeContactForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Choose the contact to keep.")
            return redirect(CONTACT_PAGE, contact.pk)
        into = form.cleaned_data["into"]
        try:
            moved = contact.merge_into(into, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(CONTACT_PAGE, contact.pk)
        messages.success(request, f"Merged into {into}; {moved} enquiries moved.")
        return redirect(CONTACT_PAGE, into.pk)
