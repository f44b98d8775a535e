/**
 * The structure every importer produces and `zhenggai import --dry-run --json` prints. It is a contract:
 * keys may be added, never renamed.
 */
import { z } from 'zod';
import { ZContact, ZInspectionKind } from './domain.ts';

/** A measure as found in a document: its text without the 一是 marker. */
export const ZImportedMeasure = z.object({ text: z.string() });
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
