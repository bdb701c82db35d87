"""Real HTTP servers on loopback standing in for GOV.UK Notify, Twilio and a chat webhook.

Each speaks its provider's API the way the provider's own Python client calls it, checks the
credentials the real service would check, records every request it receives, and can be told to
fail: answer a given status (500, 429, 400...) or hang until the caller's timeout expires. Tests
and the benchmark point the application's settings at ``server.url``.
"""

import base64
import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import jwt

HANG_LIMIT = 60.0  # a hung request is released after this long, or when the server stops


@dataclass
class Received:
    method: str
    path: str
    headers: dict
    body: bytes
    at: float = field(default_factory=time.monotonic)
    received_at: float = field(default_factory=time.time)  # wall clock, to compare with the DB
    answered: int | None = None  # the status answered; None while hanging or if it hung
    answer: dict | None = None  # the JSON answered

    @property
    def json(self):
        return json.loads(self.body or b"null")

    @property
    def form(self):
        return {key: values[-1] for key, values in parse_qs(self.body.decode()).items()}


class FakeProvider:
    """A threaded HTTP server on 127.0.0.1 with a random port, recording every request."""

    name = "provider"

    def __init__(self):
        self.requests = []
        self.lock = threading.Lock()
        self.failure = None  # None: behave; an int: answer that status; "hang": never answer
        self.delay = 0.0  # seconds to think before answering, like a provider under load
        self.released = threading.Event()
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's hook name)
                length = int(self.headers.get("Content-Length") or 0)
                received = Received(
                    "POST", self.path, dict(self.headers.items()), self.rfile.read(length)
                )
                with provider.lock:
                    provider.requests.append(received)
                    failure = provider.failure
                if provider.delay:
                    time.sleep(provider.delay)
                if failure == "hang":
                    provider.released.wait(HANG_LIMIT)
                    return
                if failure is not None:
                    status, payload = failure, provider.error_body(failure)
                else:
                    status, payload = provider.answer(received)
                received.answered, received.answer = status, payload
                body = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    # -- life cycle -------------------------------------------------------------------------
    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.released.set()
        self.server.shutdown()
        self.server.server_close()

    # -- switching failures -----------------------------------------------------------------
    def fail_with(self, status):
        self.failure = status
        self.released.clear()

    def hang(self):
        self.failure = "hang"
        self.released.clear()

    def slow(self, seconds):
        self.delay = seconds

    def recover(self):
        self.failure = None
        self.released.set()

    # -- what was received ------------------------------------------------------------------
    def accepted(self):
        """The requests answered with a 2xx: the messages the provider took on."""
        with self.lock:
            return [r for r in self.requests if r.answered and 200 <= r.answered < 300]

    def wait_for(self, count=1, timeout=10.0, accepted=True):
        deadline = time.monotonic() + timeout
        while True:
            found = self.accepted() if accepted else list(self.requests)
            if len(found) >= count:
                return found
            if time.monotonic() > deadline:
                raise AssertionError(f"{self.name}: expected {count} request(s), got {len(found)}")
            time.sleep(0.05)

    def clear(self):
        with self.lock:
            self.requests.clear()

    # -- provider-specific ------------------------------------------------------------------
    def answer(self, received):
        raise NotImplementedError

    def error_body(self, status):
        return {"status": status, "message": f"simulated failure {status}"}


