from __future__ import annotations

from django import forms
from django.conf import settings


class PromptForm(forms.Form):
    prompt = forms.CharField(
        label="Describe your system",
        max_length=settings.MAX_PROMPT_CHARS,
        widget=forms.Textarea(
            attrs={"rows": 5, "placeholder": "An event-driven order system with Kafka…"}
        ),
        error_messages={
            "required": "Describe the system you want to sketch.",
            "max_length": "Keep the description under %(limit_value)s characters (it has %(show_value)s).",
        },
    )

    def clean_prompt(self) -> str:
        prompt = " ".join(self.cleaned_data["prompt"].split(" ")).strip()
        if not prompt:
            raise forms.ValidationError("Describe the system you want to sketch.")
        return prompt


class RefineForm(forms.Form):
    instruction = forms.CharField(
        label="Refine the diagram",
        max_length=settings.MAX_INSTRUCTION_CHARS,
        widget=forms.Textarea(
            attrs={"rows": 2, "placeholder": "Add a dead letter queue for failed events"}
        ),
        error_messages={
            "required": "Say what to change.",
            "max_length": "Keep the instruction under %(limit_value)s characters (it has %(show_value)s).",
        },
    )

    def clean_instruction(self) -> str:
        instruction = str(self.cleaned_data["instruction"]).strip()
        if not instruction:
            raise forms.ValidationError("Say what to change.")
        return instruction
