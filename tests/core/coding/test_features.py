"""TF-IDF features of segmented titles: words, character bigrams and trigrams."""

import numpy as np

from chanjiao.core.coding.cleaning import Segment
from chanjiao.core.coding.features import FeatureVectorizer, segment_features


def test_words_and_character_n_grams_are_counted_and_brackets_weigh_less():
    features = segment_features([Segment(("数控", "车工")), Segment(("包吃住",), bracketed=True)], 0.5)
    assert features == {
        "w:数控": 1.0,
        "w:车工": 1.0,
        "c2:数控": 1.0,
        "c2:控车": 1.0,
        "c2:车工": 1.0,
        "c3:数控车": 1.0,
        "c3:控车工": 1.0,
        "w:包吃住": 0.5,
        "c2:包吃": 0.5,
        "c2:吃住": 0.5,
        "c3:包吃住": 0.5,
    }


def test_single_characters_and_latin_words_get_no_character_n_grams():
    assert segment_features([Segment(("焊", "java"))]) == {"w:java": 1.0}


def test_rows_are_unit_length_and_unseen_features_are_ignored():
    # given
    vectorizer = FeatureVectorizer()
    vectorizer.fit([[Segment(("焊工",))], [Segment(("电工",))], [Segment(("车工",))]])
    # when
    matrix = vectorizer.transform([[Segment(("电焊工",))], [Segment(("厨师",))]])
    # then
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    assert np.allclose(norms, [1.0, 0.0])
    assert matrix[1].nnz == 0


def test_fit_transform_equals_fit_then_transform():
    documents = [[Segment(("焊工",))], [Segment(("电工", "学徒"))]]
    vectorizer = FeatureVectorizer()
    together = vectorizer.fit_transform(documents)
    apart = FeatureVectorizer().fit(documents).transform(documents)
    assert np.allclose(together.toarray(), apart.toarray())


def test_a_rarer_feature_weighs_more():
    vectorizer = FeatureVectorizer().fit(
        [[Segment(("电工",))], [Segment(("电工", "学徒"))], [Segment(("焊工",))]]
    )
    common, rare = (vectorizer.weights_[vectorizer.vocabulary_[f"w:{word}"]] for word in ("电工", "焊工"))
    assert rare > common
