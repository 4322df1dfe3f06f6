"""Contains all the data models used in inputs/outputs"""

from .actor_chains import ActorChains
from .api_key_create import ApiKeyCreate
from .api_key_create_scopes_item import ApiKeyCreateScopesItem
from .api_key_created import ApiKeyCreated
from .api_key_read import ApiKeyRead
from .attribution_model import AttributionModel
from .attribution_report import AttributionReport
from .attribution_steps import AttributionSteps
from .batch_stats import BatchStats
from .best_time_slot_read import BestTimeSlotRead
from .best_times import BestTimes
from .best_times_read import BestTimesRead
from .best_times_source import BestTimesSource
from .calendar import Calendar
from .calendar_day import CalendarDay
from .calendar_item import CalendarItem
from .campaign_create import CampaignCreate
from .campaign_goal_read import CampaignGoalRead
from .campaign_kind import CampaignKind
from .campaign_live_goal import CampaignLiveGoal
from .campaign_read import CampaignRead
from .campaign_source_in import CampaignSourceIn
from .campaign_source_read import CampaignSourceRead
from .campaign_stats import CampaignStats
from .campaign_status import CampaignStatus
from .campaign_transition import CampaignTransition
from .campaign_update import CampaignUpdate
from .channel_attribution import ChannelAttribution
from .channel_create import ChannelCreate
from .channel_read import ChannelRead
from .channel_read_limit_overrides import ChannelReadLimitOverrides
from .channel_update import ChannelUpdate
from .claim_create import ClaimCreate
from .cohort import Cohort
from .comment_create import CommentCreate
from .comment_read import CommentRead
from .community_goal_read import CommunityGoalRead
from .community_live_goal import CommunityLiveGoal
from .community_source_in import CommunitySourceIn
from .community_source_read import CommunitySourceRead
from .conversion_counts import ConversionCounts
from .coupon_batch_create import CouponBatchCreate
from .coupon_batch_read import CouponBatchRead
from .coupon_read import CouponRead
from .coupon_status import CouponStatus
from .dashboard_get_dashboard_response_200 import DashboardGetDashboardResponse200
from .dashboard_get_dashboard_response_200_campaigns import (
    DashboardGetDashboardResponse200Campaigns,
)
from .dashboard_get_dashboard_response_200_campaigns_status import (
    DashboardGetDashboardResponse200CampaignsStatus,
)
from .dashboard_get_dashboard_response_200_metrics import DashboardGetDashboardResponse200Metrics
from .dashboard_get_dashboard_response_200_metrics_status import (
    DashboardGetDashboardResponse200MetricsStatus,
)
from .dashboard_get_dashboard_response_200_publications import (
    DashboardGetDashboardResponse200Publications,
)
from .dashboard_get_dashboard_response_200_publications_status import (
    DashboardGetDashboardResponse200PublicationsStatus,
)
from .dashboard_get_dashboard_response_200_targets import DashboardGetDashboardResponse200Targets
from .dashboard_get_dashboard_response_200_targets_status import (
    DashboardGetDashboardResponse200TargetsStatus,
)
from .dashboard_get_dashboard_response_200_tasks import DashboardGetDashboardResponse200Tasks
from .dashboard_get_dashboard_response_200_tasks_status import (
    DashboardGetDashboardResponse200TasksStatus,
)
from .dimension import Dimension
from .discount_type import DiscountType
from .events_ingest_events_event_in import EventsIngestEventsEventIn
from .events_ingest_events_event_in_props import EventsIngestEventsEventInProps
from .funnel_query import FunnelQuery
from .funnel_result import FunnelResult
from .funnel_step import FunnelStep
from .funnel_step_result import FunnelStepResult
from .generation_stats import GenerationStats
from .goal import Goal
from .goal_create import GoalCreate
from .goal_horizon import GoalHorizon
from .group_create import GroupCreate
from .group_detail import GroupDetail
from .group_kind import GroupKind
from .group_platform import GroupPlatform
from .group_read import GroupRead
from .group_stage import GroupStage
from .group_transition import GroupTransition
from .group_update import GroupUpdate
from .ingest_result import IngestResult
from .interval import Interval
from .item_error import ItemError
from .job_error_read import JobErrorRead
from .job_read import JobRead
from .job_read_result_type_0 import JobReadResultType0
from .job_status import JobStatus
from .key_status import KeyStatus
from .lead_create import LeadCreate
from .lead_read import LeadRead
from .limits import Limits
from .limits_override import LimitsOverride
from .live_status import LiveStatus
from .manual_publisher_write import ManualPublisherWrite
from .mark_published import MarkPublished
from .media_kind import MediaKind
from .media_ref import MediaRef
from .member_import_result import MemberImportResult
from .member_join import MemberJoin
from .member_read import MemberRead
from .member_role import MemberRole
from .member_update import MemberUpdate
from .members_import_members_json_member_import_row import MembersImportMembersJsonMemberImportRow
from .membership_status import MembershipStatus
from .messages_record import MessagesRecord
from .messages_recorded import MessagesRecorded
from .metric_filters import MetricFilters
from .metric_read import MetricRead
from .owner_role import OwnerRole
from .page_api_key_read import PageApiKeyRead
from .page_campaign_read import PageCampaignRead
from .page_channel_read import PageChannelRead
from .page_comment_read import PageCommentRead
from .page_coupon_batch_read import PageCouponBatchRead
from .page_coupon_read import PageCouponRead
from .page_group_read import PageGroupRead
from .page_lead_read import PageLeadRead
from .page_member_read import PageMemberRead
from .page_post_read import PagePostRead
from .page_publication_read import PagePublicationRead
from .page_redemption_read import PageRedemptionRead
from .page_referral_code_read import PageReferralCodeRead
from .page_revision_read import PageRevisionRead
from .page_reward_read import PageRewardRead
from .page_reward_rule_read import PageRewardRuleRead
from .page_sop_run_read import PageSopRunRead
from .page_sop_template_read import PageSopTemplateRead
from .page_target_read import PageTargetRead
from .page_task_read import PageTaskRead
from .page_topic_read import PageTopicRead
from .platform import Platform
from .platform_profile import PlatformProfile
from .post_create import PostCreate
from .post_read import PostRead
from .post_status import PostStatus
from .post_transition import PostTransition
from .post_update import PostUpdate
from .prime_time_slot import PrimeTimeSlot
from .problem import Problem
from .progress_read import ProgressRead
from .publication_attribution import PublicationAttribution
from .publication_create import PublicationCreate
from .publication_read import PublicationRead
from .publication_status import PublicationStatus
from .publisher_kind import PublisherKind
from .publisher_read import PublisherRead
from .redeem_create import RedeemCreate
from .redemption_read import RedemptionRead
from .redemption_status import RedemptionStatus
from .referral_accept import ReferralAccept
from .referral_code_create import ReferralCodeCreate
from .referral_code_read import ReferralCodeRead
from .referral_read import ReferralRead
from .referral_stats import ReferralStats
from .rejected_event import RejectedEvent
from .rejected_row import RejectedRow
from .retention_period import RetentionPeriod
from .retention_query import RetentionQuery
from .retention_result import RetentionResult
from .revision_diff import RevisionDiff
from .revision_read import RevisionRead
from .reward_read import RewardRead
from .reward_rule_create import RewardRuleCreate
from .reward_rule_read import RewardRuleRead
from .reward_status import RewardStatus
from .rollback_create import RollbackCreate
from .run_status import RunStatus
from .schedule import Schedule
from .series import Series
from .series_point import SeriesPoint
from .series_read import SeriesRead
from .series_read_filters import SeriesReadFilters
from .sop_run_create import SopRunCreate
from .sop_run_read import SopRunRead
from .sop_step import SopStep
from .sop_template_create import SopTemplateCreate
from .sop_template_read import SopTemplateRead
from .sop_template_update import SopTemplateUpdate
from .sop_template_version_read import SopTemplateVersionRead
from .step_action import StepAction
from .step_anchor import StepAnchor
from .target_create import TargetCreate
from .target_read import TargetRead
from .target_read_filters import TargetReadFilters
from .target_status import TargetStatus
from .target_update import TargetUpdate
from .task_complete import TaskComplete
from .task_read import TaskRead
from .task_reassign import TaskReassign
from .task_skip import TaskSkip
from .task_status import TaskStatus
from .time_slot import TimeSlot
from .topic_create import TopicCreate
from .topic_read import TopicRead
from .topic_status import TopicStatus
from .topic_target import TopicTarget
from .topic_transition import TopicTransition
from .topic_update import TopicUpdate
from .tracking_code_read import TrackingCodeRead
from .unit import Unit
from .validation_error_item import ValidationErrorItem
from .we_chat_account_read import WeChatAccountRead
from .we_chat_account_write import WeChatAccountWrite
from .we_chat_publisher_write import WeChatPublisherWrite
from .webhook_publisher_write import WebhookPublisherWrite

