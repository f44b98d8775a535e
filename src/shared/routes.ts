/**
 * The HTTP contract: every API route by method and path, the zod schema of its body (or query), and the type it
 * answers. The server refuses to register a route that is not here and validates each body with the schema named
 * here before the handler runs; the web client (`web/api/client.ts`) takes the path, the body and the answer's type
 * from here, so a request the server would refuse does not type-check and a body is checked before it is sent.
 */
import type { z } from 'zod';
import {
  type TChannelTestResult,
  type TChannelView,
  type TDeliveryList,
  type TMyChannels,
  ZChannelSettingsRequest,
  ZChannelTestRequest,
  ZDeliveryListQuery,
  ZMyChannelsRequest,
} from './channels.ts';
import { type TOpinionReceipt, ZOpinionRequest } from './opinions.ts';
import {
  type TAdminUnit,
  type TBadge,
  type TAdminUser,
  type TAnnouncementView,
  type TAuditEntryView,
  type TBatchResult,
  type TChoices,
  type TDashboard,
  type TDashboardUnitPage,
  type TExportTicket,
  type TImportConfirmResult,
  type TImportPreview,
  type TInspectionView,
  type TLedgerView,
  type TLookbackView,
  type TMe,
  type TMeasureDetail,
  type TMeasureSearchResult,
  type TMonthlyReportsView,
  type TMyWork,
  type TNotificationView,
  type TOutcomesView,
  type TQueueItem,
  type TSupervisionList,
  type THandOverResult,
  type TMergeResult,
  ZMergeRequest,
  ZUpdateDepartmentRequest,
  ZUpdatePersonRequest,
  ZHandOverRequest,
  type TOpinionList,
  type TOpinionView,
  ZOpinionListQuery,
  ZOpinionTriageRequest,
  ZOpinionAssignRequest,
  ZOpinionAnswerRequest,
  ZOpinionPublishRequest,
  type TSupervisionOrderView,
  ZAnnouncementDraftRequest,
  ZAnnouncementStepRequest,
  ZAuditQuery,
  ZBatchReassignRequest,
  ZBatchRemindRequest,
  ZChangePasswordRequest,
  ZCommentRequest,
  ZCreateDepartmentRequest,
  ZCreateMeasureRequest,
  ZCreatePersonRequest,
  ZCreateUnitRequest,
  ZCreateUserRequest,
  ZChoicesQuery,
  ZDashboardQuery,
  ZDashboardUnitsQuery,
  ZExportRequest,
  ZExtensionDecision,
  ZExtensionRequest,
  ZIssueSupervisionRequest,
  ZSupervisionDecisionRequest,
  ZSupervisionInterviewRequest,
  ZSupervisionListQuery,
  ZSupervisionReplyRequest,
  ZImportConfirmRequest,
  ZInspectionListQuery,
  ZInspectionSettingsRequest,
  ZLoginRequest,
  ZLookbackResultRequest,
  ZMeasureSearchQuery,
  ZMonthlyReportRequest,
  ZOutcomeAccountabilityRequest,
  ZOutcomeMoneyRequest,
  ZOutcomeRuleRequest,
  ZPlanApprovalRequest,
  ZLedgerArchiveRequest,
  ZLedgerRestoreRequest,
  ZLedgerDeleteRequest,
  ZRecordProgressRequest,
  ZCorrectProgressRequest,
  ZWithdrawProgressRequest,
  type TStagedUpload,
  ZResetPasswordRequest,
  ZScheduleLookbackRequest,
  ZTransitionRequest,
  ZUpdateMeasureRequest,
  ZUpdateUnitRequest,
  ZUpdateUserRequest,
} from './api.ts';

/** One route: the schema of its JSON body or query string (if any), and the type of its answer. */
export type TRoute<TResponse, TBody extends z.ZodType | null, TQuery extends z.ZodType | null = null> = {
  body: TBody;
  query: TQuery;
  /** Type only: what the route answers (a file download answers `Blob`). */
  response?: TResponse;
};

/** A route answering `TResponse`, then `.body(schema)` / `.query(schema)` if it takes input. */
const answers = <TResponse>() => ({
  plain: (): TRoute<TResponse, null> => ({ body: null, query: null }),
  body: <TBody extends z.ZodType>(body: TBody): TRoute<TResponse, TBody> => ({ body, query: null }),
  query: <TQuery extends z.ZodType>(query: TQuery): TRoute<TResponse, null, TQuery> => ({
    body: null,
    query,
  }),
});

