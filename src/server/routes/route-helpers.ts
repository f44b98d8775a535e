/** Small helpers for routes: validate with the shared zod schema, parse ids. */
import type { z } from 'zod';
import { AppError } from '../errors.ts';

/** Validates input with a shared schema; 400 with the first problem, in Chinese. */
export function validate<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue?.path.join('.') ?? '';
    throw new AppError(
      'BAD_REQUEST',
      issue ? issue.message : '请求内容有误',
      field === '' ? undefined : { field },
    );
  }
  return result.data;
}

/** Parses a numeric id from a path parameter; 404 for anything else (an id that cannot exist). */
export function idParam(params: unknown, name = 'id'): number {
  const raw = (params as Record<string, unknown> | undefined)?.[name];
  if (typeof raw !== 'string' || !/^[1-9]\d{0,9}$/.test(raw)) throw new AppError('NOT_FOUND', '对象不存在');
  return Number(raw);
}
