"""How LLMPlanner turns server faults into transient or permanent PlannerErrors."""

from __future__ import annotations

import logging
import socket
import time
from email.utils import formatdate

import pytest

from diagrams.core.planners.base import PlannerError, TransientPlannerError
from diagrams.core.planners.llm import LLMPlanner
from diagrams.core.planners.llm.wire import graph_to_wire
from tests.support.fake_openai import Scripted
from tests.support.llm_samples import API_KEY, MODEL, planner_for, synthetic_graph

pytest_plugins = ["tests.support.fixtures"]

PROMPT = "An order service publishes OrderPlaced to Kafka."


def _plan_error(server, **options) -> PlannerError:
    with pytest.raises(PlannerError) as caught:
        planner_for(server, **options).plan(PROMPT)
    return caught.value


@pytest.mark.parametrize(
    ("headers", "seconds"),
    [({"Retry-After": "7"}, 7.0), ({"retry-after-ms": "1500"}, 1.5), ({}, None)],
)
def test_a_rate_limit_is_transient_and_carries_the_servers_retry_after(
    fake_openai, headers, seconds
):
    fake_openai.reply_error(429, "Rate limit reached", code="rate_limit_exceeded", headers=headers)

    error = _plan_error(fake_openai)

    assert isinstance(error, TransientPlannerError)
    assert error.retry_after == seconds
    assert "rate limiting" in str(error) and "HTTP 429" in str(error)
    assert len(fake_openai.chat_requests()) == 1  # the task owns retries, not the SDK


def test_a_retry_after_given_as_an_http_date_becomes_seconds(fake_openai):
    when = formatdate(time.time() + 30, usegmt=True)
    fake_openai.reply_error(429, "Rate limit reached", headers={"Retry-After": when})

    error = _plan_error(fake_openai)

    assert isinstance(error, TransientPlannerError)
    assert error.retry_after is not None and 25 <= error.retry_after <= 31


def test_an_exhausted_quota_is_permanent_though_it_comes_as_429(fake_openai):
    fake_openai.reply_error(429, "You exceeded your current quota", code="insufficient_quota")

    error = _plan_error(fake_openai)

    assert not isinstance(error, TransientPlannerError)
    assert "no quota left" in str(error)


@pytest.mark.parametrize("status", [500, 502, 503])
def test_a_server_error_is_transient(fake_openai, status):
    fake_openai.reply_error(status, "The server had an error", error_type="server_error")

    error = _plan_error(fake_openai)

    assert isinstance(error, TransientPlannerError)
    assert f"HTTP {status}" in str(error)
    assert len(fake_openai.chat_requests()) == 1


def test_an_answer_slower_than_the_timeout_is_transient(fake_openai):
    good = graph_to_wire(synthetic_graph(10))
    fake_openai.enqueue(Scripted(content=str(good), delay=3.0))

    started = time.monotonic()
    error = _plan_error(fake_openai, timeout=0.3)

    assert time.monotonic() - started < 2.0
    assert isinstance(error, TransientPlannerError)
    assert "did not answer within 0.3 s" in str(error)
    assert len(fake_openai.chat_requests()) == 1


def test_a_server_that_cannot_be_reached_is_transient():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    planner = LLMPlanner(api_key=API_KEY, model=MODEL, base_url=f"http://127.0.0.1:{port}/v1")

    with pytest.raises(TransientPlannerError, match=f"could not connect .*127.0.0.1:{port}"):
        planner.plan(PROMPT)


def test_a_rejected_key_is_permanent_and_the_key_appears_in_no_message_or_log(fake_openai, caplog):
    caplog.set_level(logging.DEBUG)
    for name in ("openai", "httpx2", "httpcore"):
        caplog.set_level(logging.DEBUG, logger=name)
    fake_openai.reply_error(401, f"Incorrect API key provided: {API_KEY}.", code="invalid_api_key")

    error = _plan_error(fake_openai)

    assert not isinstance(error, TransientPlannerError)
    assert str(error).startswith("the OpenAI API key was rejected")
    assert "OPENAI_API_KEY" in str(error)
    assert API_KEY not in str(error) and API_KEY[:12] not in str(error)
    assert error.__suppress_context__ and error.__cause__ is None
    assert caplog.records, "the SDK's debug logs were captured"
    assert API_KEY not in caplog.text


def test_a_forbidden_model_is_permanent_and_names_the_model(fake_openai):
    fake_openai.reply_error(403, "Project does not have access to model", code="model_not_allowed")

    error = _plan_error(fake_openai)

    assert not isinstance(error, TransientPlannerError)
    assert f"may not use model '{MODEL}'" in str(error)


def test_an_unknown_model_is_permanent_and_says_which_model(fake_openai):
    fake_openai.reply_error(
        404, f"The model `{MODEL}` does not exist or you do not have access to it.",
        code="model_not_found",
    )  # fmt: skip

    error = _plan_error(fake_openai)

    assert not isinstance(error, TransientPlannerError)
    assert str(error).startswith(f"model '{MODEL}' does not exist on 127.0.0.1:")
    assert "OPENAI_MODEL" in str(error)


def test_a_base_url_without_the_api_path_is_explained(fake_openai):
    root = fake_openai.base_url.removesuffix("/v1")
    planner = LLMPlanner(api_key=API_KEY, model=MODEL, base_url=root)

    with pytest.raises(PlannerError, match="no chat completions endpoint") as caught:
        planner.plan(PROMPT)

    assert "OPENAI_BASE_URL" in str(caught.value)
    assert fake_openai.requests[0].path == "/chat/completions"


def test_a_bad_request_about_the_schema_hints_at_structured_output_support(fake_openai):
    fake_openai.reply_error(400, "Invalid parameter: 'response_format' of type 'json_schema'")

    error = _plan_error(fake_openai)

    assert not isinstance(error, TransientPlannerError)
    assert "HTTP 400" in str(error) and "'response_format'" in str(error)
    assert "may not support structured outputs" in str(error)


def test_a_body_that_is_not_a_chat_completion_is_a_readable_error(fake_openai):
    fake_openai.enqueue(Scripted(status=200, body=b"<html>proxy login</html>"))

    error = _plan_error(fake_openai)

    assert "did not answer with a chat completion" in str(error)
