/** Runs the `zhenggai` binary as a user would (a child process), for the CLI's tests. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
const BIN = new URL('../../bin/zhenggai.js', import.meta.url).pathname;

/** Exit code and output of `zhenggai ...args` with the given environment (DATABASE_URL cleared unless given). */
export async function zhenggai(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      env: { ...process.env, DATABASE_URL: '', ZHENGGAI_FROM_SOURCE: '1', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
