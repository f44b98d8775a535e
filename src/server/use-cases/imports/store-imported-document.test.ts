import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseAnnouncementText } from '@importers/announcement-text.importer.ts';
import type { TImportedDocument } from '@shared/import-structure.ts';
import type { TDb } from '../../db/connection.ts';
import { systemActor } from '../../policies/actor.ts';
import { openTestDatabase, testEngines } from '../../test-support/databases.ts';
import { storeImportedDocument } from './store-imported-document.ts';

const seed = (): TImportedDocument => {
  const r = parseAnnouncementText(
    readFileSync(new URL('../../../../demo/seed-announcement.txt', import.meta.url), 'utf8'),
  );
  if (!r.ok) throw new Error(r.error);
  return r.document;
};

describe.each(testEngines())('storing an imported document on %s', (engine) => {
  let database: TDb & { drop: () => Promise<void> };
  beforeEach(async () => {
    database = await openTestDatabase(engine);
  });
  afterEach(async () => database.drop());

  const count = async (
    table:
      'inspections' | 'categories' | 'problems' | 'measures' | 'units' | 'progress_entries' | 'audit_events',
  ) => {
    const row = await database.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };

  it('stores the seed as 4 categories, 15 problems, 48 measures with the unit and its contact', async () => {
    const result = await storeImportedDocument({
      db: database.db,
      actor: systemActor('test'),
      document: seed(),
    });
    expect([result.categoryIds.length, result.problemIds.length, result.measureIds.length]).toEqual([
      4, 15, 48,
    ]);
    const unit = await database.db
      .selectFrom('units')
      .selectAll()
      .where('id', '=', result.unitId)
      .executeTakeFirstOrThrow();
    expect(unit).toMatchObject({
      name: '南通市文学艺术界联合会',
      party_org_name: '中共南通市文学艺术界联合会党组',
      phone: '85512445',
    });
    const inspection = await database.db.selectFrom('inspections').selectAll().executeTakeFirstOrThrow();
    expect(inspection).toMatchObject({
      group_name: '市委第一巡察组',
      start_date: '2021-04-20',
      end_date: '2021-05-21',
      feedback_date: '2021-07-06',
    });
    expect(await count('progress_entries')).toBe(48);
    const audit = await database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('kind', '=', 'inspection.imported')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('writes nothing when any part fails (one transaction)', async () => {
    const doc = seed();
    // A category without a title violates NOT NULL half-way through the import.
    const broken = {
      ...doc,
      categories: [...doc.categories, { title: null as unknown as string, problems: [] }],
    };
    await expect(
      storeImportedDocument({ db: database.db, actor: systemActor('test'), document: broken }),
    ).rejects.toThrow();
    for (const table of [
      'inspections',
      'categories',
      'problems',
      'measures',
      'units',
      'audit_events',
    ] as const)
      expect(await count(table)).toBe(0);
  });

  it('refuses a document without a problem list (422)', async () => {
    await expect(
      storeImportedDocument({
        db: database.db,
        actor: systemActor('test'),
        document: { ...seed(), categories: [] },
      }),
    ).rejects.toMatchObject({ code: 'UNPROCESSABLE' });
  });
});
