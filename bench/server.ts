/**
 * The servers a benchmark run loads, in a process of their own (so the load generator does not share their CPU):
 * the app on the given database and the bare ceiling route on the same database. Prints one JSON line with both
 * ports when listening; closes on SIGTERM.
 */
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { openDatabase } from '../src/server/db/connection.ts';
import { ceilingApp } from './ceiling.ts';

const [url = '', pgSchema] = process.argv.slice(2);
const database = openDatabase(url, pgSchema ? { pgSchema } : {});
const config = loadConfig({
  DATABASE_URL: url,
  ZHENGGAI_DEMO: 'true',
  ZHENGGAI_WEB_DIST: '/nonexistent',
  ZHENGGAI_LOGIN_RATE_PER_MINUTE: '100000',
  ZHENGGAI_LOGIN_RATE_PER_USER_PER_MINUTE: '100000',
});
const app = await buildApp({ db: database.db, config });
await app.listen({ port: 0, host: '127.0.0.1' });
const ceiling = await ceilingApp(url, pgSchema);
await ceiling.listen({ port: 0, host: '127.0.0.1' });
const portOf = (a: typeof app) => {
  const address = a.server.address();
  return typeof address === 'object' && address !== null ? address.port : 0;
};
process.stdout.write(`${JSON.stringify({ app: portOf(app), ceiling: portOf(ceiling) })}\n`);
process.on('SIGTERM', () => {
  void Promise.all([app.close(), ceiling.close()])
    .then(() => database.close())
    .then(() => process.exit(0));
});
