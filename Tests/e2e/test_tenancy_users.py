"""People in the browser and over the API, through nginx with real mail: an admin invites a user who
chooses a password from the e-mail's link; a forgotten password is reset from the sign-in page; a
deactivated user is shut out at once; a link's token reaches no log."""
import os
import uuid

import pytest

from conftest import wait_until
from maildir import mails_to, password_link
from tenants import create_tenant, login


@pytest.fixture(scope="module")
def tenant(client, platform):
    return create_tenant(client, platform, "People")


def one_mail_to(address):
    assert wait_until(lambda: len(mails_to(address)) == 1), f"no e-mail to {address}"
    return mails_to(address)[0]


def row_of(page, email):
    return next(row for row in page.all("table.users tbody tr") if email in row.find_element("css selector", "th").text)


def test_an_admin_invites_a_user_who_chooses_a_password_from_the_mail(page, client, tenant):
    address = f"invited-{uuid.uuid4().hex[:8]}@people.example"
    page.sign_in(tenant.emails["admin"], tenant.password)
    page.go("/users")
    page.type("#email", address)
    page.select("#role", value="editor")
    page.click("form.stacked button[type=submit]")
    assert "The invitation is on its way" in page.text(".notice")
    assert "invited" in row_of(page, address).text
    page.shot("users-invited")

    mail = one_mail_to(address)
    assert mail["Subject"] == f"You are invited to {tenant.name} on budgetd"
    link = password_link(mail)
    page.click("form[action='/logout'] button")
    page.go(link)
    assert page.path == "/password/new", "the token left the address bar"
    assert address in page.text("main")
    page.type("#password", "short")
    page.type("#confirmation", "short")
    page.submit()
    assert "must be at least 10 characters" in page.text("#password-error")
    page.type("#password", "a long enough password")
    page.type("#confirmation", "a long enough password")
    page.submit()
    assert page.path == "/login"
    assert "Your password is set" in page.text(".notice")
    page.sign_in(address, "a long enough password")
    assert page.path == "/budgets"
    assert "editor" in page.text(".nav-user")
    page.go(link)
    assert "This link has expired or was used already" in page.text("#link-dead"), "a link works once"


def test_a_forgotten_password_is_reset_from_the_sign_in_page(page, client, tenant):
    address = f"forgetful-{uuid.uuid4().hex[:8]}@people.example"
    r = client.post("/api/users", {"email": address, "role": "viewer", "password": "the old long password"}, token=tenant.admin)
    assert r.status == 201, r.text
    page.go("/login")
    page.click("#forgot-link")
    page.type("#email", address)
    page.submit()
    assert f"If {address} belongs to an account" in page.text("#reset-sent")
    mail = one_mail_to(address)
    assert "reset" in mail["Subject"].lower()
    page.go(password_link(mail))
    page.type("#password", "the new long password")
    page.type("#confirmation", "the new long password")
    page.submit()
    assert "Your password is set" in page.text(".notice")
    assert client.post("/api/auth/token", {"email": address, "password": "the old long password"}).status == 401
    login(client, address, "the new long password")


def test_an_unknown_address_gets_the_same_answer_and_no_mail(page):
    address = f"nobody-{uuid.uuid4().hex[:8]}@people.example"
    page.go("/password/forgot")
    page.type("#email", address)
    page.submit()
    assert f"If {address} belongs to an account" in page.text("#reset-sent")
    assert mails_to(address) == []


