"""Across the services: a partner account (campaign-svc) and a channel (content-svc) speak of
a platform with the same words, so a partner's post and the channel that records it never
disagree on where it went out. Services share no code, so only a test that imports them both
can check it."""

from campaign_svc.partners.vocabulary import PartnerPlatform
from content_svc.channels.models import Platform as ChannelPlatform


def test_a_partner_s_platforms_are_content_svc_s() -> None:
    assert [p.value for p in PartnerPlatform] == [p.value for p in ChannelPlatform]
