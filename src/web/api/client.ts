/** The HTTP client: JSON in and out, session cookie, CSRF header, Chinese error messages from the server. */
import type { z } from 'zod';
import type { TBadge, TErrorBody, TStagedUpload } from '@shared/api.ts';
import {
  ROUTES,
  routePath,
  type TBodyOf,
  type TParamsOf,
  type TResponseOf,
  type TRouteKey,
} from '@shared/routes.ts';

/** A failed request, carrying the server's Chinese message. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** Called on 401 so the app can show the login page. */
let onUnauthenticated: () => void = () => {};
/** Registers the 401 handler. */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

type TMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type TPathOf<M extends TMethod> = { [K in TRouteKey]: K extends `${M} ${infer P}` ? P : never }[TRouteKey];
type TKeyOf<M extends TMethod, P extends string> = `${M} ${P}` & TRouteKey;

/** What a call passes: the path parameters, the body and the query string its route takes. */
export type TRequestOptions<K extends TRouteKey> = (keyof TParamsOf<K> extends never
  ? { params?: undefined }
  : { params: TParamsOf<K> }) &
  (undefined extends TBodyOf<K> ? { body?: TBodyOf<K> } : { body: TBodyOf<K> }) & {
    query?: URLSearchParams;
  };
type TOptionArgs<K extends TRouteKey> =
  Record<string, never> extends TRequestOptions<K>
    ? [options?: TRequestOptions<K>]
    : [options: TRequestOptions<K>];

/**
 * Calls a route of the contract (`src/shared/routes.ts`). The body is checked with the route's schema before it is
 * sent: a body the server would refuse is refused here with the same Chinese message, and nothing is sent.
 */
export async function request<K extends TRouteKey>(
  key: K,
  options?: TRequestOptions<K>,
): Promise<TResponseOf<K>> {
  const schema: z.ZodType | null = ROUTES[key].body;
  const body: unknown = options?.body;
  if (schema !== null) {
    const checked = schema.safeParse(body ?? {});
    if (!checked.success) {
      const issue = checked.error.issues[0];
      throw new ApiError(400, 'BAD_REQUEST', issue?.message ?? '请求内容有误', {
        field: issue?.path.join('.') ?? '',
      });
    }
  }
  const method = key.slice(0, key.indexOf(' ')) as TMethod;
  const path = routePath(key, options?.params ?? {});
  const query = options?.query?.toString() ?? '';
  return send(method, query === '' ? path : `${path}?${query}`, body) as Promise<TResponseOf<K>>;
}

const caller =
  <M extends TMethod>(method: M) =>
  <P extends TPathOf<M>>(
    path: P,
    ...[options]: TOptionArgs<TKeyOf<M, P>>
  ): Promise<TResponseOf<TKeyOf<M, P>>> =>
    request(`${method} ${path}` as TKeyOf<M, P>, options);

/** The typed client: `api.get('/api/measures/:id', { params: { id } })` answers a `TMeasureDetail`. */
export const api = {
  get: caller('GET'),
  post: caller('POST'),
  put: caller('PUT'),
  patch: caller('PATCH'),
  delete: caller('DELETE'),
};

/** Sends JSON and reads the JSON answer; failures become `ApiError` with the server's Chinese message. */
async function send(method: TMethod, path: string, body?: unknown): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: {
        'x-requested-with': 'zhenggai',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试');
  }
  const text = await response.text();
  const data: unknown = text === '' ? null : safeJson(text);
  if (!response.ok) {
    const err = (data ?? {}) as Partial<TErrorBody>;
    if (response.status === 401 && !path.endsWith('/auth/login')) onUnauthenticated();
    throw new ApiError(
      response.status,
      err.code ?? 'ERROR',
      err.message ?? `请求失败（${response.status}）`,
      err.details,
    );
  }
  return data;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The routes that take a file's raw bytes rather than JSON. */
type TUploadKey =
  'POST /api/imports/preview' | 'POST /api/measures/:id/evidence' | 'POST /api/measures/:id/uploads';

