/** Same-origin JSON client: sends the language and the CSRF token, turns error bodies into ApiError. */
import type { Lang } from '@rdplan/domain';
import createClient from 'openapi-fetch';
import type { paths } from './schema';

let currentLang: Lang = 'zh';
let csrfToken = '';

export function setApiLang(lang: Lang): void {
  currentLang = lang;
}

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** Fired on window when an API call answers 401 outside /api/auth. */
export const UNAUTHORIZED_EVENT = 'rdplan:unauthorized';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown,
  ) {
    super(message);
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

/**
 * Every call goes through here: the language and CSRF headers, a lapsed session announced, and a stale
 * CSRF token (e.g. the session was renewed in another tab) fetched afresh and the call retried once.
 */
async function transport(request: Request): Promise<Response> {
  const retry = request.method !== 'GET' ? request.clone() : null;
  const res = await sendOnce(request);
  if (res.status === 403 && retry) {
    const body = (await res
      .clone()
      .json()
      .catch(() => null)) as { code?: string } | null;
    if (body?.code === 'csrf_failed') {
      const s = await sendOnce(new Request(new URL('/api/auth/session', window.location.origin)));
      csrfToken = ((await s.json()) as { csrfToken: string }).csrfToken;
      return sendOnce(retry);
    }
  }
  // A lapsed session: let the auth layer re-check (sign-in attempts themselves are excluded).
  if (res.status === 401 && !new URL(request.url).pathname.startsWith('/api/auth/')) window.dispatchEvent(new Event(UNAUTHORIZED_EVENT));
  return res;
}

function sendOnce(request: Request): Promise<Response> {
  request.headers.set('Accept-Language', currentLang === 'zh' ? 'zh-CN' : 'en');
  if (!request.headers.has('Accept')) request.headers.set('Accept', 'application/json');
  if (request.method !== 'GET') request.headers.set('x-csrf-token', csrfToken);
  return fetch(request, { credentials: 'same-origin' });
}

function networkError(e: unknown): ApiError {
  return new ApiError(0, 'network', currentLang === 'zh' ? '网络错误，请稍后重试' : 'Network error, please try again', e);
}

/** The error envelope { code, message, details } of a failed answer as an ApiError. */
function apiError(status: number, data: unknown): ApiError {
  const err = (data ?? {}) as { code?: string; message?: string; details?: unknown };
  return new ApiError(
    status,
    err.code ?? `http_${status}`,
    err.message ?? (currentLang === 'zh' ? `请求失败（${status}）` : `Request failed (${status})`),
    err.details ?? null,
  );
}

/**
 * The typed client generated from the OpenAPI document (openapi-fetch over schema.d.ts): paths, inputs and
 * answers are checked against the server's schemas. Use it through `call`, which answers the data or
 * throws an ApiError.
 */
export const http = createClient<paths>({
  baseUrl: window.location.origin,
  fetch: transport,
  // As withQuery: empty, null and undefined values are left out (a cleared filter is no filter).
  querySerializer: (query) => withQuery('', query as Query).replace(/^\?/, ''),
});

export async function call<T>(pending: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await pending;
  } catch (e) {
    throw networkError(e);
  }
  if (!result.response.ok) throw apiError(result.response.status, result.error);
  return result.data as T;
}

export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const multipart = body instanceof FormData;
  const headers: Record<string, string> = {};
  if (body !== undefined && !multipart) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await transport(
      new Request(new URL(path, window.location.origin), {
        method,
        headers,
        body: body === undefined ? undefined : multipart ? body : JSON.stringify(body),
      }),
    );
  } catch (e) {
    throw networkError(e);
  }
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) throw apiError(res.status, data);
  return data as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', withQuery(path, query)),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, body),
  del: <T>(path: string) => request<T>('DELETE', path),
  /** Multipart upload of one file as field `file`, with the same CSRF and error handling. */
  upload: <T>(path: string, file: File) => {
    const body = new FormData();
    body.append('file', file, file.name);
    return request<T>('POST', path, body);
  },
};

export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}
