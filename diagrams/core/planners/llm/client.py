"""The one module that talks to the model server, through the official ``openai`` SDK.

It sends chat completions with a strict JSON Schema response format and turns every failure
into a PlannerError a person can act on: timeouts, rate limits and server errors become
TransientPlannerError (the Celery task owns retries, so the SDK's own are off), rejected keys,
unknown models and bad requests become permanent PlannerErrors. No message or log line carries
the API key: server-supplied text is redacted, and SDK exceptions are not chained into ours
(their request object holds the Authorization header).
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any, cast

import openai
from openai.types.chat import ChatCompletionMessageParam
from openai.types.shared_params import ResponseFormatJSONSchema

from diagrams.core.planners.base import PlannerError, TransientPlannerError, Usage

log = logging.getLogger(__name__)

MAX_SERVER_MESSAGE = 300
CONNECT_TIMEOUT = 10.0
# Shapes of API keys a server might echo back in an error message (OpenAI masks all but a few).
_KEY_LIKE = re.compile(r"\b(?:sk|rk|pk)-[A-Za-z0-9_\-*.]{6,}")


@dataclass(frozen=True)
class ChatAnswer:
    """The text of one completion and what it cost."""

    content: str
    usage: Usage


class ChatClient:
    """Chat completions with structured output against OpenAI or a compatible server."""

    def __init__(self, *, api_key: str, model: str, base_url: str | None, timeout: float) -> None:
        self.model = model
        self.timeout = timeout
        self._api_key = api_key
        # A server that cannot be reached should fail fast even when answers may take long.
        limits = openai.Timeout(timeout, connect=min(timeout, CONNECT_TIMEOUT))
        self._sdk = openai.OpenAI(api_key=api_key, base_url=base_url, timeout=limits, max_retries=0)

    @property
    def server(self) -> str:
        """host[:port] of the server, for messages (never credentials or paths)."""
        url = self._sdk.base_url
        return f"{url.host}:{url.port}" if url.port else str(url.host)

    def complete(
        self, messages: list[dict[str, str]], *, schema_name: str, schema: dict[str, Any]
    ) -> ChatAnswer:
        """One completion whose content follows ``schema`` (strict); raises PlannerError."""
        response_format: ResponseFormatJSONSchema = {
            "type": "json_schema",
            "json_schema": {"name": schema_name, "strict": True, "schema": schema},
        }
        started = time.monotonic()
        try:
            response = self._sdk.chat.completions.create(
                model=self.model,
                messages=cast("list[ChatCompletionMessageParam]", messages),
                response_format=response_format,
            )
        except openai.APIError as exc:
            raise self._planner_error(exc) from None
        except ValueError:  # a 200 whose body is not JSON (e.g. a proxy's HTML page)
            raise PlannerError(f"{self.server} did not answer with a chat completion") from None
        answer = self._answer(response)
        log.info(
            "model %s answered %s in %.2f s: %d input + %d output tokens",
            self.model,
            schema_name,
            time.monotonic() - started,
            answer.usage.input_tokens,
            answer.usage.output_tokens,
        )
        return answer

    def _answer(self, response: Any) -> ChatAnswer:
        try:
            choice = response.choices[0]
            usage = response.usage
            content, refusal = choice.message.content, choice.message.refusal
            finish_reason = choice.finish_reason
        except (AttributeError, IndexError, TypeError):
            raise PlannerError(f"{self.server} did not answer with a chat completion") from None
        if refusal:
            raise PlannerError(f"the model declined: {self._redact(str(refusal))}")
        if finish_reason == "length":
            raise PlannerError(
                "the model's answer was cut off at its output limit; "
                "try a shorter description or a model with a larger output limit"
            )
        if finish_reason == "content_filter":
            raise PlannerError("the model's answer was withheld by the server's content filter")
        return ChatAnswer(content=content or "", usage=_usage(usage))

    def _planner_error(self, exc: openai.APIError) -> PlannerError:
        if isinstance(exc, openai.APITimeoutError):
            return TransientPlannerError(
                f"the model server {self.server} did not answer within {self.timeout:g} s"
            )
        if isinstance(exc, openai.APIConnectionError):
            return TransientPlannerError(f"could not connect to the model server {self.server}")
        if isinstance(exc, openai.APIStatusError):
            return self._status_error(exc)
        return PlannerError(f"the model server {self.server} sent an answer that cannot be read")

    def _status_error(self, exc: openai.APIStatusError) -> PlannerError:
        status, code = exc.status_code, exc.code or ""
        detail = self._server_message(exc)
        if status == 429 and code == "insufficient_quota":
            return PlannerError(
                "the OpenAI account has no quota left (HTTP 429 insufficient_quota): "
                "check the plan and billing of the account that owns OPENAI_API_KEY"
            )
        if status in (408, 409, 429) or status >= 500:
            what = "is rate limiting requests" if status == 429 else "failed"
            return TransientPlannerError(
                f"the model server {self.server} {what} (HTTP {status}){detail}",
                retry_after=retry_after_seconds(exc.response.headers),
            )
        return PlannerError(self._permanent_message(status, code, detail))

    def _permanent_message(self, status: int, code: str, detail: str) -> str:
        if status == 401:
            return (
                f"the OpenAI API key was rejected by {self.server} (HTTP 401): check OPENAI_API_KEY"
            )
        if status == 403:
            return (
                f"the API key may not use model '{self.model}' on {self.server} "
                f"(HTTP 403){detail}: check OPENAI_API_KEY and OPENAI_MODEL"
            )
        if status == 404 and (code == "model_not_found" or "model" in detail.lower()):
            return (
                f"model '{self.model}' does not exist on {self.server} (HTTP 404): "
                "check OPENAI_MODEL"
            )
        if status == 404:
            return (
                f"{self.server} has no chat completions endpoint at this address (HTTP 404): "
                "check OPENAI_BASE_URL (it usually ends in /v1)"
            )
        hint = ""
        if status == 400 and re.search(r"response_format|json_schema|schema", detail):
            hint = (
                "; the model may not support structured outputs (JSON Schema): choose one that does"
            )
        return f"{self.server} rejected the request (HTTP {status}){detail}{hint}"

    def _server_message(self, exc: openai.APIStatusError) -> str:
        body = exc.body
        message = body.get("message") if isinstance(body, dict) else None
        if not isinstance(message, str) or not message.strip():
            return ""
        return f": {self._redact(message.strip())[:MAX_SERVER_MESSAGE]}"

    def _redact(self, text: str) -> str:
        if self._api_key:
            text = text.replace(self._api_key, "[redacted]")
        return _KEY_LIKE.sub("[redacted]", text)


def _usage(usage: Any) -> Usage:
    def count(name: str) -> int:
        value = getattr(usage, name, None)
        return value if isinstance(value, int) and value >= 0 else 0

    return Usage(input_tokens=count("prompt_tokens"), output_tokens=count("completion_tokens"))


def retry_after_seconds(headers: Mapping[str, str]) -> float | None:
    """Seconds to wait from ``retry-after-ms`` or ``retry-after`` (seconds or an HTTP date)."""
    millis = headers.get("retry-after-ms")
    if millis is not None:
        try:
            return max(float(millis) / 1000, 0.0)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        return max(parsedate_to_datetime(value).timestamp() - time.time(), 0.0)
    except (TypeError, ValueError):
        return None
