"""Triage bands and policies (fundus/triage.py) and the rules that set their thresholds
(converter/triage.py), on numbers; the bundle, grader and converter tests run them on
real photos."""
from __future__ import annotations

import numpy as np
import pytest

from converter import UserError
from converter.triage import clear_threshold, plain_sentence, republished_version, urgent_threshold
from fundus.triage import (BANDS, CLEAR, HEALTHY, MODERATE, REFER, SIGHT_THREATENING, UNGRADABLE, URGENT, Policy,
                           Triage, band_mix, is_referred, plain_numbers)

POLICY = Policy("p", clear_below=0.5, urgent_from=1.0)


def section(**change) -> dict:
    d = {"default": "p", "policies": {"p": {"clear_below": 0.5, "urgent_from": 1.0},
                                      "q": {"clear_below": 0.2, "urgent_from": 1.0}}}
    d.update(change)
    return d


def test_bands_follow_the_thresholds_and_a_missing_score_is_ungradable():
    scores = [0.1, 0.4999, 0.5, 0.9999, 1.0, 3.0, None, np.nan]
    assert POLICY.bands(scores).tolist() == [CLEAR, CLEAR, REFER, REFER, URGENT, URGENT, UNGRADABLE, UNGRADABLE]
    assert POLICY.band(0.7) == REFER and POLICY.band(None) == UNGRADABLE
    assert [is_referred(b) for b in BANDS] == [True, True, False, True]  # only clear is not referred


def test_equal_thresholds_leave_no_refer_band():
    policy = Policy("two bands", 0.8, 0.8)
    assert policy.bands([0.79, 0.8]).tolist() == [CLEAR, URGENT]


@pytest.mark.parametrize("clear, urgent", [(1.2, 1.0), (float("nan"), 1.0), (0.5, float("inf"))])
def test_a_policy_needs_ordered_finite_thresholds(clear, urgent):
    with pytest.raises(ValueError, match="ordered|finite"):
        Policy("bad", clear, urgent)


def test_a_triage_section_names_its_default_and_policies():
    triage = Triage.from_dict(section())
    assert triage.policy() == POLICY and triage.policy("q").clear_below == 0.2
    with pytest.raises(KeyError, match="no triage policy 'r'"):
        triage.policy("r")


@pytest.mark.parametrize("change, message", [
    ({"default": "r"}, "default 'r' is not one of"),
    ({"policies": {}}, "non-empty"),
    ({"policies": {"p": {"clear_below": 0.5}}}, "clear_below and urgent_from"),
    ({"policies": {"p": {"clear_below": 2, "urgent_from": 1}}}, "ordered"),
])
def test_a_malformed_triage_section_is_refused(change, message):
    with pytest.raises(ValueError, match=message):
        Triage.from_dict(section(**change))


def test_band_mix_gives_each_grade_groups_shares_with_patient_intervals():
    rng = np.random.default_rng(0)
    grades = np.repeat(rng.integers(0, 5, 200), 2)
    bands = POLICY.bands(grades * 0.4 + np.repeat(rng.normal(0, 0.3, 200), 2))
    bands[:4] = UNGRADABLE
    patients = np.repeat(np.arange(200), 2)
    mix = band_mix(grades, bands, patients, n_boot=300)
    for group, entry in mix.items():
        members = np.isin(grades, {HEALTHY: (0, 1), MODERATE: (2,), SIGHT_THREATENING: (3, 4)}[group])
        assert entry["n"] == members.sum()
        assert sum(entry[b]["share"] for b in BANDS) == pytest.approx(1)
        for band in BANDS:
            assert entry[band]["share"] == pytest.approx(np.mean(bands[members] == band))
            low, high = entry[band]["ci95"]
            assert low <= entry[band]["share"] <= high
    assert mix[HEALTHY][CLEAR]["ci95"][1] > mix[HEALTHY][CLEAR]["ci95"][0]


def test_band_mix_of_an_absent_group_has_no_shares():
    mix = band_mix([0, 1, 2], [CLEAR, CLEAR, REFER], ["a", "b", "c"], n_boot=50)
    assert mix[SIGHT_THREATENING] == {"n": 0}


