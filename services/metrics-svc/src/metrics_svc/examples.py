"""The ids the OpenAPI document's examples share, so they tell one story: a brand's WeChat
official account publishes a Double 11 article for a group-buying campaign, readers click, leave
contact details, join the moms' group and buy. Every model's example (``json_schema_extra``)
takes its ids from here; ``tests/test_openapi_examples.py`` validates each against its model."""

from __future__ import annotations

# The other services' ids, as their events carry them (uuids of content-, campaign- and
# community-svc rows).
CHANNEL_ID = "5b1f0c6e-2d4a-4e8b-9c3f-7a1d2e3f4a5b"  # content-svc: the brand's WeChat OA
OTHER_CHANNEL_ID = "0d8e6f4a-9c2b-4a1e-8f3d-6b5a4c3d2e1f"  # content-svc: its Xiaohongshu
POST_ID = "9a7c3e21-4b5d-4f6a-8e9b-0c1d2e3f4a6c"  # content-svc: the article
PUBLICATION_ID = "c2e4f6a8-1b3d-4c5e-9f7a-8b9c0d1e2f3a"  # content-svc: it on the WeChat OA
OTHER_PUBLICATION_ID = "7e5d3c1b-9a8f-4e6d-8c4b-2a1f0e9d8c7b"  # it on Xiaohongshu
CAMPAIGN_ID = "e8d6c4b2-a0f1-4e3d-8c5b-7a9f1e2d3c4b"  # campaign-svc: Double 11 group buying
GROUP_ID = "4f3e2d1c-0b9a-4876-a5b4-c3d2e1f0a9b8"  # community-svc: the moms' group
TARGET_ID = "3f2b8c1e-6d4a-4f7b-9e21-5a8c0d3e7b14"  # this service: a GMV target
BENCHMARK_ID = "8b6d4f2a-1c3e-4a5b-9d7f-0e2c4a6b8d1f"  # this service: a rival's WeChat OA

# People, as the tracking SDK or the other services name them (an app user id).
READER = "u_10482"
INVITEE = "u_20931"
