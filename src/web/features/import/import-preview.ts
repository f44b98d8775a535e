/** Pure helpers of the import preview: the warnings that still apply while the user corrects the document. */
import type { TImportedDocument, TImportedMeasure } from '@shared/import-structure.ts';

/** The user's choices for department and people names: an existing id, or 'new'. */
export type TNameChoices = {
  departments: Record<string, number | 'new'>;
  people: Record<string, number | 'new'>;
};

/** A measure's warnings minus those the user has since resolved (a deadline set, a department mapped …). */
export function currentMeasureWarnings(m: TImportedMeasure, choices: TNameChoices): string[] {
  return (m.warnings ?? []).filter((w) => {
    if ((w === '缺少完成时限' || w.startsWith('完成时限“')) && (m.deadline || m.isStanding)) return false;
    if (w === '缺少责任单位' && m.department) return false;
    if (w === '缺少责任人' && m.person) return false;
    const dept = /^部室“(.+)”不在本单位名单中/.exec(w);
    if (dept?.[1] !== undefined && choices.departments[dept[1]] !== undefined) return false;
    return true;
  });
}

/** How many warnings remain in the whole document. */
export function countOpenWarnings(doc: TImportedDocument, choices: TNameChoices): number {
  let n = 0;
  const visit = (ms: TImportedMeasure[]) => {
    for (const m of ms) n += currentMeasureWarnings(m, choices).length;
  };
  for (const c of doc.categories)
    for (const p of c.problems) {
      visit(p.measures);
      for (const s of p.subproblems) visit(s.measures);
    }
  return n;
}

/** The document with one measure replaced (the preview keeps the document immutable). */
export function withMeasure(
  doc: TImportedDocument,
  path: { c: number; p: number; m: number },
  change: Partial<TImportedMeasure>,
): TImportedDocument {
  return {
    ...doc,
    categories: doc.categories.map((cat, ci) =>
      ci !== path.c
        ? cat
        : {
            ...cat,
            problems: cat.problems.map((pr, pi) =>
              pi !== path.p
                ? pr
                : {
                    ...pr,
                    measures: pr.measures.map((me, mi) => (mi !== path.m ? me : { ...me, ...change })),
                  },
            ),
          },
    ),
  };
}

/** The state text an imported measure takes when the user adopts the suggested state. */
export const SUGGESTED_STATE_TEXT = { done: '推进中', in_progress: '推进中', standing: '长期坚持' } as const;
