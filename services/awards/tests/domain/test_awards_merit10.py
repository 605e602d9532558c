"""十大功勋企业家: 差额评选 among the year's 50强 winners (安政办〔2023〕4号 第七条)."""

import pytest

from anyang_awards.domain.errors import VotingError
from anyang_awards.domain.merit10 import tally

TOP50 = [f"P{i:02d}" for i in range(50)]
NOMINEES = TOP50[:12]


def test_ten_with_most_votes_win():
    votes = {n: 30 - i for i, n in enumerate(NOMINEES)}
    r = tally(NOMINEES, TOP50, votes)
    assert r.winners == tuple(NOMINEES[:10]) and r.tie is None
    assert r.ranking[0] == ("P00", 30, 1) and r.basis == "安政办〔2023〕4号 第七条"


def test_vote_tie_across_tenth_place_is_reported():
    votes = {n: 30 - i for i, n in enumerate(NOMINEES)}
    votes["P10"] = votes["P09"]  # 10th and 11th equal
    r = tally(NOMINEES, TOP50, votes)
    assert r.winners == tuple(NOMINEES[:9])
    assert r.tie is not None and set(r.tie.tied) == {"P09", "P10"} and r.tie.open_places == 1


def test_tie_above_the_cut_does_not_block():
    votes = {n: 30 - i for i, n in enumerate(NOMINEES)}
    votes["P01"] = votes["P00"]
    assert tally(NOMINEES, TOP50, votes).tie is None


@pytest.mark.parametrize("nominees", [TOP50[:10], TOP50[:5]])
def test_nominees_must_outnumber_the_places(nominees):
    with pytest.raises(VotingError):
        tally(nominees, TOP50, {})


def test_eleven_nominees_are_enough():
    assert len(tally(TOP50[:11], TOP50, {}).ranking) == 11


def test_nominees_must_be_top50_winners_of_the_year():
    with pytest.raises(VotingError) as e:
        tally([*NOMINEES[:11], "OUTSIDER"], TOP50, {})
    assert e.value.facts["not_top50"] == ["OUTSIDER"]


@pytest.mark.parametrize("votes", [{"OUTSIDER": 1}, {"P00": -1}, {"P00": 1.5}])
def test_invalid_votes_are_refused(votes):
    with pytest.raises(VotingError):
        tally(NOMINEES, TOP50, votes)


def test_duplicate_nominee_is_refused():
    with pytest.raises(VotingError):
        tally([*NOMINEES, "P00"], TOP50, {})
