"""The reader-facing forms. A comment's field rules live in validation.py, used by services."""

from __future__ import annotations

from django import forms

from dateline.discussion.models import Category

# Form field name -> service argument. The names are WordPress's, which browsers' autofill and
# readers' password managers already know.
FIELD_FOR = {"text": "comment", "name": "author", "email": "email", "website": "url"}


class CommentForm(forms.Form):
    """Reads the reader's POST and shows errors; it checks nothing itself. The values are
    checked once, by services.post_comment (validation.py), whose field errors the view puts
    back on the form (:meth:`add_service_errors`)."""

    comment = forms.CharField(required=False, strip=False, widget=forms.Textarea)
    author = forms.CharField(required=False, strip=False)
    email = forms.CharField(required=False, strip=False)
    url = forms.CharField(required=False, strip=False)
    parent = forms.CharField(required=False)
    page = forms.CharField(required=False)
    token = forms.CharField(required=False)
    consent = forms.BooleanField(required=False)
    notify = forms.BooleanField(required=False)
    # The honeypot: hidden from people (the `hidden` attribute), filled in by form-stuffing bots.
    homepage = forms.CharField(required=False)

    def add_service_errors(self, field_errors: dict) -> None:
        for key, messages in field_errors.items():
            name = FIELD_FOR.get(key, key if key in self.fields else None)
            for message in messages:
                self.add_error(name, message)

    def page_id(self) -> int | None:
        raw = (self.data.get("page") or "").strip()
        value = int(raw) if raw.isdigit() and len(raw) < 19 else None
        return value if value is not None and value < 2**31 else None  # page ids are 32-bit

    def parent_id(self) -> int | None:
        raw = (self.data.get("parent") or "").strip()
        return int(raw) if raw.isdigit() and len(raw) < 19 else None


class PrivacyRequestForm(forms.Form):
    email = forms.EmailField(max_length=254, label="Email address")
    homepage = forms.CharField(required=False)


class ReportForm(forms.Form):
    category = forms.ChoiceField(
        choices=Category.choices, widget=forms.RadioSelect, label="What kind of problem is it?"
    )
    reason = forms.CharField(
        required=False, max_length=500, widget=forms.Textarea, label="What is wrong with it?"
    )


class AppealForm(forms.Form):
    text = forms.CharField(
        max_length=2000, widget=forms.Textarea, label="Why should the comment be restored?"
    )
