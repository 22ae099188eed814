/** Same-origin JSON client: sends the language and the CSRF token, turns error bodies into ApiError. */
import type { Lang } from '@rdplan/domain';

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

export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  try {
    return await send<T>(method, path, body);
  } catch (e) {
    // A stale CSRF token (e.g. the session was renewed in another tab): fetch a fresh one and retry once.
    if (e instanceof ApiError && e.code === 'csrf_failed' && method !== 'GET') {
      const s = await send<{ csrfToken: string }>('GET', '/api/auth/session');
      csrfToken = s.csrfToken;
      return send<T>(method, path, body);
    }
    throw e;
  }
}

async function send<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': currentLang === 'zh' ? 'zh-CN' : 'en',
  };
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
  const multipart = body instanceof FormData;
  if (body !== undefined && !multipart) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : multipart ? body : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, 'network', currentLang === 'zh' ? '网络错误，请稍后重试' : 'Network error, please try again', e);
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
  if (!res.ok) {
    // A lapsed session: let the auth layer re-check (sign-in attempts themselves are excluded).
    if (res.status === 401 && !path.startsWith('/api/auth/')) window.dispatchEvent(new Event(UNAUTHORIZED_EVENT));
    const err = (data ?? {}) as { code?: string; message?: string; details?: unknown };
    throw new ApiError(
      res.status,
      err.code ?? `http_${res.status}`,
      err.message ?? (currentLang === 'zh' ? `请求失败（${res.status}）` : `Request failed (${res.status})`),
      err.details ?? null,
    );
  }
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
