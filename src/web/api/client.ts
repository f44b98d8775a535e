/** The HTTP client: JSON in and out, session cookie, CSRF header, Chinese error messages from the server. */
import type { TErrorBody } from '@shared/api.ts';

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

/** Sends a request to the API. */
export async function api<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
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
  return data as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Uploads a file as raw bytes (the server tells the format from the content). */
export async function apiUpload<T>(path: string, file: File): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'x-requested-with': 'zhenggai',
        'content-type': 'application/octet-stream',
        'x-file-name': encodeURIComponent(file.name),
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
  return data as T;
}

/** Uploads an evidence file to a measure. */
export async function uploadEvidence<T>(
  measureId: number,
  file: File,
  documentedDate: string | null,
  progressEntryId: number | null,
): Promise<T> {
  const q = new URLSearchParams();
  if (documentedDate) q.set('documentedDate', documentedDate);
  if (progressEntryId !== null) q.set('progressEntryId', String(progressEntryId));
  return apiUpload<T>(`/api/measures/${measureId}/evidence?${q.toString()}`, file);
}
