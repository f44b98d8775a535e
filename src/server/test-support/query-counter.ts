/** A Kysely plugin counting the statements sent: tests hold a request's number of queries to a bound with it. */
import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';

/** Counts the statements sent (`db.withPlugin(counter)`); set `count` to 0 to start again. */
export class QueryCounter implements KyselyPlugin {
  count = 0;
  // Counted as each statement's result comes back, not as it is compiled: a prepared query (prepared.ts) is
  // compiled once and run many times.
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }
  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    this.count += 1;
    return Promise.resolve(args.result);
  }
}
