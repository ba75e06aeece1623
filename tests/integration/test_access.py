"""Who may write (issue 10): keys stay out of logs, writes are rate-limited per client,
CORS is off unless configured. (401/403 for a missing or wrong key: test_api_articles.)"""

from __future__ import annotations

import httpx
from litestar.testing import TestClient

from api.app import create_app
from api.settings import Settings, SettingsError, parse_rate
from realserver import serve

import pytest

KEY_DESK = "desk-Zq7vK2mW9pXr"
KEY_BOT = "bot-Hn4tY8sLc3Qe"
ARTICLE = "عنوان\nقال سيرغي لافروف: «الغرب يحاول إبعاد دول آسيا الوسطى عن روسيا».\n"


def _post(client, n: int, key: str | None, **extra):
    headers = {"X-API-Key": key} if key else {}
    return client.post("/api/v1/articles", json={"text": ARTICLE + f"رقم {n}\n", **extra}, headers=headers)


def test_writes_over_the_rate_get_429_with_retry_after_and_reads_do_not(db_path, pipeline):
    settings = Settings(database_url=str(db_path), write_keys={"desk": KEY_DESK, "bot": KEY_BOT},
                        write_rate=("minute", 3))
    with TestClient(create_app(settings, pipeline=pipeline)) as client:
        assert [_post(client, n, KEY_DESK).status_code for n in range(3)] == [201, 201, 201]
        limited = _post(client, 3, KEY_DESK)
        assert limited.status_code == 429, limited.text
        assert limited.headers["content-type"].startswith("application/problem+json")
        assert 1 <= int(limited.headers["retry-after"]) <= 60
        assert "QAWL_WRITE_RATE" in limited.json()["detail"]
        # another client (its own key) has its own quota; reads are not counted
        assert _post(client, 4, KEY_BOT).status_code == 201
        assert all(client.get("/api/v1/quotes").status_code == 200 for _ in range(10))
        # bogus keys share the address's quota instead of buying fresh ones
        assert [_post(client, 5 + n, f"bogus-key-{n:06d}").status_code for n in range(3)] == [403, 403, 403]
        assert _post(client, 9, "bogus-key-999999").status_code == 429
        # nothing past the limit was stored
        assert client.get("/health").json()["store"]["articles"] == 4


def test_rate_limit_off_and_settings(db_path, pipeline):
    assert parse_rate("30/second") == ("second", 30) and parse_rate("5/hours") == ("hour", 5)
    assert parse_rate("off") is None and parse_rate("") == ("minute", 120)
    assert Settings.from_env({"QAWL_WRITE_RATE": "10/minute"}).write_rate == ("minute", 10)
    for bad in ("fast", "10/fortnight", "-1/minute"):
        with pytest.raises(SettingsError, match="QAWL_WRITE_RATE"):
            Settings.from_env({"QAWL_WRITE_RATE": bad})
    with TestClient(create_app(Settings(database_url=str(db_path), write_rate=None), pipeline=pipeline)) as client:
        assert {_post(client, n, None).status_code for n in range(130)} == {201}


def test_cors_is_off_unless_configured(db_path, pipeline):
    preflight = {"Origin": "https://newsroom.example", "Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "x-api-key, content-type"}
    with TestClient(create_app(Settings(database_url=str(db_path)), pipeline=pipeline)) as client:
        read = client.get("/api/v1/quotes", headers={"Origin": "https://newsroom.example"})
        assert read.status_code == 200 and "access-control-allow-origin" not in read.headers
        assert "access-control-allow-origin" not in client.options("/api/v1/articles", headers=preflight).headers
    env = Settings.from_env({"QAWL_DATABASE_URL": str(db_path), "QAWL_CORS_ORIGINS": "https://newsroom.example"})
    with TestClient(create_app(env, pipeline=pipeline)) as client:
        read = client.get("/api/v1/quotes", headers={"Origin": "https://newsroom.example"})
        assert read.headers["access-control-allow-origin"] == "https://newsroom.example"
        allowed = client.options("/api/v1/articles", headers=preflight)
        assert allowed.status_code in (200, 204)
        assert allowed.headers["access-control-allow-origin"] == "https://newsroom.example"
        assert "x-api-key" in allowed.headers["access-control-allow-headers"].lower()
        other = client.get("/api/v1/quotes", headers={"Origin": "https://evil.example"})
        assert other.headers.get("access-control-allow-origin") != "https://evil.example"


def test_write_keys_never_reach_the_server_log(tmp_path):
    """A real server with the access log on, keys from the environment and a key file:
    right, wrong, near-miss and malformed keys in both headers; none is ever printed."""
    key_file = tmp_path / "keys.txt"
    file_key = "filekey-Jw5Rb8Nc2Vt"
    key_file.write_text(f"# desk keys\nfeed={file_key}\n", encoding="utf-8")
    env = {"QAWL_WRITE_KEYS": f"desk={KEY_DESK},bot={KEY_BOT}", "QAWL_WRITE_KEYS_FILE": str(key_file),
           "QAWL_WRITE_RATE": "off"}
    wrong = ["wrong-" + KEY_DESK, KEY_DESK[:-1], KEY_BOT.upper(), "x" * 5000]
    with serve(tmp_path / "keys.db", env=env, args=["--access-log"]) as server:
        with httpx.Client(base_url=server.base, timeout=30) as http:
            statuses = []
            for n, key in enumerate([KEY_DESK, KEY_BOT, file_key]):
                statuses.append(http.post("/api/v1/articles", json={"text": ARTICLE + str(n)},
                                          headers={"Authorization": f"Bearer {key}"}).status_code)
            for key in wrong:
                statuses.append(http.post("/api/v1/articles", json={"text": ARTICLE},
                                          headers={"X-API-Key": key}).status_code)
                statuses.append(http.post("/api/v1/articles/batch", content=b"{\n",
                                          headers={"Authorization": f"Bearer {key}",
                                                   "Content-Type": "application/jsonl"}).status_code)
            # a malformed body with a valid key: the error path logs nothing of the key either
            statuses.append(http.post("/api/v1/articles", content=b"{", headers={
                "X-API-Key": KEY_DESK, "Content-Type": "application/json"}).status_code)
        log = server.output()
    assert statuses[:3] == [201, 201, 201]
    assert statuses[3:-1] == [403] * (2 * len(wrong)), statuses
    assert statuses[-1] == 400
    assert "POST /api/v1/articles" in log, log[-2000:]  # the access log is on
    for secret in [KEY_DESK, KEY_BOT, file_key, *wrong[:3], KEY_DESK[4:-2]]:
        assert secret not in log, f"a key reached the server log: {secret[:4]}…"
