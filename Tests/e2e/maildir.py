"""The test Maildir that scripts/lib/sendmail-to-folder writes: what budgetd sent, parsed."""
import email
import email.policy
import os
import re


def mails_to(address):
    """The messages addressed to `address`, oldest first."""
    folder = os.path.join(os.environ["BUDGETD_TEST_MAIL_DIR"], "new")
    found = []
    for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
        with open(os.path.join(folder, name), "rb") as f:
            message = email.message_from_binary_file(f, policy=email.policy.default)
        if message["To"] == address:
            found.append(message)
    return found


def text_of(message):
    return message.get_body(("plain",)).get_content()


def password_link(message):
    """The path (with its token) of the password link an invitation or reset carries."""
    match = re.search(r"https?://[^/\s]+(/password/new\?token=[A-Za-z0-9_-]{43})", text_of(message))
    assert match, text_of(message)
    return match.group(1)