type TOk = { ok: true };
type TCreated = { id: number };

/** Every API route. Keys are `METHOD /path` with `:name` parameters, exactly as the server registers them. */
export const ROUTES = {
  'GET /api/health': answers<TOk>().plain(),

  'POST /api/auth/login': answers<TMe>().body(ZLoginRequest),
  'POST /api/auth/logout': answers<TOk>().plain(),
  'POST /api/auth/logout-all': answers<TOk & { sessions: number }>().plain(),
  'GET /api/auth/me': answers<TMe>().plain(),
  'POST /api/auth/change-password': answers<TMe>().body(ZChangePasswordRequest),

  'GET /api/inspections': answers<TInspectionView[]>().query(ZInspectionListQuery),
  'GET /api/inspections/:id/ledger': answers<TLedgerView>().plain(),
  'POST /api/inspections/:id/approve-plan': answers<TOk>().body(ZPlanApprovalRequest),
  'PATCH /api/inspections/:id/settings': answers<TOk>().body(ZInspectionSettingsRequest),
  /** A ledger created by mistake: archived (kept, out of every list, figure and reminder), restored, or deleted. */
  'POST /api/inspections/:id/archive': answers<TOk>().body(ZLedgerArchiveRequest),
  'POST /api/inspections/:id/restore': answers<TOk>().body(ZLedgerRestoreRequest),
  'DELETE /api/inspections/:id': answers<TOk>().body(ZLedgerDeleteRequest),

  'GET /api/dashboard': answers<TDashboard>().query(ZDashboardQuery),
  /** The dashboard's unit ranking, one page in the order chosen (sorted, counted and paged by the database). */
  'GET /api/dashboard/units': answers<TDashboardUnitPage>().query(ZDashboardUnitsQuery),
  /** Units, inspections and rounds to choose from in the filters: found by words, limited, the chosen one first. */
  'GET /api/choices/units': answers<TChoices>().query(ZChoicesQuery),
  'GET /api/choices/inspections': answers<TChoices>().query(ZChoicesQuery),
  'GET /api/choices/rounds': answers<TChoices>().query(ZChoicesQuery),
  'GET /api/measures': answers<TMeasureSearchResult>().query(ZMeasureSearchQuery),
  /** The same filters and order as GET /api/measures, every matching row, as a streamed .xlsx (audited). */
  'POST /api/measures/export': answers<Blob>().body(ZMeasureSearchQuery),
  /** Batch actions on chosen measures: all of them or none. */
  'POST /api/measures/batch/reassign': answers<TBatchResult>().body(ZBatchReassignRequest),
  'POST /api/measures/batch/remind': answers<TBatchResult>().body(ZBatchRemindRequest),
  'GET /api/measures/:id': answers<TMeasureDetail>().plain(),
  'POST /api/problems/:id/measures': answers<TMeasureDetail>().body(ZCreateMeasureRequest),
  'PATCH /api/measures/:id': answers<TMeasureDetail>().body(ZUpdateMeasureRequest),
  'POST /api/measures/:id/progress': answers<TMeasureDetail>().body(ZRecordProgressRequest),
  'PATCH /api/measures/:id/progress/:entryId': answers<TMeasureDetail>().body(ZCorrectProgressRequest),
  'POST /api/measures/:id/progress/:entryId/withdraw':
    answers<TMeasureDetail>().body(ZWithdrawProgressRequest),
  /** Raw bytes (not JSON): a file checked and kept for the progress entry it will be saved with. */
  'POST /api/measures/:id/uploads': answers<TStagedUpload>().plain(),
  'POST /api/measures/:id/transitions': answers<TMeasureDetail>().body(ZTransitionRequest),
  'POST /api/measures/:id/comments': answers<TMeasureDetail>().body(ZCommentRequest),
  /** Raw bytes (not JSON): see `uploadEvidence` in the web client. */
  'POST /api/measures/:id/evidence': answers<TMeasureDetail>().plain(),
  'GET /api/evidence/:id': answers<Blob>().plain(),
  'POST /api/measures/:id/extensions': answers<TMeasureDetail>().body(ZExtensionRequest),
  'POST /api/extensions/:id/decision': answers<TMeasureDetail>().body(ZExtensionDecision),

  'GET /api/inspections/:id/lookbacks': answers<TLookbackView[]>().plain(),
  'POST /api/inspections/:id/lookbacks': answers<TCreated>().body(ZScheduleLookbackRequest),
  'POST /api/lookback-items/:id': answers<TMeasureDetail>().body(ZLookbackResultRequest),

  'GET /api/supervision-orders': answers<TSupervisionList>().query(ZSupervisionListQuery),
  /** One order per unit the chosen measures and problems belong to. */
  'POST /api/supervision-orders': answers<{ ids: number[] }>().body(ZIssueSupervisionRequest),
  'GET /api/supervision-orders/:id': answers<TSupervisionOrderView>().plain(),
  'POST /api/supervision-orders/:id/reply': answers<TSupervisionOrderView>().body(ZSupervisionReplyRequest),
  'POST /api/supervision-orders/:id/decision':
    answers<TSupervisionOrderView>().body(ZSupervisionDecisionRequest),
  'POST /api/supervision-orders/:id/interviews': answers<TSupervisionOrderView>().body(
    ZSupervisionInterviewRequest,
  ),

  'GET /api/close-out/queue': answers<TQueueItem[]>().plain(),
  'GET /api/notifications': answers<TNotificationView[]>().plain(),
  /** The header's badge: unread messages and 销号 requests waiting for the reader (ETag; 304 when unchanged). */
  'GET /api/notifications/badge': answers<TBadge>().plain(),
  /** Public, no login: an opinion from the public (监督意见) → its receipt code (查询码); 200 when already received. */
  'POST /api/public/opinions': answers<{ code: string; isDuplicate: boolean }>().body(ZOpinionRequest),
  /** Public, no login: what the code's holder sees (status, published answer; never the submitter's contact). */
  'GET /api/public/opinions/:code': answers<TOpinionReceipt>().plain(),
  /** The back office's inbox of opinions in the reader's scope (or assigned to them). */
  'GET /api/opinions': answers<TOpinionList>().query(ZOpinionListQuery),
  'GET /api/opinions/:id': answers<TOpinionView>().plain(),
  'POST /api/opinions/:id/triage': answers<TOpinionView>().body(ZOpinionTriageRequest),
  'POST /api/opinions/:id/assign': answers<TOpinionView>().body(ZOpinionAssignRequest),
  'POST /api/opinions/:id/answer': answers<TOpinionView>().body(ZOpinionAnswerRequest),
  'POST /api/opinions/:id/publish': answers<TOpinionView>().body(ZOpinionPublishRequest),
  /** 我的工作: what waits for the current user. */
  'GET /api/my-work': answers<TMyWork>().plain(),
  /** Marks every message read (全部标为已读). */
  'POST /api/notifications/read': answers<TOk>().plain(),
  /** Marks one message read when it is opened. */
  'POST /api/notifications/:id/read': answers<TOk>().plain(),

  'GET /api/inspections/:id/outcomes': answers<TOutcomesView>().plain(),
  'POST /api/inspections/:id/outcomes/rules': answers<TCreated>().body(ZOutcomeRuleRequest),
  'POST /api/inspections/:id/outcomes/money': answers<TCreated>().body(ZOutcomeMoneyRequest),
  'POST /api/inspections/:id/outcomes/accountability': answers<TCreated>().body(
    ZOutcomeAccountabilityRequest,
  ),

  'GET /api/inspections/:id/documents/:file': answers<Blob>().plain(),
  'GET /api/inspections/:id/announcements': answers<TAnnouncementView[]>().plain(),
  'PUT /api/inspections/:id/announcements/draft': answers<TCreated>().body(ZAnnouncementDraftRequest),
  'POST /api/announcements/:id/:step': answers<TOk>().body(ZAnnouncementStepRequest),
  'GET /api/inspections/:id/monthly-reports': answers<TMonthlyReportsView>().plain(),
  'POST /api/inspections/:id/monthly-reports': answers<TCreated>().body(ZMonthlyReportRequest),

  'POST /api/exports': answers<TExportTicket>().body(ZExportRequest),
  'GET /api/exports/:token': answers<Blob>().plain(),

  /** Raw bytes (not JSON): see `apiUpload` in the web client. */
  'POST /api/imports/preview': answers<TImportPreview>().plain(),
  'POST /api/imports/confirm': answers<TImportConfirmResult>().body(ZImportConfirmRequest),
  'GET /api/templates/breakdown.xlsx': answers<Blob>().plain(),

  /** Message channels (administrator): settings without secrets, and delivery counts. */
  'GET /api/admin/channels': answers<TChannelView[]>().plain(),
  'PUT /api/admin/channels/:channel': answers<TChannelView[]>().body(ZChannelSettingsRequest),
  /** A test message now, on the channel as stored; e-mail goes to the address given. */
  'POST /api/admin/channels/:channel/test': answers<TChannelTestResult>().body(ZChannelTestRequest),
  /** Deliveries that failed after every retry, newest first; one may be put back in the queue. */
  'GET /api/admin/deliveries': answers<TDeliveryList>().query(ZDeliveryListQuery),
  'POST /api/admin/deliveries/:id/retry': answers<{ ok: true }>().plain(),
  /** The user's own e-mail address and choice per channel. */
  'GET /api/me/channels': answers<TMyChannels>().plain(),
  'PUT /api/me/channels': answers<TMyChannels>().body(ZMyChannelsRequest),
  'GET /api/admin/units': answers<TAdminUnit[]>().plain(),
  'POST /api/admin/units': answers<TCreated>().body(ZCreateUnitRequest),
  'PATCH /api/admin/units/:id': answers<TOk>().body(ZUpdateUnitRequest),
  'POST /api/admin/units/:id/departments': answers<TCreated>().body(ZCreateDepartmentRequest),
  'POST /api/admin/units/:id/people': answers<TCreated>().body(ZCreatePersonRequest),
  /** 人员交接: the person leaves; open measures and opinions go to the successor, accounts closed, in one step. */
  'POST /api/admin/people/:id/handover': answers<THandOverResult>().body(ZHandOverRequest),
  'PATCH /api/admin/people/:id': answers<TOk>().body(ZUpdatePersonRequest),
  'POST /api/admin/people/:id/merge': answers<TMergeResult>().body(ZMergeRequest),
  'PATCH /api/admin/departments/:id': answers<TOk>().body(ZUpdateDepartmentRequest),
  'POST /api/admin/departments/:id/merge': answers<TMergeResult>().body(ZMergeRequest),
  'GET /api/admin/users': answers<TAdminUser[]>().plain(),
  'POST /api/admin/users': answers<TCreated>().body(ZCreateUserRequest),
  'PATCH /api/admin/users/:id': answers<TOk>().body(ZUpdateUserRequest),
  'POST /api/admin/users/:id/reset-password': answers<TOk>().body(ZResetPasswordRequest),

  'GET /api/audit': answers<{ total: number; entries: TAuditEntryView[] }>().query(ZAuditQuery),
} as const;

