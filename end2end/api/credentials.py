"""Mints the credentials the API contract run uses against a demo server.

Logs in as the demo administrator and creates a person's API key with every
permission an administrator may hold and a supplier key for the first
supplier; logs in the demo users whose roles the other operations need
(attester, catalogue manager, plan manager, asset manager). Prints them as
shell assignments:

    AVROP_TOKEN=avrop_…  AVROP_SUPPLIER_KEY=avrop-lev_…  AVROP_SESSION_ATTEST=…

Usage: python3 credentials.py http://127.0.0.1:3210
Only the standard library: it runs before anything else is installed.
"""

import http.client
import json
import sys
import urllib.parse

PASSWORD = "avrop-demo"
ADMIN = "per.svensson"
# What an administrator may give a key (catalog:write, plans:write,
# assets:write and charging:read need roles an administrator lacks: those
# operations run with the sessions below).
PERMISSIONS = [
    "org:read", "catalog:read", "orders:read", "orders:write", "attest:read",
    "attest:write", "attest:rights", "plans:read", "audit:read",
    "notifications:read", "statistics:read", "assets:read",
]
# Sessions of the users whose roles the other operations need.
SESSIONS = {
    "ATTEST": "erik.johansson",
    "CATALOG": "lars.andersson",
    "PLANS": "johan.ek",
    "ASSETS": "sara.berg",
}


class Client:
    def __init__(self, base):
        url = urllib.parse.urlsplit(base)
        self.origin = f"{url.scheme}://{url.netloc}"
        self.host, self.port = url.hostname, url.port or 80
        self.cookie = None

    def post_form(self, path, fields):
        body = urllib.parse.urlencode(fields)
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/json",
            "Origin": self.origin,
        }
        if self.cookie:
            headers["Cookie"] = self.cookie
        conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
        conn.request("POST", path, body=body, headers=headers)
        resp = conn.getresponse()
        data = resp.read().decode()
        if resp.status >= 300:
            sys.exit(f"{path} answered {resp.status}: {data}")
        for name, value in resp.getheaders():
            if name.lower() == "set-cookie" and value.startswith("avrop_session="):
                self.cookie = value.split(";", 1)[0]
        conn.close()
        return json.loads(data) if data else None


def login(base, user):
    client = Client(base)
    client.post_form("/api/auth/login", {"username": user, "password": PASSWORD})
    if not client.cookie:
        sys.exit(f"logging in {user} set no session cookie")
    return client


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    client = login(sys.argv[1], ADMIN)
    token = client.post_form(
        "/api/auth/tokens/create",
        [("name", "API-kontraktstest")] + [("permissions[]", p) for p in PERMISSIONS],
    )
    page = client.post_form("/api/fulfilment/keys", {})
    supplier = page["suppliers"][0][0]
    key = client.post_form(
        "/api/fulfilment/keys/create", {"supplier_id": str(supplier), "name": "API-kontraktstest"}
    )
    print(f"AVROP_TOKEN={token['secret']}")
    print(f"AVROP_SUPPLIER_KEY={key['secret']}")
    for role, user in SESSIONS.items():
        print(f"AVROP_SESSION_{role}={login(sys.argv[1], user).cookie.split('=', 1)[1]}")


if __name__ == "__main__":
    main()
