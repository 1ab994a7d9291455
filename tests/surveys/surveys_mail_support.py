"""A mail backend for the reminder tests: refuses one address, delivers the rest to the outbox."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend

REFUSED = "refused@example.edu.cn"


class RefusingBackend(EmailBackend):
    def send_messages(self, messages):
        for message in messages:
            if REFUSED in message.to:
                raise smtplib.SMTPRecipientsRefused({REFUSED: (550, b"mailbox unavailable")})
        return super().send_messages(messages)
