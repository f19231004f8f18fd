"""Missing episodes: timezone-aware moments, the 90-day window and entry checks."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from schakel.cases.domain.missing import (
    MissingEpisode,
    currently_missing,
    episode_problems,
    episodes_in_window,
    repeated_missing,
)

NOW = datetime(2026, 3, 15, 12, 0, tzinfo=UTC)
AMSTERDAM_SUMMER = timezone(timedelta(hours=2))


def ended(days_ago: float, hours: float = 5) -> MissingEpisode:
    start = NOW - timedelta(days=days_ago)
    return MissingEpisode(start=start, end=start + timedelta(hours=hours))


def ongoing(days_ago: float) -> MissingEpisode:
    return MissingEpisode(start=NOW - timedelta(days=days_ago))


def test_naive_datetimes_are_refused_everywhere():
    naive = datetime(2026, 3, 1, 12, 0)  # noqa: DTZ001 - the point of the test
    with pytest.raises(ValueError, match="timezone-aware"):
        MissingEpisode(start=naive)
    with pytest.raises(ValueError, match="end"):
        MissingEpisode(start=NOW, end=naive)
    with pytest.raises(ValueError, match="now"):
        repeated_missing([], naive)
    with pytest.raises(ValueError, match="start"):
        episode_problems(naive, None, NOW)
    with pytest.raises(ValueError, match="end"):
        episode_problems(NOW, naive, NOW)
    with pytest.raises(ValueError, match="now"):
        episode_problems(NOW, None, naive)


def test_currently_missing_means_an_episode_without_end():
    assert not currently_missing([])
    assert not currently_missing([ended(3)])
    assert currently_missing([ended(30), ongoing(1)])


def test_two_episodes_in_90_days_is_repeated_missing():
    assert not repeated_missing([], NOW)
    assert not repeated_missing([ended(10)], NOW)
    assert repeated_missing([ended(10), ended(60)], NOW)


def test_the_window_edge_is_included_to_the_second():
    edge = MissingEpisode(start=NOW - timedelta(days=90), end=NOW - timedelta(days=89))
    just_outside = MissingEpisode(
        start=NOW - timedelta(days=90, seconds=1), end=NOW - timedelta(days=89)
    )
    assert repeated_missing([edge, ended(1)], NOW)
    assert not repeated_missing([just_outside, ended(1)], NOW)


def test_an_episode_that_started_right_now_counts():
    assert repeated_missing([ended(5), MissingEpisode(start=NOW)], NOW)


def test_an_ongoing_episode_counts_however_long_ago_it_started():
    long_ago = ongoing(200)
    assert repeated_missing([long_ago, ended(20)], NOW)
    assert episodes_in_window([ended(20), long_ago], NOW) == [long_ago, ended(20)]


def test_an_episode_starting_after_now_never_counts():
    future = MissingEpisode(start=NOW + timedelta(hours=1))
    assert not repeated_missing([future, ended(2)], NOW)


def test_threshold_and_window_are_configurable():
    episodes = [ended(10), ended(40), ended(80)]
    assert repeated_missing(episodes, NOW, threshold=3)
    assert not repeated_missing(episodes, NOW, threshold=4)
    assert not repeated_missing(episodes, NOW, window_days=30)
    assert repeated_missing(episodes, NOW, window_days=40)


@pytest.mark.parametrize("kwargs", [{"threshold": 0}, {"window_days": 0}])
def test_nonsense_settings_are_refused(kwargs):
    with pytest.raises(ValueError):
        repeated_missing([], NOW, **kwargs)


def test_other_timezones_compare_as_the_same_moment():
    # 13:30 in summer time is 11:30 UTC: before NOW, so not in the future
    start = datetime(2026, 3, 15, 13, 30, tzinfo=AMSTERDAM_SUMMER)
    assert episode_problems(start, None, NOW) == []
    later = datetime(2026, 3, 15, 14, 30, tzinfo=AMSTERDAM_SUMMER)  # 12:30 UTC
    assert len(episode_problems(later, None, NOW)) == 1


def test_a_good_episode_has_no_problems():
    start = NOW - timedelta(days=2)
    assert episode_problems(start, None, NOW) == []
    assert episode_problems(start, start + timedelta(hours=3), NOW) == []
    assert episode_problems(start, start, NOW) == []
    assert episode_problems(start, NOW, NOW) == []


def test_start_in_the_future():
    assert episode_problems(NOW + timedelta(minutes=1), None, NOW) == [
        "Het begin ligt in de toekomst. Vul in wanneer de jongere vermist raakte."
    ]


def test_end_before_start():
    start = NOW - timedelta(days=1)
    assert episode_problems(start, start - timedelta(minutes=1), NOW) == [
        "Het einde ligt voor het begin. Controleer de datum en tijd."
    ]


def test_end_in_the_future():
    problems = episode_problems(NOW - timedelta(days=1), NOW + timedelta(hours=1), NOW)
    assert problems == [
        "Het einde ligt in de toekomst. Laat het einde leeg zolang de jongere nog vermist is."
    ]


def test_overlap_with_another_episode():
    other = ended(10, hours=48)
    overlapping = episode_problems(other.start + timedelta(hours=1), None, NOW, others=[other])
    assert len(overlapping) == 1
    assert "overlapt" in overlapping[0]
    after = other.end + timedelta(minutes=1)
    assert episode_problems(after, after + timedelta(hours=2), NOW, others=[other]) == []
    # touching ends do not overlap
    assert episode_problems(other.end, other.end + timedelta(hours=1), NOW, others=[other]) == []
    before = other.start - timedelta(hours=3)
    assert episode_problems(before, other.start, NOW, others=[other]) == []


def test_a_second_open_episode_is_refused():
    problems = episode_problems(NOW - timedelta(hours=1), None, NOW, others=[ongoing(3)])
    assert problems == [
        "Er is al een vermissing zonder einde. Vul eerst het einde van die vermissing in."
    ]


def test_an_ended_episode_inside_an_ongoing_one_overlaps():
    problems = episode_problems(
        NOW - timedelta(days=2), NOW - timedelta(days=1), NOW, others=[ongoing(3)]
    )
    assert len(problems) == 1
    assert "overlapt" in problems[0]
