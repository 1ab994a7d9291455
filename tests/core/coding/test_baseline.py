"""The TF-IDF nearest-name baseline."""

from chanjiao.core.coding.baseline import NearestNameBaseline


def test_a_title_equal_to_a_name_gets_that_code():
    baseline = NearestNameBaseline().fit()
    titles = ["焊工", "起重装卸机械操作工", "内科护士"]
    assert baseline.predict(titles).tolist() == ["6-18-02-04", "6-30-05-01", "2-05-08-01"]
    assert len(baseline.codes_) == 1696