__all__ = (
    "ActorChains",
    "ApiKeyCreate",
    "ApiKeyCreateScopesItem",
    "ApiKeyCreated",
    "ApiKeyRead",
    "AttributionModel",
    "AttributionReport",
    "AttributionSteps",
    "BatchStats",
    "BestTimeSlotRead",
    "BestTimes",
    "BestTimesRead",
    "BestTimesSource",
    "Calendar",
    "CalendarDay",
    "CalendarItem",
    "CampaignCreate",
    "CampaignGoalRead",
    "CampaignKind",
    "CampaignLiveGoal",
    "CampaignRead",
    "CampaignSourceIn",
    "CampaignSourceRead",
    "CampaignStats",
    "CampaignStatus",
    "CampaignTransition",
    "CampaignUpdate",
    "ChannelAttribution",
    "ChannelCreate",
    "ChannelRead",
    "ChannelReadLimitOverrides",
    "ChannelUpdate",
    "ClaimCreate",
    "Cohort",
    "CommentCreate",
    "CommentRead",
    "CommunityGoalRead",
    "CommunityLiveGoal",
    "CommunitySourceIn",
    "CommunitySourceRead",
    "ConversionCounts",
    "CouponBatchCreate",
    "CouponBatchRead",
    "CouponRead",
    "CouponStatus",
    "DashboardGetDashboardResponse200",
    "DashboardGetDashboardResponse200Campaigns",
    "DashboardGetDashboardResponse200CampaignsStatus",
    "DashboardGetDashboardResponse200Metrics",
    "DashboardGetDashboardResponse200MetricsStatus",
    "DashboardGetDashboardResponse200Publications",
    "DashboardGetDashboardResponse200PublicationsStatus",
    "DashboardGetDashboardResponse200Targets",
    "DashboardGetDashboardResponse200TargetsStatus",
    "DashboardGetDashboardResponse200Tasks",
    "DashboardGetDashboardResponse200TasksStatus",
    "Dimension",
    "DiscountType",
    "EventsIngestEventsEventIn",
    "EventsIngestEventsEventInProps",
    "FunnelQuery",
    "FunnelResult",
    "FunnelStep",
    "FunnelStepResult",
    "GenerationStats",
    "Goal",
    "GoalCreate",
    "GoalHorizon",
    "GroupCreate",
    "GroupDetail",
    "GroupKind",
    "GroupPlatform",
    "GroupRead",
    "GroupStage",
    "GroupTransition",
    "GroupUpdate",
    "IngestResult",
    "Interval",
    "ItemError",
    "JobErrorRead",
    "JobRead",
    "JobReadResultType0",
    "JobStatus",
    "KeyStatus",
    "LeadCreate",
    "LeadRead",
    "Limits",
    "LimitsOverride",
    "LiveStatus",
    "ManualPublisherWrite",
    "MarkPublished",
    "MediaKind",
    "MediaRef",
    "MemberImportResult",
    "MemberJoin",
    "MemberRead",
    "MemberRole",
    "MemberUpdate",
    "MembersImportMembersJsonMemberImportRow",
    "MembershipStatus",
    "MessagesRecord",
    "MessagesRecorded",
    "MetricFilters",
    "MetricRead",
    "OwnerRole",
    "PageApiKeyRead",
    "PageCampaignRead",
    "PageChannelRead",
    "PageCommentRead",
    "PageCouponBatchRead",
    "PageCouponRead",
    "PageGroupRead",
    "PageLeadRead",
    "PageMemberRead",
    "PagePostRead",
    "PagePublicationRead",
    "PageRedemptionRead",
    "PageReferralCodeRead",
    "PageRevisionRead",
    "PageRewardRead",
    "PageRewardRuleRead",
    "PageSopRunRead",
    "PageSopTemplateRead",
    "PageTargetRead",
    "PageTaskRead",
    "PageTopicRead",
    "Platform",
    "PlatformProfile",
    "PostCreate",
    "PostRead",
    "PostStatus",
    "PostTransition",
    "PostUpdate",
    "PrimeTimeSlot",
    "Problem",
    "ProgressRead",
    "PublicationAttribution",
    "PublicationCreate",
    "PublicationRead",
    "PublicationStatus",
    "PublisherKind",
    "PublisherRead",
    "RedeemCreate",
    "RedemptionRead",
    "RedemptionStatus",
    "ReferralAccept",
    "ReferralCodeCreate",
    "ReferralCodeRead",
    "ReferralRead",
    "ReferralStats",
    "RejectedEvent",
    "RejectedRow",
    "RetentionPeriod",
    "RetentionQuery",
    "RetentionResult",
    "RevisionDiff",
    "RevisionRead",
    "RewardRead",
    "RewardRuleCreate",
    "RewardRuleRead",
    "RewardStatus",
    "RollbackCreate",
    "RunStatus",
    "Schedule",
    "Series",
    "SeriesPoint",
    "SeriesRead",
    "SeriesReadFilters",
    "SopRunCreate",
    "SopRunRead",
    "SopStep",
    "SopTemplateCreate",
    "SopTemplateRead",
    "SopTemplateUpdate",
    "SopTemplateVersionRead",
    "StepAction",
    "StepAnchor",
    "TargetCreate",
    "TargetRead",
    "TargetReadFilters",
    "TargetStatus",
    "TargetUpdate",
    "TaskComplete",
    "TaskRead",
    "TaskReassign",
    "TaskSkip",
    "TaskStatus",
    "TimeSlot",
    "TopicCreate",
    "TopicRead",
    "TopicStatus",
    "TopicTarget",
    "TopicTransition",
    "TopicUpdate",
    "TrackingCodeRead",
    "Unit",
    "ValidationErrorItem",
    "WeChatAccountRead",
    "WeChatAccountWrite",
    "WeChatPublisherWrite",
    "WebhookPublisherWrite",
)
