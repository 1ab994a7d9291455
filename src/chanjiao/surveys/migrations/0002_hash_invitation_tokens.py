"""Invitation links: keep the hash of each token, not the token. Links already sent keep working
(their tokens hash to the stored hashes); nobody can read them back from the database any more."""

import hashlib

from django.db import migrations, models


def hash_tokens(apps, schema_editor):
    Invitation = apps.get_model("surveys", "Invitation")
    invitations = list(Invitation.objects.only("pk", "token"))
    for invitation in invitations:
        # The same SHA-256 as chanjiao.accounts.models.hash_token, frozen here as the migration's own.
        invitation.token_hash = hashlib.sha256(invitation.token.encode()).hexdigest()
    Invitation.objects.bulk_update(invitations, ["token_hash"], batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="invitation",
            name="token_hash",
            field=models.CharField(blank=True, editable=False, max_length=64, null=True, unique=True),
        ),
        # Irreversible: a hash cannot give back its token.
        migrations.RunPython(hash_tokens, elidable=False),
        migrations.RemoveField(
            model_name="invitation",
            name="token",
        ),
    ]
