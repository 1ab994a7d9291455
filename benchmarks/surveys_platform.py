"""Benchmark: the surveys app on a scratch SQLite database, as a user meets it.

Cases (seed-001 questionnaire, responses simulated from its population model):
  * importing the paper's 600 responses and a province-sized 20,000 (CSV, checked row by row);
  * one respondent submitting through the public form when 600 / 20,000 responses exist (every
    submission screens the whole questionnaire again: the too-fast rule depends on the median);
  * the analysis run during the request (600) and the report page;
  * cooperation satisfaction of every organisation over 20,000 responses.
Targets: a submission <= 0.5 s at 600 and <= 3 s at 20,000 responses; the in-request analysis
with its report page <= 5 s at 600. Run:
    .venv/bin/python benchmarks/surveys_platform.py
"""

from __future__ import annotations

import os
import tempfile
import time

SUBMIT_TARGETS = {600: 0.5, 20_000: 3.0}
ANALYSIS_TARGET = 5.0


def timed(function):
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


def main() -> None:
    scratch = tempfile.mkdtemp(prefix="surveys-bench-")
    os.environ.update(
        CHANJIAO_VAR=scratch,
        DJANGO_SETTINGS_MODULE="chanjiao.config.settings",
        ALLOWED_HOSTS="testserver",
        STATICFILES_BACKEND="django.contrib.staticfiles.storage.StaticFilesStorage",
    )
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone

    from chanjiao.accounts.models import Role, User
    from chanjiao.core.surveys import load_instrument, simulate_instrument
    from chanjiao.registry.models import Organisation
    from chanjiao.surveys.imports import commit_response_import
    from chanjiao.surveys.models import Response
    from chanjiao.surveys.selectors import satisfaction_scores
    from chanjiao.surveys.services import create_from_template, invite, start_analysis

    call_command("migrate", "--no-input", "-v", "0")
    bureau = Organisation.objects.create(kind="government", name="苏州市教育局", region_id=320500)
    officer = User.objects.create_user("bench-officer", role=Role.GOVERNMENT, organisation=bureau)
    instrument = load_instrument("seed001")
    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")

    for size in (600, 20_000):
        questionnaire = create_from_template(actor=officer, owner=bureau)
        csv = simulate_instrument(instrument, size, seed=size).responses.to_csv(index=False).encode()
        seconds, result = timed(
            lambda q=questionnaire, data=csv: commit_response_import(
                questionnaire=q, data=data, filename="responses.csv", user=officer
            )
        )
        assert result.ok, result.errors[:3]
        print(f"{size:>6} responses: import (check every row, save, screen)  {seconds:6.2f} s")
        token = invite(actor=officer, questionnaire=questionnaire, target_group="teacher", count=1)[0].token
        respondent = Client()
        respondent.get(f"/surveys/respond/{token}/")
        answers = {item.code: 4 if index % 2 else 3 for index, item in enumerate(instrument.items)}
        seconds, response = timed(
            lambda c=respondent, t=token, a=answers: c.post(f"/surveys/respond/{t}/", a)
        )
        assert response.status_code == 200
        verdict = "meets" if seconds <= SUBMIT_TARGETS[size] else "MISSES"
        print(
            f"{size:>6} responses: one public submission               {seconds:6.2f} s  ({verdict} {SUBMIT_TARGETS[size]} s)"
        )
        if size == 600:
            seconds, analysis = timed(
                lambda q=questionnaire: start_analysis(
                    actor=officer, questionnaire=q, data={"ordinal": False}
                )
            )
            owner = Client()
            owner.force_login(officer)
            page_seconds, page = timed(lambda c=owner, a=analysis: c.get(f"/surveys/analyses/{a.pk}/"))
            assert page.status_code == 200
            total = seconds + page_seconds
            verdict = "meets" if total <= ANALYSIS_TARGET else "MISSES"
            print(f"{size:>6} responses: analysis in the request              {seconds:6.2f} s")
            print(f"{size:>6} responses: report page                          {page_seconds:6.2f} s")
            print(
                f"{size:>6} responses: analysis + report page               {total:6.2f} s  ({verdict} {ANALYSIS_TARGET} s)"
            )
    enterprises = Organisation.objects.bulk_create(
        [Organisation(kind="enterprise", name=f"企业{n}", region_id=320505) for n in range(500)]
    )
    responses = list(Response.objects.only("pk"))
    for index, response in enumerate(responses):
        response.organisation_id = enterprises[index % len(enterprises)].pk
    Response.objects.bulk_update(responses, ["organisation_id"], batch_size=2000)
    year = timezone.localtime().year
    seconds, scores = timed(lambda: satisfaction_scores(year, by="organisation"))
    print(
        f"satisfaction_scores, {len(responses)} responses      {seconds:6.2f} s  ({len(scores)} organisations)"
    )
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
