"""A real HTTP server on 127.0.0.1 that speaks OpenAI's chat completions endpoint.

The LLM planner's tests fake only what is outside the project, at the network boundary: the
official ``openai`` SDK and its HTTP stack run for real against this server, which replays a
queue of scripted answers and records every request it receives. Standard library only, so
any test (core, Django layer, a Celery worker in another process) can use it::

    with FakeOpenAIServer() as server:
        server.reply({"title": "...", ...})          # a completion whose content is this JSON
        server.reply_error(429, "slow down", headers={"Retry-After": "7"})
        planner = LLMPlanner(api_key="sk-test", model="gpt-test", base_url=server.base_url)
        ...
        assert server.requests[0].body["model"] == "gpt-test"

Token usage in the answers is estimated from request and answer size, ``ceil(chars / 4)``
(``estimate_tokens``), not counted by a tokenizer.
"""

from __future__ import annotations

import json
import math
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

CHAT_PATH = "/v1/chat/completions"
TOKEN_ESTIMATE = "ceil(characters / 4)"


def estimate_tokens(text: str) -> int:
    """The fake server's token count for ``text``: ceil(characters / 4)."""
    return math.ceil(len(text) / 4)


@dataclass(frozen=True)
class ReceivedRequest:
    """One request as the server saw it. ``headers`` keys are lower-case."""

    method: str
    path: str
    headers: dict[str, str]
    raw: bytes
    body: Any  # the parsed JSON body, or None when it was not JSON

    @property
    def messages(self) -> list[dict[str, Any]]:
        return list(self.body.get("messages", [])) if isinstance(self.body, dict) else []


@dataclass
class Scripted:
    """One scripted answer. ``content`` (for 200) is the assistant message's text."""

    status: int = 200
    content: str | None = None
    body: Any = None  # sent as-is (JSON-encoded unless bytes) when content is None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    finish_reason: str = "stop"
    refusal: str | None = None


Responder = Callable[[ReceivedRequest], Scripted]


class FakeOpenAIServer:
    """The fake server; a context manager that starts and stops it (see the module docstring)."""

    def __init__(self, *, responder: Responder | None = None) -> None:
        self.requests: list[ReceivedRequest] = []
        self.responder = responder  # used when the scripted queue is empty
        self._queue: deque[Scripted] = deque()
        self._lock = threading.Lock()
        self._closing = threading.Event()
        self._httpd = _Server(("127.0.0.1", 0), _Handler)
        self._httpd.owner = self
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def base_url(self) -> str:
        """The OpenAI-style base URL to give the client (ends in /v1)."""
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}/v1"

    def __enter__(self) -> FakeOpenAIServer:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop serving; a slow answer still waiting is abandoned."""
        self._closing.set()
        if self._thread.is_alive():
            self._httpd.shutdown()
        self._httpd.server_close()

    # Scripting -----------------------------------------------------------------------------

    def enqueue(self, *answers: Scripted) -> None:
        """Add answers to the end of the queue; each request takes the next one."""
        with self._lock:
            self._queue.extend(answers)

    def reply(self, content: Any, **options: Any) -> None:
        """A completion whose message content is ``content`` (JSON-encoded unless a str)."""
        text = content if isinstance(content, str) else json.dumps(content)
        self.enqueue(Scripted(content=text, **options))

    def reply_error(
        self,
        status: int,
        message: str,
        *,
        code: str | None = None,
        error_type: str = "invalid_request_error",
        headers: dict[str, str] | None = None,
    ) -> None:
        """An error in OpenAI's shape: ``{"error": {"message", "type", "param", "code"}}``."""
        error = {"message": message, "type": error_type, "param": None, "code": code}
        self.enqueue(Scripted(status=status, body={"error": error}, headers=headers or {}))

    @property
    def pending(self) -> int:
        """How many scripted answers have not been used yet."""
        with self._lock:
            return len(self._queue)

    def chat_requests(self) -> list[ReceivedRequest]:
        """The requests made to the chat completions endpoint."""
        return [r for r in self.requests if r.path == CHAT_PATH]

    # Serving -------------------------------------------------------------------------------

    def _record(self, request: ReceivedRequest) -> Scripted:
        with self._lock:
            self.requests.append(request)
            if request.path != CHAT_PATH or request.method != "POST":
                return _not_found(request)
            if self._queue:
                return self._queue.popleft()
        if self.responder is not None:
            return self.responder(request)
        error = {"message": "fake server: no scripted answer left", "type": "server_error"}
        return Scripted(status=500, body={"error": error})

    def _wait(self, seconds: float) -> bool:
        """Sleep ``seconds`` unless the server closes first; True if it is still open."""
        return not self._closing.wait(seconds) if seconds > 0 else True


def completion_body(request: ReceivedRequest, answer: Scripted) -> dict[str, Any]:
    """The chat completion JSON for a 200 ``answer``, with estimated token usage."""
    content = answer.content
    prompt_tokens = estimate_tokens(request.raw.decode("utf-8", "replace"))
    completion_tokens = estimate_tokens(content or answer.refusal or "")
    model = request.body.get("model", "fake") if isinstance(request.body, dict) else "fake"
    return {
        "id": f"chatcmpl-fake-{time.monotonic_ns()}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content, "refusal": answer.refusal},
                "finish_reason": answer.finish_reason,
                "logprobs": None,
            }
        ],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    }


def _not_found(request: ReceivedRequest) -> Scripted:
    message = f"Invalid URL ({request.method} {request.path})"
    error = {"message": message, "type": "invalid_request_error", "param": None, "code": None}
    return Scripted(status=404, body={"error": error})


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    owner: FakeOpenAIServer


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"  # keep-alive, as the SDK's connection pool expects
    disable_nagle_algorithm = True  # ~3 ms a call instead of ~44 ms (delayed ACK)

    def do_POST(self) -> None:
        self._serve()

    def do_GET(self) -> None:
        self._serve()

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: tests read ``requests`` instead of the console."""

    def _serve(self) -> None:
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        request = ReceivedRequest(
            method=self.command,
            path=self.path,
            headers={k.lower(): v for k, v in self.headers.items()},
            raw=raw,
            body=_json_or_none(raw),
        )
        owner = self.server.owner
        answer = owner._record(request)
        if not owner._wait(answer.delay):
            return
        self._send(request, answer)

    def _send(self, request: ReceivedRequest, answer: Scripted) -> None:
        if answer.status == 200 and (answer.content is not None or answer.refusal is not None):
            payload: Any = completion_body(request, answer)
        else:
            payload = answer.body
        data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        try:
            self.send_response(answer.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for name, value in answer.headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (e.g. its timeout passed): nothing to answer


def _json_or_none(raw: bytes) -> Any:
    try:
        return json.loads(raw)
    except ValueError:
        return None
