"""The public media enquiry form: validation, normalisation and limits on every field."""

import functools

from django import forms
from django.utils import timezone

import phonenumbers
from phonenumber_field.formfields import PhoneNumberField
from phonenumber_field.phonenumber import PhoneNumber

from enquiries.models import Enquiry
from press.models import StatementPage

# The statements list shows the most recent ones; any live statement can still be named by id.
STATEMENT_CHOICES_SHOWN = 50


def statements():
    """The live statements a journalist can name."""
    return StatementPage.objects.live()


def validate_possible_phone_number(value):
    """Any number of a possible length for its country, not only ranges in the library's tables.

    Journalists' numbers include ranges newer than the metadata, and Ofcom's drama numbers
    (07700 900xxx) used in training and demos are "not valid" there but must be accepted.
    """
    try:
        possible = isinstance(value, PhoneNumber) and (
            value.is_valid()
            or phonenumbers.is_possible_number_with_reason(value)
            == phonenumbers.ValidationResult.IS_POSSIBLE
        )
    except (TypeError, ValueError, phonenumbers.NumberParseException):
        possible = False
    if not possible:
        raise forms.ValidationError(
            "Enter a phone number like 07700 900123, or an international number starting with +.",
            code="invalid",
        )


class JournalistPhoneField(PhoneNumberField):
    default_validators = [validate_possible_phone_number]


class DeadlineWidget(forms.SplitDateTimeWidget):
    """A date picker and a time picker, so the deadline is typed in UK wall-clock time."""

    def __init__(self, attrs=None):
        super().__init__(
            attrs=attrs, date_attrs={"type": "date"}, time_attrs={"type": "time", "step": 60}
        )


class EnquiryForm(forms.Form):
    # Not shown to people (hidden by CSS and from screen readers); bots fill every field.
    website = forms.CharField(required=False, max_length=200, label="Leave this field empty")

    journalist_name = forms.CharField(label="Your name", max_length=200)
    outlet = forms.CharField(
        label="Media outlet", max_length=200, help_text="The publication or programme."
    )
    email = forms.EmailField(label="Email address", max_length=254)
    phone = JournalistPhoneField(
        label="Phone number",
        max_length=40,
        help_text="A UK number, or an international number starting with +.",
    )
    deadline = forms.SplitDateTimeField(
        label="Your deadline",
        required=False,
        widget=DeadlineWidget,
        help_text="Date and time, UK time. Leave empty if you have no deadline.",
        error_messages={"invalid_date": "Enter the deadline's date as day, month and year."},
    )
    subject = forms.CharField(label="Subject", max_length=200)
    question = forms.CharField(
        label="Your question",
        max_length=Enquiry._meta.get_field("question").max_length,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    statement = forms.ModelChoiceField(
        label="Statement it is about (optional)",
        queryset=StatementPage.objects.none(),
        required=False,
        empty_label="None",
    )
    urgent = forms.BooleanField(
        label="Urgent: I need an answer before the office reopens",
        required=False,
        help_text="Out of office hours, this alerts the on-call press officer.",
    )

    def __init__(self, *args, statement_id=None, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        field = self.fields["statement"]
        field.queryset = statements()
        # The statement to show even if it is not among the recent ones: the one named by the
        # link (?statement=) or the one already chosen when the form comes back with errors.
        wanted = self.data.get("statement") if self.is_bound else statement_id
        wanted = int(wanted) if wanted and str(wanted).isdigit() and len(str(wanted)) < 12 else None
        if wanted and not self.is_bound:
            self.initial["statement"] = wanted

        @functools.cache
        def shown_choices():
            """Only when the form is shown: an accepted enquiry needs no list of statements.
            Built once per form: rendering the select reads its choices more than once."""
            recent = field.queryset.order_by("-first_published_at")[:STATEMENT_CHOICES_SHOWN]
            pages = list(recent)
            if wanted and all(page.pk != wanted for page in pages):
                pages[:0] = field.queryset.filter(pk=wanted)
            return [("", field.empty_label)] + [(page.pk, page.title) for page in pages]

        field.widget.choices = shown_choices
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def clean_deadline(self):
        deadline = self.cleaned_data.get("deadline")
        if deadline and deadline < timezone.now():
            raise forms.ValidationError(
                "The deadline is in the past. Enter a date and time still to come (UK time)."
            )
        return deadline

    def clean(self):
        """A filled honeypot gets a plain error, not a fake success: a person whose browser
        autofilled the hidden field must not believe their enquiry reached us. Nothing is
        stored either way, and bots learn nothing they could not from any error."""
        cleaned = super().clean()
        if cleaned.get("website"):
            raise forms.ValidationError(
                "We could not accept this enquiry. Please call or email the press office instead.",
                code="honeypot",
            )
        return cleaned

    @property
    def is_honeypot(self):
        return any(error.code == "honeypot" for error in self.non_field_errors().as_data())

    def enquiry_fields(self):
        data = self.cleaned_data
        return {
            "journalist_name": data["journalist_name"],
            "outlet": data["outlet"],
            "email": data["email"],
            "phone": data["phone"],
            "deadline": data["deadline"],
            "subject": data["subject"],
            "question": data["question"],
            "statement": data["statement"],
            "urgent": data["urgent"],
        }
