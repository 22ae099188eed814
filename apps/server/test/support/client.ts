import type { App } from '../../src/app.js';

export interface Response<T = any> {
  status: number;
  body: T;
  headers: Record<string, unknown>;
  /** The body's bytes as sent. */
  raw: Buffer;
}

/**
 * A browser-like client over app.inject(): keeps cookies, fetches the CSRF token once and sends it on
 * every mutating request, as the web app does.
 */
export class Client {
  private cookies = new Map<string, string>();
  csrf: string | null = null;
  language = 'zh-CN';
  constructor(readonly app: App) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keepCookies(setCookie: unknown) {
    const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
    for (const raw of list as string[]) {
      const [pair, ...attrs] = raw.split(';');
      const [name, ...rest] = pair!.split('=');
      const value = rest.join('=');
      const expired = attrs.some((a) => /expires=Thu, 01 Jan 1970/i.test(a)) || attrs.some((a) => /max-age=0\b/i.test(a.trim()));
      if (expired || value === '') this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value);
    }
  }

  async request<T = any>(method: string, url: string, payload?: unknown, headers: Record<string, string> = {}): Promise<Response<T>> {
    const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(method);
    if (unsafe && this.csrf === null) await this.refreshSession();
    const res = await this.app.inject({
      method: method as never,
      url,
      headers: {
        cookie: this.cookieHeader(),
        'accept-language': this.language,
        ...(unsafe && this.csrf ? { 'x-csrf-token': this.csrf } : {}),
        ...(payload !== undefined && typeof payload !== 'string' && !Buffer.isBuffer(payload)
          ? { 'content-type': 'application/json' }
          : {}),
        ...headers,
      },
      ...(payload !== undefined
        ? { payload: (typeof payload === 'string' || Buffer.isBuffer(payload) ? payload : JSON.stringify(payload)) as string }
        : {}),
    });
    this.keepCookies(res.headers['set-cookie']);
    let body: any = res.body;
    if (String(res.headers['content-type'] ?? '').includes('json') && res.body) body = JSON.parse(res.body);
    return { status: res.statusCode, body, headers: res.headers, raw: res.rawPayload };
  }

  async refreshSession() {
    const res = await this.request('GET', '/api/auth/session');
    this.csrf = res.body.csrfToken;
    return res;
  }

  get<T = any>(url: string) {
    return this.request<T>('GET', url);
  }
  post<T = any>(url: string, body?: unknown) {
    return this.request<T>('POST', url, body ?? {});
  }
  put<T = any>(url: string, body?: unknown) {
    return this.request<T>('PUT', url, body ?? {});
  }
  patch<T = any>(url: string, body?: unknown) {
    return this.request<T>('PATCH', url, body ?? {});
  }
  delete<T = any>(url: string) {
    return this.request<T>('DELETE', url);
  }

  async login(email: string, password: string) {
    const res = await this.post('/api/auth/login', { email, password });
    if (res.status === 200) this.csrf = res.body.csrfToken;
    return res;
  }
}
