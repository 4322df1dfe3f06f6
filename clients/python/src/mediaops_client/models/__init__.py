"""Contains all the data models used in inputs/outputs"""

from .actor_chains import ActorChains
from .api_key_create import ApiKeyCreate
from .api_key_create_scopes_item import ApiKeyCreateScopesItem
from .api_key_created import ApiKeyCreated
from .api_key_read import ApiKeyRead
from .attribution_model import AttributionModel
from .attribution_report import AttributionReport
from .attribution_steps import AttributionSteps
from .author import Author
from .batch_stats import BatchStats
from .benchmark_create import BenchmarkCreate
from .benchmark_platform import BenchmarkPlatform
from .benchmark_read import BenchmarkRead
from .benchmark_update import BenchmarkUpdate
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
from .canned_reply_create import CannedReplyCreate
from .canned_reply_read import CannedReplyRead
from .canned_reply_update import CannedReplyUpdate
from .canned_reply_version_read import CannedReplyVersionRead
from .channel_attribution import ChannelAttribution
from .channel_create import ChannelCreate
from .channel_read import ChannelRead
from .channel_read_limit_overrides import ChannelReadLimitOverrides
from .channel_update import ChannelUpdate
from .claim_create import ClaimCreate
from .cohort import Cohort
from .collaboration_create import CollaborationCreate
from .collaboration_numbers import CollaborationNumbers
from .collaboration_read import CollaborationRead
from .collaboration_roi import CollaborationRoi
from .collaboration_status import CollaborationStatus
from .collaboration_transition import CollaborationTransition
from .collaboration_update import CollaborationUpdate
from .comment_create import CommentCreate
from .comment_read import CommentRead
from .community_goal_read import CommunityGoalRead
from .community_live_goal import CommunityLiveGoal
from .community_source_in import CommunitySourceIn
from .community_source_read import CommunitySourceRead
from .compared_day import ComparedDay
from .compared_numbers import ComparedNumbers
from .comparison_read import ComparisonRead
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
from .group_by import GroupBy
from .group_create import GroupCreate
from .group_detail import GroupDetail
from .group_kind import GroupKind
from .group_platform import GroupPlatform
from .group_read import GroupRead
from .group_stage import GroupStage
from .group_transition import GroupTransition
from .group_update import GroupUpdate
from .inbox_settings_read import InboxSettingsRead
from .inbox_settings_write import InboxSettingsWrite
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
from .message_create import MessageCreate
from .message_read import MessageRead
from .messages_record import MessagesRecord
from .messages_recorded import MessagesRecorded
from .metric_filters import MetricFilters
from .metric_read import MetricRead
from .numbers_status import NumbersStatus
from .owner_role import OwnerRole
from .page_api_key_read import PageApiKeyRead
from .page_benchmark_read import PageBenchmarkRead
from .page_campaign_read import PageCampaignRead
from .page_canned_reply_read import PageCannedReplyRead
from .page_canned_reply_version_read import PageCannedReplyVersionRead
from .page_channel_read import PageChannelRead
from .page_collaboration_read import PageCollaborationRead
from .page_comment_read import PageCommentRead
from .page_coupon_batch_read import PageCouponBatchRead
from .page_coupon_read import PageCouponRead
from .page_group_read import PageGroupRead
from .page_lead_read import PageLeadRead
from .page_member_read import PageMemberRead
from .page_message_read import PageMessageRead
from .page_partner_read import PagePartnerRead
from .page_post_read import PagePostRead
from .page_publication_read import PagePublicationRead
from .page_redemption_read import PageRedemptionRead
from .page_referral_code_read import PageReferralCodeRead
from .page_reply_read import PageReplyRead
from .page_revision_read import PageRevisionRead
from .page_reward_read import PageRewardRead
from .page_reward_rule_read import PageRewardRuleRead
from .page_snapshot_read import PageSnapshotRead
from .page_sop_run_read import PageSopRunRead
from .page_sop_template_read import PageSopTemplateRead
from .page_target_read import PageTargetRead
from .page_task_read import PageTaskRead
from .page_thread_read import PageThreadRead
from .page_topic_read import PageTopicRead
from .partner_contact import PartnerContact
from .partner_contact_read import PartnerContactRead
from .partner_create import PartnerCreate
from .partner_platform import PartnerPlatform
from .partner_rank import PartnerRank
from .partner_ranking import PartnerRanking
from .partner_read import PartnerRead
from .partner_update import PartnerUpdate
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
from .reply_create import ReplyCreate
from .reply_read import ReplyRead
from .reply_result import ReplyResult
from .reply_status import ReplyStatus
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
from .snapshot_batch_result import SnapshotBatchResult
from .snapshot_in import SnapshotIn
from .snapshot_read import SnapshotRead
from .snapshot_values import SnapshotValues
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
from .thread_kind import ThreadKind
from .thread_read import ThreadRead
from .thread_status import ThreadStatus
from .thread_target import ThreadTarget
from .thread_transition import ThreadTransition
from .thread_update import ThreadUpdate
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
    "Author",
    "BatchStats",
    "BenchmarkCreate",
    "BenchmarkPlatform",
    "BenchmarkRead",
    "BenchmarkUpdate",
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
    "CannedReplyCreate",
    "CannedReplyRead",
    "CannedReplyUpdate",
    "CannedReplyVersionRead",
    "ChannelAttribution",
    "ChannelCreate",
    "ChannelRead",
    "ChannelReadLimitOverrides",
    "ChannelUpdate",
    "ClaimCreate",
    "Cohort",
    "CollaborationCreate",
    "CollaborationNumbers",
    "CollaborationRead",
    "CollaborationRoi",
    "CollaborationStatus",
    "CollaborationTransition",
    "CollaborationUpdate",
    "CommentCreate",
    "CommentRead",
    "CommunityGoalRead",
    "CommunityLiveGoal",
    "CommunitySourceIn",
    "CommunitySourceRead",
    "ComparedDay",
    "ComparedNumbers",
    "ComparisonRead",
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
    "GroupBy",
    "GroupCreate",
    "GroupDetail",
    "GroupKind",
    "GroupPlatform",
    "GroupRead",
    "GroupStage",
    "GroupTransition",
    "GroupUpdate",
    "InboxSettingsRead",
    "InboxSettingsWrite",
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
    "MessageCreate",
    "MessageRead",
    "MessagesRecord",
    "MessagesRecorded",
    "MetricFilters",
    "MetricRead",
    "NumbersStatus",
    "OwnerRole",
    "PageApiKeyRead",
    "PageBenchmarkRead",
    "PageCampaignRead",
    "PageCannedReplyRead",
    "PageCannedReplyVersionRead",
    "PageChannelRead",
    "PageCollaborationRead",
    "PageCommentRead",
    "PageCouponBatchRead",
    "PageCouponRead",
    "PageGroupRead",
    "PageLeadRead",
    "PageMemberRead",
    "PageMessageRead",
    "PagePartnerRead",
    "PagePostRead",
    "PagePublicationRead",
    "PageRedemptionRead",
    "PageReferralCodeRead",
    "PageReplyRead",
    "PageRevisionRead",
    "PageRewardRead",
    "PageRewardRuleRead",
    "PageSnapshotRead",
    "PageSopRunRead",
    "PageSopTemplateRead",
    "PageTargetRead",
    "PageTaskRead",
    "PageThreadRead",
    "PageTopicRead",
    "PartnerContact",
    "PartnerContactRead",
    "PartnerCreate",
    "PartnerPlatform",
    "PartnerRank",
    "PartnerRanking",
    "PartnerRead",
    "PartnerUpdate",
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
    "ReplyCreate",
    "ReplyRead",
    "ReplyResult",
    "ReplyStatus",
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
    "SnapshotBatchResult",
    "SnapshotIn",
    "SnapshotRead",
    "SnapshotValues",
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
    "ThreadKind",
    "ThreadRead",
    "ThreadStatus",
    "ThreadTarget",
    "ThreadTransition",
    "ThreadUpdate",
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
