/** Choices for the filters of the search and the dashboard: units, inspections and rounds, found by words, a page at a time. */
import { z } from 'zod';
import { missingIfBlank, optionalId, pageSizeUpTo } from './fields.ts';

/** GET /api/choices/units|inspections|rounds — words to find, the choice already made (its label is always given). */
export const ZChoicesQuery = z.object({
  /** Words of the unit's name; of the inspection's unit, title or round; of the round. */
  q: z.preprocess(missingIfBlank, z.string().trim().max(50, { message: '关键词最多 50 字' }).optional()),
  /** Inspections only: those of this unit and the units under it. */
  unit: optionalId('单位'),
  /** The value already chosen (a unit's or inspection's id, a round's name): listed first whatever the words. */
  selected: z.preprocess(missingIfBlank, z.string().trim().max(100, { message: '已选项有误' }).optional()),
  limit: pageSizeUpTo(100, 30),
});
export type TChoicesQuery = z.infer<typeof ZChoicesQuery>;

/** One choice: the value a filter takes (as it stands in the address) and what the user reads. */
export type TChoice = { value: string; label: string };

/** The choices matching the words, at most `limit`, and how many match in all. */
export type TChoices = { total: number; items: TChoice[] };
