import json

from chanjiao.core.credit import EnterpriseYear, Policy
from chanjiao.core.credit.wording import ENGLISH, Wording, basis_text, change_text, reason_text
from chanjiao.core.incentives import automatic_incentives


def _stored(facts):
    return json.loads(json.dumps(facts))


def _records(**fields):
    return [EnterpriseYear(year, **fields) for year in (2022, 2023, 2024)]


def test_facts_kept_as_json_word_the_same_english_as_the_rules():
    # given a B enterprise with one red light, little R&D and no revenue in one year
    records = _records(interns_hosted=30, rd_spending=10_000, revenue=1_000_000, mentors_provided=1)
    records[1] = EnterpriseYear(2023, interns_hosted=3, evaluation_light="red", breaches=1)
    eligibility = automatic_incentives(records, Policy())
    rating = eligibility.rating
    # when its facts go through JSON and are worded again
    reasons = [reason_text(reason) for reason in _stored(list(rating.reason_facts))]
    paths = [[change_text(c) for c in _stored(list(path.change_facts))] for path in rating.paths_up]
    basis = [[basis_text(item) for item in _stored(list(d.basis_facts))] for d in eligibility.decisions]
    # then the sentences are the rules' own English
    assert rating.rating == "B"
    assert reasons == list(rating.reasons)
    assert paths == [list(path.changes) for path in rating.paths_up]
    assert basis == [list(d.basis) for d in eligibility.decisions]
    assert reasons[-2:] == [
        "capped at B: breaches of agreement in 2022–2024: 1 (cap applies at ≥ 1)",
        "capped at A: red evaluation lights in 2022–2024: 1 (cap applies at ≥ 1)",
    ]


def test_another_wording_words_the_same_facts():
    # given a wording with its own templates and labels
    wording = Wording(
        labels={**ENGLISH.labels, "mentors_provided": "MENTORS"},
        more="%(period)s %(metric)s +%(amount)s [%(now)s → %(bound)s]",
        rating_below="%(rating)s < %(required)s",
    )
    records = [*_records(interns_hosted=30)[:2], EnterpriseYear(2024, interns_hosted=30, mentors_provided=1)]
    eligibility = automatic_incentives(records, Policy())
    path_to_a = eligibility.rating.paths_up[0]
    # when the change up and a decision's basis are worded with it
    change = change_text(path_to_a.change_facts[0], wording)
    basis = basis_text(eligibility.decisions[0].basis_facts[0], wording)
    # then the sentences follow the wording
    assert (path_to_a.rating, change) == ("A", "2022–2024 MENTORS +1 [1 → ≥ 2]")
    assert basis == "B < AAA"
