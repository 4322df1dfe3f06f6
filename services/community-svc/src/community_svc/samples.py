"""The ids, people and times the OpenAPI document's examples share, so that one group, template
or run reads the same in every example that names it (a run's ``group_id`` is the group's
``id``): a front-end developer can follow one story through the document."""

GROUP_ID = "3f6c2a9e-8b1d-4c57-a2e4-9d0b7f1e5a63"
GOAL_ID = "b2d4e6f8-1a3c-4e5f-8a7b-9c0d1e2f3a4b"
MEMBER_ID = "7c1e9a42-5d3b-4f86-b0a2-6e8d4c2f1b95"
TEMPLATE_ID = "a9e3c5d7-2f4b-4a61-8c3e-5b7d9f1a2c46"
RUN_ID = "d4f6a8c0-3e5b-4d72-9f1a-2c4e6b8d0a13"
TASK_ID = "e8a0c2e4-6f1b-4b93-a5d7-9f2c4e6a8b31"
EVENT_ID = "0c9e7a5b-3d1f-4e8a-b6c4-2a0e8d6f4b21"
# content-svc's ids of the publication (a post on a channel) a member's tracking code names.
PUBLICATION_ID = "5b8d1f3a-7c9e-4b20-8d6f-1a3c5e7b9d02"
CHANNEL_ID = "2e4a6c8e-0b1d-4f3a-9c5e-7b9d1f3a5c84"
POST_ID = "9a1c3e5b-7d9f-4a2c-8e0b-4d6f8a0c2e57"

LEADER = "op-lily"
ASSISTANTS = ["op-ann", "op-bo"]

# The group was set up on 2026-11-20 (Shanghai time) and its SOP run started on 2026-12-01.
CREATED_AT = "2026-11-20T02:30:00Z"
UPDATED_AT = "2026-12-01T01:05:12Z"
