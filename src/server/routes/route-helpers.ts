/** Small helpers for routes: validate with the shared zod schema, parse ids. */
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { isIdText } from '@shared/api/fields.ts';
import { ROUTES, type TParsedBodyOf, type TRouteKey } from '@shared/routes.ts';
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
  if (typeof raw !== 'string' || !isIdText(raw)) throw new AppError('NOT_FOUND', '对象不存在');
  return Number(raw);
}

/** Checks that the handler asks for its own route's input: the key names the route being served. */
function ownRoute(request: FastifyRequest, key: TRouteKey): void {
  const served = `${request.method} ${request.routeOptions.url ?? ''}`;
  if (served !== key) throw new Error(`route input of ${key} asked for while serving ${served}`);
}

/** The body of this route, validated with the schema `src/shared/routes.ts` names for it (400 in Chinese). */
export function bodyOf<K extends TRouteKey>(request: FastifyRequest, key: K): TParsedBodyOf<K> {
  ownRoute(request, key);
  const schema: z.ZodType | null = ROUTES[key].body;
  if (schema === null) throw new Error(`${key} takes no body`);
  return validate(schema, request.body) as TParsedBodyOf<K>;
}

/** The query string of this route, validated with the schema `src/shared/routes.ts` names for it. */
export function queryOf<K extends TRouteKey>(
  request: FastifyRequest,
  key: K,
): (typeof ROUTES)[K]['query'] extends z.ZodType ? z.output<(typeof ROUTES)[K]['query']> : never {
  ownRoute(request, key);
  const schema: z.ZodType | null = ROUTES[key].query;
  if (schema === null) throw new Error(`${key} takes no query`);
  return validate(schema, request.query) as (typeof ROUTES)[K]['query'] extends z.ZodType
    ? z.output<(typeof ROUTES)[K]['query']>
    : never;
}