class FakeNotify(FakeProvider):
    """GOV.UK Notify's v2 API: ``POST /v2/notifications/sms`` with a JWT signed by the API key.

    An API key is ``{key name}-{service id}-{secret}``; the client signs a JWT (HS256) with the
    secret and puts the service id in ``iss``. The fake checks both, as Notify does.
    """

    name = "GOV.UK Notify"

    def __init__(self):
        super().__init__()
        self.service_id = str(uuid.uuid4())
        self.secret = str(uuid.uuid4())
        self.api_key = f"pressoffice_test-{self.service_id}-{self.secret}"
        self.template_id = str(uuid.uuid4())

    def error_body(self, status):
        errors = {
            400: "BadRequestError",
            403: "AuthError",
            429: "RateLimitError",
            500: "Exception",
        }
        error = errors.get(status, "Exception")
        return {
            "errors": [{"error": error, "message": f"simulated {error}"}],
            "status_code": status,
        }

    def answer(self, received):
        if received.path != "/v2/notifications/sms":
            return 404, self.error_body(404)
        token = received.headers.get("Authorization", "").removeprefix("Bearer ")
        try:
            claims = jwt.decode(token, self.secret, algorithms=["HS256"])
        except jwt.InvalidTokenError as error:
            return 403, {
                "errors": [{"error": "AuthError", "message": f"Invalid token: {error}"}],
                "status_code": 403,
            }
        if claims.get("iss") != self.service_id or abs(time.time() - claims.get("iat", 0)) > 30:
            return 403, {
                "errors": [{"error": "AuthError", "message": "Invalid token: issuer or iat"}],
                "status_code": 403,
            }
        notification = received.json
        if notification.get("template_id") != self.template_id:
            return 400, {
                "errors": [{"error": "BadRequestError", "message": "Template not found"}],
                "status_code": 400,
            }
        if not notification.get("phone_number"):
            return 400, {
                "errors": [{"error": "ValidationError", "message": "phone_number is required"}],
                "status_code": 400,
            }
        notification_id = str(uuid.uuid4())
        body = (notification.get("personalisation") or {}).get("message", "")
        return 201, {
            "id": notification_id,
            "reference": notification.get("reference"),
            "content": {"body": body, "from_number": "GOVUK"},
            "uri": f"{self.url}/v2/notifications/{notification_id}",
            "template": {
                "id": self.template_id,
                "version": 1,
                "uri": f"{self.url}/services/{self.service_id}/templates/{self.template_id}",
            },
        }

    def texts_to(self, phone_number):
        """The texts Notify accepted for a number, as the person would read them."""
        return [
            r.json["personalisation"]["message"]
            for r in self.accepted()
            if r.json.get("phone_number") == phone_number
        ]


class FakeTwilio(FakeProvider):
    """Twilio's REST API: ``POST /2010-04-01/Accounts/{sid}/Messages.json``, form-encoded, with
    HTTP basic auth of the account SID and auth token."""

    name = "Twilio"

    def __init__(self):
        super().__init__()
        self.account_sid = "AC" + uuid.uuid4().hex
        self.auth_token = uuid.uuid4().hex
        self.from_number = "+447700900123"

    def error_body(self, status):
        return {
            "code": 20500 if status >= 500 else 21211,
            "message": f"simulated failure {status}",
            "more_info": "https://www.twilio.com/docs/errors",
            "status": status,
        }

    def answer(self, received):
        if received.path != f"/2010-04-01/Accounts/{self.account_sid}/Messages.json":
            return 404, {
                "code": 20404,
                "message": "The requested resource was not found",
                "status": 404,
            }
        expected = base64.b64encode(f"{self.account_sid}:{self.auth_token}".encode()).decode()
        if received.headers.get("Authorization") != f"Basic {expected}":
            return 401, {"code": 20003, "message": "Authenticate", "status": 401}
        form = received.form
        if not form.get("To") or not form.get("Body"):
            return 400, {"code": 21604, "message": "A 'To' and 'Body' are required", "status": 400}
        sid = "SM" + uuid.uuid4().hex
        now = formatdate(usegmt=True)
        return 201, {
            "account_sid": self.account_sid,
            "api_version": "2010-04-01",
            "body": form["Body"],
            "date_created": now,
            "date_sent": None,
            "date_updated": now,
            "direction": "outbound-api",
            "error_code": None,
            "error_message": None,
            "from": form.get("From"),
            "messaging_service_sid": None,
            "num_media": "0",
            "num_segments": "1",
            "price": None,
            "price_unit": "GBP",
            "sid": sid,
            "status": "queued",
            "subresource_uris": {},
            "to": form["To"],
            "uri": f"/2010-04-01/Accounts/{self.account_sid}/Messages/{sid}.json",
        }

    def texts_to(self, phone_number):
        return [r.form["Body"] for r in self.accepted() if r.form.get("To") == phone_number]


class FakeWebhook(FakeProvider):
    """A Teams/Slack-style incoming webhook: accepts any JSON POST and answers ``ok``."""

    name = "webhook"

    def answer(self, received):
        try:
            received.json  # noqa: B018 (a body that is not JSON is refused, as Slack does)
        except ValueError:
            return 400, {"ok": False, "error": "invalid_payload"}
        return 200, {"ok": True}

    def hook_url(self, name="oncall"):
        return f"{self.url}/hooks/{name}"

    def posts_to(self, name="oncall"):
        return [r.json for r in self.accepted() if r.path == f"/hooks/{name}"]
