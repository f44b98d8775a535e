/** Output and argument helpers for the CLI: usage errors exit 2 with a message on stderr. */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A problem with the user's input: printed on stderr, exit code 2. */
export class CliUsageError extends Error {
  override name = 'CliUsageError';
}

/** Parses flags with node:util, turning its errors into usage errors. */
export function parseFlags<T extends ParseArgsConfig['options']>(
  args: string[],
  options: T,
): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values, positionals };
  } catch (error) {
    throw new CliUsageError(`参数错误：${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Writes a line to stdout. */
export function out(text: string): void {
  process.stdout.write(`${text}\n`);
}

/** Writes a line to stderr. */
export function err(text: string): void {
  process.stderr.write(`${text}\n`);
}
