/** Errors, and importing a document: preview, re-import changes, confirmation. */
import { z } from 'zod';

import { ZImportedDocument, type TImportedDocument } from '../import-structure.ts';

/** Error body of every failed request. */
export type TErrorBody = { code: string; message: string; details?: Record<string, unknown> };

/** A department or person name found in an import, and what it matches in the target unit. */
export type TNameMatch = { name: string; matchId: number | null; count: number };

/** One change of a re-import, by a stable id the user accepts or not. */
export type TReimportChange = {
  id: string;
  kind: 'added' | 'changed' | 'removed';
  category: string;
  problem: string;
  ordinal: number;
  measureId: number | null;
  before: TImportedMeasureFields | null;
  after: TImportedMeasureFields | null;
  /** Fields that differ (for 'changed'). */
  fields: string[];
  /** Set when the change may not be applied (a measure with progress or evidence is never deleted by an import). */
  blockedReason: string | null;
};

/** The six-clarity fields compared by a re-import. */
export type TImportedMeasureFields = {
  text: string;
  department: string | null;
  leader: string | null;
  person: string | null;
  deadline: string | null;
  isStanding: boolean;
};

/** POST /api/imports/preview: what would be imported; nothing is written. */
export type TImportPreview = {
  fileName: string;
  format: 'text' | 'docx' | 'xlsx';
  document: TImportedDocument;
  counts: { categories: number; problems: number; measures: number };
  unit: { id: number; name: string } | null;
  /** The first 30 units the reader may import into, tree order, the matched unit first; others: GET /api/choices/units. */
  units: Array<{ id: number; name: string }>;
  departments: TNameMatch[];
  people: TNameMatch[];
  unitDepartments: Array<{ id: number; name: string }>;
  unitPeople: Array<{ id: number; name: string; position: string | null }>;
  reimport: { inspectionId: number; changes: TReimportChange[] } | null;
  /** The ledger this document was already imported as (same unit, group and dates): `reimport` then updates it. */
  duplicateOf: { inspectionId: number; title: string } | null;
};

/** POST /api/imports/confirm */
export const ZImportConfirmRequest = z.object({
  document: ZImportedDocument,
  unitId: z.number().int().positive().nullable().default(null),
  inspectionId: z.number().int().positive().nullable().default(null),
  mappings: z
    .object({
      departments: z.record(z.string(), z.union([z.number().int().positive(), z.literal('new')])).default({}),
      people: z.record(z.string(), z.union([z.number().int().positive(), z.literal('new')])).default({}),
    })
    .default({ departments: {}, people: {} }),
  acceptedChanges: z.array(z.string().max(100)).max(5000).default([]),
});
export type TImportConfirmRequest = z.infer<typeof ZImportConfirmRequest>;

/** POST /api/imports/confirm answer. */
export type TImportConfirmResult = {
  inspectionId: number;
  unitId: number;
  created: number;
  changed: number;
  removed: number;
  notes: string[];
};
