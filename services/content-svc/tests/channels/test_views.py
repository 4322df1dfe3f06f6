import uuid
from dataclasses import fields

from content_svc.channels.models import Channel
from content_svc.channels.repository import ChannelView, WeChatAccountView
from content_svc.wechat.models import WeChatAccount


def test_the_read_views_name_only_columns_of_their_models() -> None:
    # The views are read by hand-written SQL; a renamed or dropped column must fail here, not
    # in a caller's answer.
    channel = {f.name for f in fields(ChannelView)} - {"wechat"}
    assert channel <= set(Channel.__table__.columns.keys())
    account = {f.name for f in fields(WeChatAccountView)}
    assert account <= set(WeChatAccount.__table__.columns.keys())


def test_a_views_secrets_stay_out_of_its_repr() -> None:
    account = WeChatAccountView(
        channel_id=uuid.uuid4(),
        app_id="wx-app",
        app_secret="app-secret-value",
        callback_token="token-value",
        encoding_aes_key=None,
        api_base_url="https://api.weixin.qq.com",
        thumb_media_id=None,
    )
    assert "app-secret-value" not in repr(account)
    assert "token-value" not in repr(account)
    assert "wx-app" in repr(account)
