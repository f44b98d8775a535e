/** The cross-unit measure search (措施查询): its query string and its answer. */
import { z } from 'zod';
import { missingIfBlank, optionalId, pageNumber, pageSizeUpTo } from './fields.ts';
import { ZInspectionKind, ZIsoDate, ZMeasureState, ZWarningColour } from '../domain.ts';
import type { TMeasureView } from './ledger-views.ts';

/** Orders of the search: by deadline (earliest first, none last), latest deadline, most overdue, last changed. */
export const MEASURE_SORTS = ['deadline', '-deadline', 'overdue', 'updated'] as const;
export const ZMeasureSort = z.enum(MEASURE_SORTS);
export type TMeasureSort = z.infer<typeof ZMeasureSort>;

const optional = <T extends z.ZodType>(schema: T) => z.preprocess(missingIfBlank, schema.optional());
const id = optionalId;
/** A department or person: its id, or words of its name. */
const idOrName = (label: string) =>
  optional(
    z
      .string()
      .trim()
      .max(50, { message: `${label}最多 50 字` }),
  );

/** GET /api/measures — every filter optional; they combine with "and". */
export const ZMeasureSearchQuery = z.object({
  /** A unit and every unit under it. */
  unit: id('单位'),
  inspection: id('巡察'),
  /** The round as the inspection names it (e.g. 十二届区委第二轮巡察). */
  round: optional(z.string().trim().max(100, { message: '轮次最多 100 字' })),
  kind: optional(ZInspectionKind),
  /** A category: its id, or words of its title. */
  category: optional(z.string().trim().max(100, { message: '问题类别最多 100 字' })),
  state: optional(ZMeasureState),
  colour: optional(ZWarningColour),
  /** `true`: past the deadline and not closed. */
  overdue: optional(z.enum(['true', 'false'], { message: 'overdue 只能是 true 或 false' })),
  department: idOrName('责任部门'),
  /** The responsible person or the responsible leader. */
  person: idOrName('责任人'),
  deadlineFrom: optional(ZIsoDate),
  deadlineTo: optional(ZIsoDate),
  /** Words in the measure, its problem or its progress; Chinese as written, no word splitting. */
  q: optional(z.string().trim().max(100, { message: '关键词最多 100 字' })),
  sort: z.preprocess(missingIfBlank, ZMeasureSort.default('deadline')),
  page: pageNumber(),
  pageSize: pageSizeUpTo(200, 50),
});
export type TMeasureSearchQuery = z.infer<typeof ZMeasureSearchQuery>;
/** The filters alone (what an export or a dashboard link carries). */
export type TMeasureFilters = Omit<TMeasureSearchQuery, 'sort' | 'page' | 'pageSize'>;

/** A measure as the search lists it: as the ledger presents it, and where it belongs. */
export type TMeasureSearchItem = TMeasureView & {
  unitId: number;
  unitName: string;
  inspectionId: number;
  inspectionTitle: string;
  inspectionKind: string;
  round: string | null;
  categoryTitle: string;
  problemNumber: string;
  problemTitle: string;
};

/** GET /api/measures */
export type TMeasureSearchResult = {
  total: number;
  page: number;
  pageSize: number;
  today: string;
  items: TMeasureSearchItem[];
};

/**
 * GET /api/inspections — optional filters and paging. Without `page` every inspection in scope is answered (as
 * before); with it, one page, and the total in the `x-total-count` header. The answer stays a list.
 */
export const ZInspectionListQuery = z.object({
  /** A unit and every unit under it. */
  unit: id('单位'),
  round: optional(z.string().trim().max(100, { message: '轮次最多 100 字' })),
  kind: optional(ZInspectionKind),
  /** `true`: inspections with at least one overdue measure; `false`: none. */
  hasOverdue: optional(z.enum(['true', 'false'], { message: 'hasOverdue 只能是 true 或 false' })),
  /** Words of the unit's name or the inspection's title. */
  q: optional(z.string().trim().max(100, { message: '关键词最多 100 字' })),
  /** `true`: only archived ledgers (created by mistake or no longer followed); by default they are left out. */
  archived: optional(z.enum(['true', 'false'], { message: 'archived 只能是 true 或 false' })),
  /** Always one page (the first by default); the total is in the `x-total-count` header, the next page in `link`. */
  page: pageNumber(),
  pageSize: pageSizeUpTo(200, 50),
});
export type TInspectionListQuery = z.infer<typeof ZInspectionListQuery>;
