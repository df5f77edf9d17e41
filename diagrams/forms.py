from __future__ import annotations

from django import forms
from django.conf import settings


def _text_field(
    *, label: str, limit: int, rows: int, placeholder: str, required: str, noun: str
) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=limit,
        widget=forms.Textarea(attrs={"rows": rows, "placeholder": placeholder}),
        error_messages={
            "required": required,
            "max_length": f"Keep the {noun} under %(limit_value)s characters (it has %(show_value)s).",
        },
    )


def _stripped(value: object, required: str) -> str:
    # CharField strips only the ends of a line; a prompt of blank lines is still empty.
    text = str(value).strip()
    if not text:
        raise forms.ValidationError(required)
    return text


PROMPT_REQUIRED = "Describe the system you want to sketch."
INSTRUCTION_REQUIRED = "Say what to change."


class PromptForm(forms.Form):
    prompt = _text_field(
        label="Describe your system",
        limit=settings.MAX_PROMPT_CHARS,
        rows=5,
        placeholder="An event-driven order system with Kafka…",
        required=PROMPT_REQUIRED,
        noun="description",
    )

    def clean_prompt(self) -> str:
        return _stripped(self.cleaned_data["prompt"], PROMPT_REQUIRED)


class RefineForm(forms.Form):
    instruction = _text_field(
        label="Refine the diagram",
        limit=settings.MAX_INSTRUCTION_CHARS,
        rows=2,
        placeholder="Add a dead letter queue for failed events",
        required=INSTRUCTION_REQUIRED,
        noun="instruction",
    )

    def clean_instruction(self) -> str:
        return _stripped(self.cleaned_data["instruction"], INSTRUCTION_REQUIRED)
