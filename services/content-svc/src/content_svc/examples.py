"""The ids, people and times the OpenAPI examples share, so a reader can follow one channel,
topic, post and publication from schema to schema. Only the documents read these; every model's
example is checked against its model by ``tests/test_openapi_examples.py``.

The Chinese texts use Chinese (full-width) punctuation, as the people who write them do.
"""

# ruff: noqa: RUF001

from typing import Any

CHANNEL_ID = "3f6c2a9e-8d41-4b7a-9c15-2e7d0b6a4f31"
TOPIC_ID = "9b1e4c7a-2f58-4d03-8a6e-5c9f1d2b7e40"
POST_ID = "c2d8f4a1-6e37-4b95-b0c2-7a1e9f3d5b68"
PUBLICATION_ID = "5e9a3b7c-1d24-4f86-a9e0-3b6c8d2f1a57"
COMMENT_ID = "7a4f1c9e-3b62-4d8a-b5e7-0c2d9f6a1e83"
DELIVERY_ID = "e1b7c3d9-5a2f-4e68-9c04-8f3a6d1b2c75"

# Actor ids are the token's `sub`, as the gateway forwards it.
EDITOR = "u-zhangmin"
REVIEWER = "u-liuyang"

TRACKING_CODE = "K7M2QX9D"
POST_TITLE = "双十一护肤清单：三款平价面霜实测"
POST_BODY = (
    "## 为什么选这三款\n\n"
    "换季皮肤干到起皮？我们请 3 位职场妈妈连续用了 28 天……\n\n"
    "## 实测结果\n\n"
    "1. 保湿：A 款最持久\n2. 肤感：B 款最清爽\n"
)
POST_SUMMARY = "三位职场妈妈 28 天实测，平价面霜怎么选"
POST_TAGS = ["双十一", "护肤", "种草"]
EDITED_TITLE = "双十一护肤清单：平价面霜实测"
# Revision 2 of the post (POST_TITLE, POST_BODY) against revision 1, as GET …/diff shows it.
TITLE_DIFF = (
    "--- revision 1/title\n+++ revision 2/title\n@@ -1 +1 @@\n"
    "-双十一护肤清单\n+双十一护肤清单：三款平价面霜实测\n"
)
BODY_DIFF = (
    "--- revision 1/body\n+++ revision 2/body\n@@ -1,3 +1,8 @@\n ## 为什么选这三款\n \n"
    "-换季皮肤干？\n+换季皮肤干到起皮？我们请 3 位职场妈妈连续用了 28 天……\n+\n+## 实测结果\n"
    "+\n+1. 保湿：A 款最持久\n+2. 肤感：B 款最清爽\n"
)
REVIEW_COMMENT = "标题超过 20 字了，小红书发不出去"
CHANGES_REQUESTED = "第二段的价格请换成双十一到手价"
WECHAT_TITLE = "双十一平价面霜实测｜3 位职场妈妈 28 天"
TOPIC_PAIN_POINT = "没时间比价，也怕踩坑"
TOPIC_NOTE = "双十一前两周发，优先做"
COVER: dict[str, Any] = {
    "url": "https://cdn.meiyan.example.com/posts/2026/11/cover-cream.jpg",
    "kind": "image",
    "alt": "三款面霜并排摆在梳妆台上",
}

CREATED_AT = "2026-11-02T03:15:00Z"
UPDATED_AT = "2026-11-05T09:40:12Z"
SCHEDULED_AT = "2026-11-11T12:30:00Z"  # 20:30 in Asia/Shanghai
PUBLISHED_AT = "2026-11-11T12:30:04Z"

# The engagement inbox: one reader's comment under the publication above, and the reply to it.
THREAD_ID = "b4e2a7c9-3f15-4d80-9a6b-1c7e5d2f8a34"
MESSAGE_ID = "6d1f8b3a-9c27-4e54-a0b8-2f4c7e9d1a65"
REPLY_ID = "f3a9c5e1-7b24-4d68-8e0a-5c1b9d3f7e26"
CANNED_REPLY_ID = "2c8e4a6f-1d93-4b57-9f0e-7a3c5b1d8e49"
OPERATOR = "u-wangfang"
READER_ID = "o6_bmjrPTlm6_2sgVt7hMZOPfL2M"  # a WeChat openid
READER_NAME = "小鹿爱护肤"
COMMENT_EXTERNAL_ID = "6861203746194227201"
COMMENT_THREAD = "2247483921_1"
READER_COMMENT = "敏感肌能用 A 款吗？用了会不会闷痘？"
REPLY_TEXT = "您好～A 款不含香精和酒精，敏感肌可以先在耳后试用 2 天，没有泛红再全脸用哦。"
CANNED_NAME = "敏感肌试用建议"
CANNED_EDITED_TEXT = REPLY_TEXT + "有问题随时私信我们～"
RECEIVED_AT = "2026-11-11T13:02:41Z"
REPLIED_AT = "2026-11-11T13:24:05Z"
REPLY_DUE_AT = "2026-11-11T15:02:41Z"
