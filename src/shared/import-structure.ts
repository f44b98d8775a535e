/**
 * The structure every importer produces and `zhenggai import --dry-run --json` prints. It is a contract:
 * keys may be added, never renamed.
 */
import { z } from 'zod';
import { isIsoDate, isPlausibleDate } from './chinese.ts';
import { ZContact, ZInspectionKind } from './domain.ts';

/** A state suggested by the progress language: done (可申请销号), in progress, or standing work. */
export const SUGGESTED_STATES = ['done', 'in_progress', 'standing'] as const;
export const ZSuggestedState = z.enum(SUGGESTED_STATES);
export type TSuggestedState = z.infer<typeof ZSuggestedState>;

/** Chinese labels of suggested states. */
export const SUGGESTED_STATE_LABELS: Record<TSuggestedState, string> = {
  done: '已完成（可申请销号）',
  in_progress: '推进中',
  standing: '长期坚持',
};

/**
 * A measure as found in a document: its text without the 一是 marker. A breakdown (.xlsx) also carries the
 * six clarities, the progress and the state as written; the text importer leaves those out.
 */
export const ZImportedMeasure = z.object({
  text: z.string(),
  department: z.string().nullable().optional(),
  leader: z.string().nullable().optional(),
  person: z.string().nullable().optional(),
  deadline: z
    .string()
    .refine((d) => isIsoDate(d) && isPlausibleDate(d), { message: '完成时限不是有效日期（YYYY-MM-DD）' })
    .nullable()
    .optional(),
  isStanding: z.boolean().optional(),
  progress: z.string().nullable().optional(),
  /** The 状态 column as written (未启动, 推进中 …). */
  stateText: z.string().nullable().optional(),
  suggestedState: ZSuggestedState.nullable().optional(),
  /** Problems found with this measure (missing deadline, unreadable date …), shown next to it. */
  warnings: z.array(z.string()).optional(),
});
export type TImportedMeasure = z.infer<typeof ZImportedMeasure>;

type TImportedProblemShape = {
  number: string;
  title: string;
  /** Text between the heading and 一是 that belongs to no measure, if any. */
  intro: string | null;
  subproblems: TImportedProblemShape[];
  measures: TImportedMeasure[];
};

/** A problem with its measures; sub-problems have the same shape (one level deep). */
export const ZImportedProblem: z.ZodType<TImportedProblemShape> = z.lazy(() =>
  z.object({
    number: z.string(),
    title: z.string(),
    intro: z.string().nullable(),
    subproblems: z.array(ZImportedProblem),
    measures: z.array(ZImportedMeasure),
  }),
);
export type TImportedProblem = TImportedProblemShape;

/** A problem category with its problems. */
export const ZImportedCategory = z.object({
  title: z.string(),
  problems: z.array(ZImportedProblem),
});
export type TImportedCategory = z.infer<typeof ZImportedCategory>;

/** The statistics paragraph: null where the document does not say. */
export const ZImportedStatistics = z.object({
  problems: z.number().nullable(),
  completed: z.number().nullable(),
  inProgress: z.number().nullable(),
  /** 未完成N个 (added later in the contract: absent in older dry-run JSON). */
  notCompleted: z.number().nullable().default(null),
  completionRate: z.number().nullable(),
  rules: z.number().nullable(),
  moneyWan: z.array(z.object({ kind: z.string(), amount: z.number() })),
  accountability: z.array(z.object({ kind: z.string(), people: z.number() })),
});
export type TImportedStatistics = z.infer<typeof ZImportedStatistics>;

/** The inspection as the document describes it. */
export const ZImportedInspection = z.object({
  kind: ZInspectionKind.nullable(),
  round: z.string().nullable(),
  group: z.string().nullable(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  feedbackDate: z.string().nullable(),
});
export type TImportedInspection = z.infer<typeof ZImportedInspection>;

/** A rule made or revised (制度成果) named in the text. `problem` is the problem's position (1, 2, 2.1 …). */
export const ZRuleSuggestion = z.object({
  title: z.string(),
  docNumber: z.string().nullable(),
  kind: z.enum(['new', 'revised']),
  problem: z.string().nullable(),
  measure: z.number().nullable(),
});
export type TRuleSuggestion = z.infer<typeof ZRuleSuggestion>;

/** Money returned or recovered, as the text says it. */
export const ZMoneySuggestion = z.object({
  kind: z.string(),
  amountWan: z.number().nullable(),
  text: z.string(),
  problem: z.string().nullable(),
  measure: z.number().nullable(),
});
export type TMoneySuggestion = z.infer<typeof ZMoneySuggestion>;

/** People held accountable, as the text says it. */
export const ZAccountabilitySuggestion = z.object({
  kind: z.string(),
  people: z.number(),
  text: z.string(),
  problem: z.string().nullable(),
  measure: z.number().nullable(),
});
export type TAccountabilitySuggestion = z.infer<typeof ZAccountabilitySuggestion>;

/** The whole parsed document. */
export const ZImportedDocument = z.object({
  title: z.string().nullable(),
  unit: z.string().nullable(),
  publishedDate: z.string().nullable(),
  inspection: ZImportedInspection,
  categories: z.array(ZImportedCategory),
  statistics: ZImportedStatistics,
  contact: ZContact,
  warnings: z.array(z.string()),
  rules: z.array(ZRuleSuggestion),
  suggestedStates: z.array(
    z.object({ problem: z.string(), measure: z.number(), state: ZSuggestedState, evidence: z.string() }),
  ),
  money: z.array(ZMoneySuggestion),
  accountability: z.array(ZAccountabilitySuggestion),
  /** The sections people write (how the work was organised; next steps), kept to start an announcement draft. */
  sections: z
    .object({
      organisation: z.object({ heading: z.string(), paragraphs: z.array(z.string()) }).nullable(),
      nextSteps: z.object({ heading: z.string(), paragraphs: z.array(z.string()) }).nullable(),
    })
    .optional(),
});
export type TImportedDocument = z.infer<typeof ZImportedDocument>;

/** Counts used in CLI summaries and tests. */
export function countImported(doc: TImportedDocument): {
  categories: number;
  problems: number;
  measures: number;
} {
  let problems = 0;
  let measures = 0;
  const visit = (p: TImportedProblem): void => {
    problems += 1;
    measures += p.measures.length;
    for (const s of p.subproblems) measures += s.measures.length;
  };
  for (const c of doc.categories) for (const p of c.problems) visit(p);
  return { categories: doc.categories.length, problems, measures };
}

/** Every measure of a document, with its problem. */
export function eachMeasure(
  doc: TImportedDocument,
): Array<{ category: string; problem: TImportedProblem; index: number }> {
  const out: Array<{ category: string; problem: TImportedProblem; index: number }> = [];
  const visit = (category: string, p: TImportedProblem) => {
    p.measures.forEach((_, index) => out.push({ category, problem: p, index }));
    p.subproblems.forEach((s) => visit(category, s));
  };
  for (const c of doc.categories) for (const p of c.problems) visit(c.title, p);
  return out;
}
