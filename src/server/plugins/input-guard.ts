/**
 * One guard for every request's input, before any route sees it: no NUL character in any text (PostgreSQL refuses
 * it, and no user means one), in the body, the query or the file-name header; and no JSON nested deeper than any
 * request of this API needs. A 400 with a Chinese message, and nothing is written.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

/** The deepest nesting any request body of this API has (an imported document: document → category → problem → sub-problem → measure → fields). */
export const MAX_BODY_DEPTH = 24;

const NUL_MESSAGE = '提交的内容包含无效字符（NUL），请删除后重试';

/** Walks a parsed value iteratively; throws on a NUL in any string or key, or on nesting deeper than allowed. */
export function checkInput(value: unknown, maxDepth = MAX_BODY_DEPTH): void {
  const stack: Array<{ v: unknown; depth: number }> = [{ v: value, depth: 0 }];
  while (stack.length > 0) {
    const { v, depth } = stack.pop() ?? { v: null, depth: 0 };
    if (typeof v === 'string') {
      if (v.includes('\u0000')) throw new AppError('BAD_REQUEST', NUL_MESSAGE);
      continue;
    }
    if (v === null || typeof v !== 'object' || ArrayBuffer.isView(v)) continue;
    if (depth >= maxDepth) throw new AppError('BAD_REQUEST', '提交的内容层级过深，请检查后重试');
    for (const [key, child] of Object.entries(v)) {
      if (key.includes('\u0000')) throw new AppError('BAD_REQUEST', NUL_MESSAGE);
      stack.push({ v: child, depth: depth + 1 });
    }
  }
}

/** The file name a client sends in `X-File-Name` (URI-encoded), checked; null when absent. */
export function fileNameHeader(request: FastifyRequest): string | null {
  const raw = request.headers['x-file-name'];
  if (typeof raw !== 'string' || raw === '') return null;
  let name: string;
  try {
    name = decodeURIComponent(raw);
  } catch {
    throw new AppError('BAD_REQUEST', '文件名编码有误');
  }
  if (name.includes('\u0000')) throw new AppError('BAD_REQUEST', NUL_MESSAGE);
  return name;
}

/** Registers the guard on every route (after the body is parsed, before validation). */
export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', (request, _reply, done) => {
    try {
      checkInput(request.query);
      checkInput(request.params);
      checkInput(request.body);
      fileNameHeader(request);
      done();
    } catch (error) {
      done(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
