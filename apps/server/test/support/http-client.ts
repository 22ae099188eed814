/**
 * A small cookie-keeping HTTP client for a server running as its own process (the in-process Client
 * uses app.inject). Sends the CSRF token on writes, as the web app does.
 */
export class HttpClient {
  private cookies = new Map<string, string>();
  private csrf: string | null = null;
  constructor(readonly base: string) {}

  async request(method: string, url: string, body?: unknown): Promise<{ status: number; body: any }> {
    const unsafe = method !== 'GET';
    if (unsafe && this.csrf === null) {
      const s = await this.request('GET', '/api/auth/session');
      this.csrf = s.body.csrfToken;
    }
    const res = await fetch(this.base + url, {
      method,
      headers: {
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(unsafe && this.csrf ? { 'x-csrf-token': this.csrf } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    for (const raw of res.headers.getSetCookie()) {
      const [pair] = raw.split(';');
      const [name, ...rest] = pair!.split('=');
      this.cookies.set(name!.trim(), rest.join('='));
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: res.status, body: parsed };
  }

  /** A multipart upload (the fetch sets its own content type). */
  async upload(url: string, form: FormData): Promise<{ status: number; body: any }> {
    if (this.csrf === null) {
      const s = await this.request('GET', '/api/auth/session');
      this.csrf = s.body.csrfToken;
    }
    const res = await fetch(this.base + url, {
      method: 'POST',
      headers: { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': this.csrf ?? '' },
      body: form,
    });
    const text = await res.text();
    try {
      return { status: res.status, body: JSON.parse(text) };
    } catch {
      return { status: res.status, body: text };
    }
  }

  async login(email: string, password: string) {
    const res = await this.request('POST', '/api/auth/login', { email, password });
    if (res.status === 200) this.csrf = res.body.csrfToken;
    return res;
  }
}