/** Uploads a file as raw bytes (the server tells the format from the content). */
export async function apiUpload<K extends TUploadKey>(
  key: K,
  file: File,
  options: { params?: TParamsOf<K>; query?: URLSearchParams; headers?: Record<string, string> } = {},
): Promise<TResponseOf<K>> {
  const path = routePath(key, options.params ?? {});
  const query = options.query?.toString() ?? '';
  let response: Response;
  try {
    response = await fetch(query === '' ? path : `${path}?${query}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'x-requested-with': 'zhenggai',
        'content-type': 'application/octet-stream',
        'x-file-name': encodeURIComponent(file.name),
        ...options.headers,
      },
      body: file,
    });
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试');
  }
  const data: unknown = safeJson(await response.text());
  if (!response.ok) {
    const err = (data ?? {}) as Partial<TErrorBody>;
    if (response.status === 401) onUnauthenticated();
    throw new ApiError(
      response.status,
      err.code ?? 'ERROR',
      err.message ?? `上传失败（${response.status}）`,
      err.details,
    );
  }
  return data as TResponseOf<K>;
}

/**
 * The header's badge, polled: sends the ETag of what the page has, and answers null when the server says nothing
 * changed (304), so a quiet minute costs two small counts and no body.
 */
export async function fetchBadge(
  etag: string | null,
): Promise<{ badge: TBadge | null; etag: string | null }> {
  const response = await fetch(routePath('GET /api/notifications/badge', {}), {
    credentials: 'same-origin',
    headers: { 'x-requested-with': 'zhenggai', ...(etag === null ? {} : { 'if-none-match': etag }) },
  });
  if (response.status === 304) return { badge: null, etag };
  if (response.status === 401) onUnauthenticated();
  if (!response.ok) throw new ApiError(response.status, 'ERROR', `读取消息数失败（${response.status}）`);
  return { badge: (await response.json()) as TBadge, etag: response.headers.get('etag') };
}

/** Stages a file for a progress entry being written: checked and kept by the server until the entry is saved. */
export async function stageUpload(
  measureId: number,
  file: File,
  originalSha256: string | null,
): Promise<TStagedUpload> {
  return apiUpload('POST /api/measures/:id/uploads', file, {
    params: { id: measureId },
    ...(originalSha256 === null ? {} : { headers: { 'x-original-sha256': originalSha256 } }),
  });
}

/** The routes that answer a file to a JSON POST (an export made and audited by the request itself). */
type TDownloadKey = 'POST /api/measures/export';

/**
 * Posts a JSON body and saves the file the server answers (streamed to a Blob, then downloaded under the name the
 * server gives). Failures become `ApiError` with the server's Chinese message.
 */
export async function apiDownload<K extends TDownloadKey>(key: K, body: TBodyOf<K>): Promise<void> {
  const path = routePath(key);
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'x-requested-with': 'zhenggai', 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试');
  }
  if (!response.ok) {
    const err = (safeJson(await response.text()) ?? {}) as Partial<TErrorBody>;
    if (response.status === 401) onUnauthenticated();
    throw new ApiError(response.status, err.code ?? 'ERROR', err.message ?? `导出失败（${response.status}）`);
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const fileName = encoded ? decodeURIComponent(encoded) : 'download';
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * One page of a list route that answers a list and its total in `x-total-count` (GET /api/inspections with `page`).
 */
export async function apiPage(path: '/api/inspections', query: URLSearchParams) {
  type TItem = TResponseOf<'GET /api/inspections'>[number];
  let response: Response;
  try {
    response = await fetch(`${path}?${query.toString()}`, {
      credentials: 'same-origin',
      headers: { 'x-requested-with': 'zhenggai' },
    });
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试');
  }
  const data = safeJson(await response.text());
  if (!response.ok) {
    const err = (data ?? {}) as Partial<TErrorBody>;
    if (response.status === 401) onUnauthenticated();
    throw new ApiError(response.status, err.code ?? 'ERROR', err.message ?? `请求失败（${response.status}）`);
  }
  const items = (data ?? []) as TItem[];
  return { items, total: Number(response.headers.get('x-total-count') ?? items.length) };
}
