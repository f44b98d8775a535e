/** The inspection office's dashboard (整改总览): figures over the measures in scope, by unit and by category. */
import { z } from 'zod';
import { missingIfBlank, pageNumber, pageSizeUpTo } from './fields.ts';
import { ZMeasureSearchQuery } from './search.ts';

/** GET /api/dashboard — the scope filters of the search (unit and below, inspection, round, kind). */
export const ZDashboardQuery = ZMeasureSearchQuery.pick({
  unit: true,
  inspection: true,
  round: true,
  kind: true,
});
export type TDashboardQuery = z.infer<typeof ZDashboardQuery>;

/** Completion bands as provincial offices report units: all closed, 80–99 %, under 80 %. */
export const COMPLETION_BANDS = ['full', 'high', 'low'] as const;
export type TCompletionBand = (typeof COMPLETION_BANDS)[number];
export const COMPLETION_BAND_LABELS: Record<TCompletionBand, string> = {
  full: '全部完成（100%）',
  high: '80%–99%',
  low: '80% 以下',
};

/** The band of a completion rate (closed / measures, 0–1); a unit without measures has none. */
export function completionBand(closed: number, measures: number): TCompletionBand | null {
  if (measures === 0) return null;
  if (closed === measures) return 'full';
  return closed / measures >= 0.8 ? 'high' : 'low';
}

/**
 * Orders of the unit ranking: as offices rank units (most overdue first, then lowest completion), by completion
 * rate either way, or most of one figure first; ties keep the ranking's order.
 */
export const UNIT_RANKING_SORTS = [
  'rank',
  'completion',
  '-completion',
  'measures',
  'red',
  'yellow',
  'relapsed',
  'unclear',
  'openOrders',
] as const;
export type TUnitRankingSort = (typeof UNIT_RANKING_SORTS)[number];

/** The ranking rows the dashboard itself carries (the first page, in ranking order). */
export const DASHBOARD_UNITS_SHOWN = 20;

/** GET /api/dashboard/units — the dashboard's filters, a completion band, an order and a page. */
export const ZDashboardUnitsQuery = ZDashboardQuery.extend({
  band: z.preprocess(
    missingIfBlank,
    z.enum(COMPLETION_BANDS, { message: '分档只能是 full、high 或 low' }).optional(),
  ),
  sort: z.preprocess(missingIfBlank, z.enum(UNIT_RANKING_SORTS, { message: '排序方式有误' }).default('rank')),
  page: pageNumber(),
  pageSize: pageSizeUpTo(100, DASHBOARD_UNITS_SHOWN, '个单位'),
});
export type TDashboardUnitsQuery = z.infer<typeof ZDashboardUnitsQuery>;

/** One unit of the ranking. */
export type TDashboardUnit = TMeasureFigures & {
  unitId: number;
  unitName: string;
  completionRate: number;
  band: TCompletionBand | null;
  /** Supervision orders (督办单) to this unit not yet closed. */
  openOrders: number;
};

/** GET /api/dashboard/units: one page of the ranking, sorted and counted by the database. */
export type TDashboardUnitPage = {
  /** Units in the ranking (of the band, when one is chosen). */
  total: number;
  page: number;
  pageSize: number;
  items: TDashboardUnit[];
};

/** Counts of one group of measures. */
export type TMeasureFigures = {
  measures: number;
  closed: number;
  red: number;
  yellow: number;
  green: number;
  /** Past the deadline and not closed (standing work excluded). */
  overdue: number;
  relapsed: number;
  /** Lacking one of the six clarities (no person, department, leader or deadline). */
  unclear: number;
};

/** GET /api/dashboard */
export type TDashboard = {
  today: string;
  totals: TMeasureFigures & {
    units: number;
    inspections: number;
    problems: number;
    problemsClosed: number;
    /** Supervision orders (督办单) not yet closed, to the units listed. */
    openOrders: number;
  };
  /**
   * The first `DASHBOARD_UNITS_SHOWN` units of the ranking (most overdue first, then lowest completion); the whole
   * ranking, in pages and other orders, is GET /api/dashboard/units. `totals.units` counts them all.
   */
  byUnit: TDashboardUnit[];
  byCategory: Array<TMeasureFigures & { title: string }>;
  /** The 30 responsible departments with most red (then overdue) measures. */
  byDepartment: Array<TMeasureFigures & { departmentId: number; departmentName: string; unitName: string }>;
  bands: Record<TCompletionBand, number>;
  /**
   * The last 12 months: each past month as its last daily snapshot stood (stored once, never recomputed), the
   * current month as the figures stand now (`day` null). Months without a snapshot are left out.
   */
  trend: TTrendPoint[];
  /** Outcomes registered in the ledgers selected: rules made, money by kind (in 分), people held accountable by kind. */
  outcomes: {
    rules: number;
    money: Array<{ kind: string; fen: number }>;
    accountability: Array<{ kind: string; people: number }>;
  };
  /** Look-back (回头看) items: holding, relapsed, not yet checked. */
  lookbacks: { holds: number; relapsed: number; pending: number };
  /**
   * Opinions from the public to the units selected (an inspection: its unit), for readers of every opinion in
   * their scope; null for others.
   */
  opinions: TOpinionFigures | null;
};

/** Opinions from the public: received, answered, found outside the remit, still open, overdue; by problem. */
export type TOpinionFigures = {
  received: number;
  answered: number;
  outOfScope: number;
  open: number;
  overdue: number;
  /** The ten problems most written about: opinions received and settled (answered or outside the remit). */
  byProblem: Array<{ problemTitle: string; received: number; settled: number }>;
};

/** One month of the trend. */
export type TTrendPoint = {
  month: string;
  /** The day the figures were taken; null for the current month's live figures. */
  day: string | null;
  measures: number;
  closed: number;
  red: number;
  yellow: number;
  overdue: number;
  relapsed: number;
  problems: number;
  problemsClosed: number;
};