def rated(healthy_clear: float, severe_clear: float) -> Triage:
    rate = lambda share: {"n": 40, CLEAR: {"share": share, "ci95": [share / 2, min(1.0, share * 2)]}}  # noqa: E731
    return Triage.from_dict({**section(), "plain_words": {HEALTHY: "field", SIGHT_THREATENING: "holdout"},
                             "policies": {"p": {"clear_below": 0.5, "urgent_from": 1.0, "rates": {
                                 "field": {HEALTHY: rate(healthy_clear)},
                                 "holdout": {SIGHT_THREATENING: rate(severe_clear)}}}}})


@pytest.mark.parametrize("healthy, severe, of_10, of_100", [(0.55, 0.04, 6, 4), (0.549, 0.005, 5, 1),
                                                            (0.95, 0.046875, 10, 5), (0.04, 0.0, 0, 0)])
def test_plain_numbers_round_the_measured_shares(healthy, severe, of_10, of_100):
    plain = plain_numbers(rated(healthy, severe))
    assert (plain.healthy_of_10, plain.sight_threatening_of_100) == (of_10, of_100)
    assert plain.healthy_cleared.set == "field" and plain.sight_threatening_cleared.set == "holdout"
    assert plain_sentence(plain) == (f"clears about {of_10} of 10 healthy eyes; about {of_100} of 100 "
                                     "sight-threatening eyes would be cleared")


def test_plain_numbers_need_the_rates_the_manifest_points_to():
    triage = rated(0.5, 0.05)
    with pytest.raises(KeyError, match="no measured grade 0-1 rate"):
        plain_numbers(Triage.from_dict({**triage.section, "plain_words": {HEALTHY: "elsewhere"}}))
    with pytest.raises(KeyError, match="no triage policy"):
        plain_numbers(triage, "r")


def test_the_clear_threshold_is_the_highest_that_keeps_the_share_cleared():
    scores = np.arange(1.0, 41.0)  # 40 sight-threatening eyes: 5 % is 2 eyes
    threshold = clear_threshold(scores, 0.05)
    assert np.mean(scores < threshold) == 0.05
    assert threshold == 2.5  # midway between the last cleared and the first kept score
    assert np.mean(scores < 3.0 + 1e-9) > 0.05  # any higher, past the next score, clears too many
    with_ties = clear_threshold(np.array([1.0, 2.0, 2.0, 2.0] + [5.0] * 36), 0.05)
    assert np.mean(np.array([1.0, 2.0, 2.0, 2.0] + [5.0] * 36) < with_ties) <= 0.05 and with_ties == 1.5


def test_the_urgent_threshold_is_the_lowest_that_keeps_the_share_urgent():
    scores = np.arange(1.0, 21.0)  # 20 healthy eyes: 10 % is 2 eyes
    threshold = urgent_threshold(np.append(scores, np.nan), 0.10)  # an ungradable eye sets nothing
    assert np.mean(scores >= threshold) == 0.10 and threshold == 18.5
    assert np.mean(scores >= 18.0) > 0.10  # any lower, down to the next score, makes too many urgent


def test_too_few_calibration_eyes_for_the_limit_are_refused():
    with pytest.raises(UserError, match="only 19 gradable grade 3-4 calibration eyes"):
        clear_threshold(np.arange(19.0), 0.05)
    with pytest.raises(UserError, match="grade 0-1"):
        urgent_threshold(np.append(np.arange(9.0), np.nan), 0.10)


def test_a_republished_version_names_its_manifest_and_sorts_after_the_converted_one():
    from datetime import datetime, timezone

    manifest = {"version": "2026.11.27-42deff1b", "model": {"keras_sha256": "42deff1b" + "0" * 56}, "triage": {}}
    when = datetime(2026, 12, 3, tzinfo=timezone.utc)
    version = republished_version(manifest, when)
    assert version.startswith("2026.12.03-42deff1b-") and version > manifest["version"]
    assert republished_version({**manifest, "version": "x"}, when) == version  # its own version is not hashed
    assert republished_version({**manifest, "triage": {"default": "p"}}, when) != version
    same_day = republished_version({**manifest, "version": "2026.12.03-42deff1b"}, when)
    assert same_day > "2026.12.03-42deff1b"  # a prefix sorts first: republished the day it was converted
