"""fundus.metrics against scikit-learn (a test-only dependency) and hand cases."""
import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score
from sklearn.metrics import confusion_matrix as sk_confusion

from fundus.grades import (DEFAULT_CUT_POINTS, grade_name, is_referable, ordinal_decode,
                           ordinal_encode, score_to_grade)
from fundus.metrics import (confusion_matrix, per_class_recall, qwk,
                            referable_sensitivity_specificity, summary)


def test_qwk_matches_sklearn_on_many_random_cases():
    rng = np.random.default_rng(0)
    for _ in range(300):
        n = int(rng.integers(2, 200))
        y = rng.integers(0, 5, n)
        # Mix of agreement levels: noisy copies of y and independent draws.
        p = np.clip(y + rng.integers(-2, 3, n) * (rng.random(n) < rng.random()), 0, 4)
        expected = cohen_kappa_score(y, p, weights="quadratic", labels=range(5))
        if np.isnan(expected):
            continue
        assert qwk(y, p) == pytest.approx(expected, abs=1e-9)


def test_qwk_extremes():
    y = np.array([0, 1, 2, 3, 4] * 4)
    assert qwk(y, y) == 1.0
    assert qwk(y, 4 - y) < 0


def test_confusion_matrix_matches_sklearn_and_normalises_rows():
    rng = np.random.default_rng(1)
    y, p = rng.integers(0, 5, 500), rng.integers(0, 5, 500)
    np.testing.assert_array_equal(confusion_matrix(y, p), sk_confusion(y, p, labels=range(5)))
    norm = confusion_matrix(y, p, normalize=True)
    np.testing.assert_allclose(norm.sum(1), 1.0)
    assert per_class_recall(y, p) == pytest.approx(list(np.diag(norm)))


def test_referable_sensitivity_specificity_by_hand():
    y = [0, 1, 2, 3, 4, 2, 0]
    p = [0, 2, 2, 1, 4, 3, 0]
    # referable truths: idx 2,3,4,5 -> predicted referable at 2,4,5 -> 3/4
    # non-referable truths: idx 0,1,6 -> predicted non-referable at 0,6 -> 2/3
    sens, spec = referable_sensitivity_specificity(y, p)
    assert sens == pytest.approx(3 / 4) and spec == pytest.approx(2 / 3)


def test_summary_is_json_ready_and_rejects_bad_grades():
    import json
    s = summary([0, 1, 2], [0, 1, 1])
    json.dumps(s)
    assert s["n"] == 3 and s["per_class_recall"][3] is None
    with pytest.raises(ValueError):
        qwk([0, 5], [0, 1])


def test_score_to_grade_and_referable():
    assert score_to_grade(0.49) == 0 and score_to_grade(0.5) == 1 and score_to_grade(3.9) == 4
    np.testing.assert_array_equal(score_to_grade(np.array([-1, 1.0, 2.6]), DEFAULT_CUT_POINTS), [0, 1, 3])
    assert not is_referable(1) and is_referable(2) and is_referable(None)
    assert grade_name(None) == "Ungradable" and grade_name(4) == "Proliferative DR"


def test_ordinal_round_trip():
    grades = np.arange(5)
    enc = ordinal_encode(grades)
    assert enc.tolist()[2] == [1, 1, 0, 0]
    np.testing.assert_array_equal(ordinal_decode(enc), grades)


def test_referable_auc_matches_scikit_learn_with_ties():
    from sklearn.metrics import roc_auc_score

    from fundus.metrics import referable_auc

    rng = np.random.default_rng(0)
    grades = rng.integers(0, 5, 400)
    scores = np.round(grades + rng.normal(0, 1.5, 400), 1)  # rounding makes ties
    assert referable_auc(grades, scores) == pytest.approx(roc_auc_score(grades >= 2, scores))
    assert referable_auc([0, 1, 1], [0.1, 0.2, 0.3]) is None


def test_bootstrap_ci_brackets_the_statistic_and_resamples_whole_groups():
    from fundus.metrics import bootstrap_ci, referable_auc

    rng = np.random.default_rng(1)
    grades = rng.integers(0, 5, 300)
    scores = grades + rng.normal(0, 1.5, 300)
    low, high = bootstrap_ci(referable_auc, grades, scores, n=400)
    assert low < referable_auc(grades, scores) < high and high - low < 0.15
    # Duplicated eyes (two per patient, identical): resampling patients widens the interval
    # compared with pretending the 600 eyes are independent.
    twice = np.repeat(grades, 2), np.repeat(scores, 2)
    narrow = bootstrap_ci(referable_auc, *twice, n=400)
    wide = bootstrap_ci(referable_auc, *twice, n=400, groups=np.repeat(np.arange(300), 2))
    assert wide[1] - wide[0] > 1.2 * (narrow[1] - narrow[0])


def test_weights_count_a_sample_as_many_and_referral_includes_ungradable():
    from fundus.metrics import qwk, referral_sensitivity_specificity

    truth, pred = np.array([0, 1, 2, 3, 4, 2]), np.array([0, 2, 2, 1, 4, 0])
    weights = np.array([1, 3, 1, 2, 1, 1])
    repeated = np.repeat(np.arange(6), weights)
    assert qwk(truth, pred, weights=weights) == pytest.approx(qwk(truth[repeated], pred[repeated]))
    refer = np.array([False, True, True, False, True, True])  # the last: ungradable, referred
    assert referral_sensitivity_specificity(truth, refer) == (0.75, 0.5)
    assert referral_sensitivity_specificity(truth, refer, weights) == (pytest.approx(3 / 5), pytest.approx(1 / 4))
