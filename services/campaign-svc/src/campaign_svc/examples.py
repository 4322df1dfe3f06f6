"""The ids and values campaign-svc's OpenAPI examples share, so a reader can follow one story
across them: the Double 11 (双十一) promotion of 2027, its "满200减30" coupons, its
invite-three-friends fission reward, the leads its Xiaohongshu post brought, and the
Xiaohongshu creator (a KOL partner) paid to carry that post.

Money is in minor units (fen) as the API takes it: 25900 is ¥259.00. Each model's example is
validated against the model by ``tests/test_openapi_examples.py``, so an example cannot drift
from what the API accepts and answers.
"""

from typing import Any

CAMPAIGN_ID = "3f6c1a2e-8b4d-4e5f-9a7b-1c2d3e4f5a6b"
BATCH_ID = "7d2e9b41-5c3a-4f8e-b6d1-2a9c8e7f6b50"
# The batch a referral reward rule hands its coupons from ("邀请3位好友得20元无门槛券").
REWARD_BATCH_ID = "b8e1d2c3-4a5f-4e6d-9b7a-3c2d1e0f9a8b"
COUPON_ID = "c4a8e2f1-9b3d-4c6e-8a7f-5d1b2e3c4f60"
REWARD_COUPON_ID = "d5b9f3a2-0c4e-4d7f-9b8a-6e2c3f4d5a71"
REDEMPTION_ID = "e91f3c7a-2d4b-4a8e-9c6f-8b7a5d3e1f24"
REFERRAL_CODE_ID = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"
REFERRAL_ID = "6f5e4d3c-2b1a-4f9e-8d7c-6b5a4f3e2d1c"
RULE_ID = "8c7b6a59-4837-4261-a5f4-e3d2c1b0a9f8"
REWARD_ID = "4e3d2c1b-0a9f-4e8d-b7c6-a5f4e3d2c1b0"
LEAD_ID = "0d9c8b7a-6f5e-4d4c-b3a2-19f8e7d6c5b4"
PARTNER_ID = "a7c3e5f1-2b4d-4f6a-8c0e-1d3f5a7b9c2e"
OTHER_PARTNER_ID = "b2d4f6a8-3c5e-4a7b-9d1f-2e4a6c8b0d3f"
COLLABORATION_ID = "e4f6a8b0-5d7f-4b9c-8e2a-3f5b7d9e1a4c"

# Ids of content-svc (the post and its publication on a Xiaohongshu channel) and community-svc.
PUBLICATION_ID = "5b0e7d3c-1f2a-4e6b-8c9d-0a1b2c3d4e5f"
CHANNEL_ID = "9a8b7c6d-5e4f-4a3b-8c1d-0e9f8a7b6c5d"
POST_ID = "2c4e6a8b-0d1f-4b3a-9c5e-7f8a9b0c1d2e"
GROUP_ID = "f1e2d3c4-b5a6-4978-8a9b-c0d1e2f3a4b5"
TRACKING_CODE = "ABCD2345"

COUPON_CODE = "DXK7M2Q9RTA4"
REFERRAL_CODE = "R7KQ2MXA"
CUSTOMER_ID = "u-1001"
INVITEE_ID = "u-2048"
ORDER_ID = "DD2027111100012345"

SOURCE_IN: dict[str, Any] = {"tracking_code": TRACKING_CODE}
SOURCE_READ: dict[str, Any] = {
    "tracking_code": TRACKING_CODE,
    "publication_id": PUBLICATION_ID,
    "channel_id": CHANNEL_ID,
    "post_id": POST_ID,
    "platform": "xiaohongshu",
}