/** A route's key. */
export type TRouteKey = keyof typeof ROUTES;
type TRouteOf<K extends TRouteKey> = (typeof ROUTES)[K];

/** What a route answers. */
export type TResponseOf<K extends TRouteKey> =
  TRouteOf<K> extends TRoute<infer R, infer _B, infer _Q> ? R : never;
/** The body a route takes (as the caller sends it), or `undefined`. */
export type TBodyOf<K extends TRouteKey> = TRouteOf<K>['body'] extends z.ZodType
  ? z.input<TRouteOf<K>['body']>
  : undefined;
/** The body as the handler sees it after validation. */
export type TParsedBodyOf<K extends TRouteKey> = TRouteOf<K>['body'] extends z.ZodType
  ? z.output<TRouteOf<K>['body']>
  : undefined;
/** The query a route takes, or `undefined`. */
export type TQueryOf<K extends TRouteKey> = TRouteOf<K>['query'] extends z.ZodType
  ? z.input<TRouteOf<K>['query']>
  : undefined;

type TParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | TParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;
/** The path parameters of a route (`:id` → `{ id }`). */
export type TParamsOf<K extends TRouteKey> = { [N in TParamNames<K>]: string | number };

/** Fills a route's path with its parameters, each encoded. */
export function routePath(key: TRouteKey, params: Record<string, string | number> = {}): string {
  const path = key.slice(key.indexOf(' ') + 1);
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name} of ${key}`);
    return encodeURIComponent(String(value));
  });
}

/** The route key of a method and a registered path, if it is in the table. */
export function routeKey(method: string, path: string): TRouteKey | undefined {
  const key = `${method.toUpperCase()} ${path}`;
  return key in ROUTES ? (key as TRouteKey) : undefined;
}
