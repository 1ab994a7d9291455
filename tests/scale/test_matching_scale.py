"""Many regions' rounds at once: the cluster gives each region the matching of one process."""

import numpy as np

from chanjiao.scale.matching import Market, match_market, match_markets


def random_market(region, n_students, n_positions, seed):
    rng = np.random.default_rng(seed)
    width = 5
    choices = np.full((n_students, width), -1, dtype=np.int32)
    scores = np.zeros((n_students, width))
    for student in range(n_students):
        listed = rng.choice(n_positions, int(rng.integers(1, width + 1)), replace=False)
        choices[student, : len(listed)] = listed
        scores[student, : len(listed)] = rng.uniform(0, 1, len(listed))
    return Market(region, choices, scores, rng.integers(1, 4, n_positions), lottery_seed=seed)


def test_the_rounds_of_many_regions_on_the_cluster_equal_one_process(client):
    # given
    markets = [
        random_market(region, 300 + 40 * number, 60, seed=number)
        for number, region in enumerate((320000, 440000, 510000, 650000))
    ]
    # when
    results = match_markets(client, markets)
    # then
    assert list(results) == [320000, 440000, 510000, 650000]
    for market in markets:
        alone = match_market(market)
        result = results[market.region]
        assert result.assignment.tolist() == alone.assignment.tolist()
        assert result.choice_index.tolist() == alone.choice_index.tolist()
        assert result.seats_filled.tolist() == alone.seats_filled.tolist()
        assert result.n_proposals == alone.n_proposals
        assert 0 < result.n_matched <= int(market.capacity.sum())
