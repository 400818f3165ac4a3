import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

// Custom search attributes let operators filter cases in the Temporal UI and CLI without the API, e.g.
// `temporal workflow list --query "GrantflowStage='district_review' AND GrantflowStreet='紫阳街道'"`.
// Names carry the product prefix so they never collide with other applications on a shared namespace.

/** Program a case belongs to. */
export const ProgramIdAttribute = defineSearchAttributeKey('GrantflowProgramId', SearchAttributeType.KEYWORD);
/** Process template key and version, e.g. grant-competition@1. */
export const TemplateAttribute = defineSearchAttributeKey('GrantflowTemplate', SearchAttributeType.KEYWORD);
/** Current stage key of the case (or its terminal state). */
export const StageAttribute = defineSearchAttributeKey('GrantflowStage', SearchAttributeType.KEYWORD);
/** Service category of the application (为老服务, 助残帮困 ...). */
export const CategoryAttribute = defineSearchAttributeKey('GrantflowCategory', SearchAttributeType.KEYWORD);
/** Street (街道) the application belongs to, for street-scoped views. */
export const StreetAttribute = defineSearchAttributeKey('GrantflowStreet', SearchAttributeType.KEYWORD);
/** Applicant organization id. */
export const OrganizationIdAttribute = defineSearchAttributeKey(
  'GrantflowOrganizationId',
  SearchAttributeType.KEYWORD,
);

/** Every custom search attribute the engine sets; registered idempotently at start. */
export const GRANTFLOW_SEARCH_ATTRIBUTES = [
  ProgramIdAttribute,
  TemplateAttribute,
  StageAttribute,
  CategoryAttribute,
  StreetAttribute,
  OrganizationIdAttribute,
] as const;