def test_a_deactivated_user_is_shut_out_at_once_and_can_come_back(page, client, tenant):
    address = f"leaver-{uuid.uuid4().hex[:8]}@people.example"
    r = client.post("/api/users", {"email": address, "role": "editor", "password": "a long enough password"}, token=tenant.admin)
    assert r.status == 201, r.text
    theirs = login(client, address, "a long enough password")
    assert client.get("/api/me", token=theirs).status == 200

    page.sign_in(tenant.emails["admin"], tenant.password)
    page.go("/users")
    activation = f"form.activation[action='/users/{user_id(client, tenant, address)}'] button"
    page.click(activation)
    assert "deactivated" in page.text(".notice")
    assert "deactivated" in row_of(page, address).text
    r = client.get("/api/me", token=theirs)
    assert r.status == 401 and "deactivated" in r.json()["message"]
    assert client.post("/api/auth/token", {"email": address, "password": "a long enough password"}).status == 401

    page.click(activation)
    assert "deactivated" not in row_of(page, address).text and "active" in row_of(page, address).text
    login(client, address, "a long enough password")


def user_id(client, tenant, address):
    users = client.get("/api/users", token=tenant.admin).json()["users"]
    return next(u["id"] for u in users if u["email"] == address)


def test_an_admin_changes_a_role_on_the_page_and_not_their_own(page, client, tenant):
    page.sign_in(tenant.emails["admin"], tenant.password)
    page.go("/users")
    assert "(you)" in row_of(page, tenant.emails["admin"]).text
    assert row_of(page, tenant.emails["admin"]).find_elements("css selector", "select") == [], "no role to change on one's own row"
    viewer_id = user_id(client, tenant, tenant.emails["viewer"])
    page.select(f"#role-{viewer_id}", value="editor")
    page.click(f"#role-{viewer_id} ~ button")
    assert "The user was changed" in page.text(".notice")
    assert client.get(f"/api/users/{viewer_id}", token=tenant.admin).json()["role"] == "editor"
    assert client.patch(f"/api/users/{viewer_id}", {"role": "viewer"}, token=tenant.admin).status == 200


def test_only_admins_see_and_open_the_users_page(page, tenant):
    page.sign_in(tenant.emails["editor"], tenant.password)
    assert page.all("a[href='/users']") == []
    page.go("/users")
    assert "403" in page.driver.title or "may not manage users" in page.text("main")


def test_the_api_adds_invites_reads_and_changes_users(client, tenant):
    address = f"api-{uuid.uuid4().hex[:8]}@people.example"
    r = client.post("/api/users", {"email": address, "role": "viewer"}, token=tenant.admin)
    assert r.status == 201 and r.json()["status"] == "invited" and r.json()["deactivatedAt"] is None
    new_id = r.json()["id"]
    assert r.header("Location") == f"/api/users/{new_id}"
    assert client.get(f"/api/users/{new_id}", token=tenant.admin).json()["email"] == address
    r = client.post(f"/api/users/{new_id}/invitation", token=tenant.admin)
    assert r.status == 202
    assert wait_until(lambda: len(mails_to(address)) == 2)
    r = client.patch(f"/api/users/{new_id}", {"active": False}, token=tenant.admin)
    assert r.status == 200 and r.json()["status"] == "deactivated" and r.json()["deactivatedAt"]
    assert client.post(f"/api/users/{new_id}/invitation", token=tenant.admin).status == 409
    assert client.patch(f"/api/users/{new_id}", {"active": "yes"}, token=tenant.admin).status == 400
    assert client.patch(f"/api/users/{new_id}", {"role": "viewer"}, token=tenant.token("editor")).status == 403
    assert client.post("/api/users", {"email": address, "role": "viewer", "password": ""}, token=tenant.admin).status == 400


def test_a_link_token_reaches_no_log(client, tenant):
    address = f"logged-{uuid.uuid4().hex[:8]}@people.example"
    assert client.post("/api/users", {"email": address, "role": "viewer"}, token=tenant.admin).status == 201
    link = password_link(one_mail_to(address))
    token = link.split("token=")[1]
    r = client.request("GET", link, contract=False)
    assert r.status == 303
    worker_log = os.environ["BUDGETD_WORKER_LOG"]
    access_log = os.path.join(os.path.dirname(worker_log), "nginx-access.log")
    assert wait_until(lambda: "/password/new?token=[masked]" in open(access_log).read())
    for log in (worker_log, access_log):
        assert token not in open(log).read(), log
