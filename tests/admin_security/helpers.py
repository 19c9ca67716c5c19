"""Signing in as people do, through allauth's form: force_login skips what signing in records (the time,
the password's check, the second factor's step)."""

PASSWORD = "a-long-test-password"


def sign_in(client, user, password=PASSWORD, *, next_path="", **headers):
    url = "/accounts/login/" + (f"?next={next_path}" if next_path else "")
    return client.post(url, {"login": user.email, "password": password}, **headers)
