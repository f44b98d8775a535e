/** Which database a CLI command works on: --db, else DATABASE_URL, else the default SQLite file. */
export function databaseUrlFrom(flag: string | undefined): string {
  return flag ?? process.env.DATABASE_URL ?? 'data/zhenggai.db';
}
