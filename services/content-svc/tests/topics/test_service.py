from content_svc.topics import service
from content_svc.topics.models import Topic, TopicStatus


def test_every_status_has_a_transition_rule() -> None:
    assert set(service.ALLOWED_TRANSITIONS) == set(TopicStatus)
    for targets in service.ALLOWED_TRANSITIONS.values():
        assert set(targets) <= set(TopicStatus)


def test_draft_body_outlines_brief_audience_and_pain_point() -> None:
    topic = Topic(title="t", brief=" 简介 ", audience="宝妈", pain_point="")
    assert service.draft_body(topic) == "## Brief\n\n简介\n\n## Audience\n\n宝妈\n"


def test_draft_body_of_an_empty_topic_is_empty() -> None:
    assert service.draft_body(Topic(title="t", brief="", audience="", pain_point="")) == ""
