import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { verifyReadOnly } from './verify.js';

/**
 * The embedded server's local control endpoint: a unix socket in a 0700 folder of the data folder
 * (`control/rdplan.sock`, itself 0600), so only the account that owns the data can reach it — no
 * network port, no token. `rdplan audit verify` asks the running server through it instead of opening
 * the data folder a second time. It answers read-only requests only.
 */

/** Socket paths are limited to about 107 bytes; a longer data folder path gets no control socket. */
const MAX_SOCKET_PATH = 100;

export function controlSocketPath(dataDir: string): string | null {
  const p = path.join(dataDir, 'control', 'rdplan.sock');
  return Buffer.byteLength(p) <= MAX_SOCKET_PATH ? p : null;
}

export interface ControlSocket {
  path: string;
  close(): Promise<void>;
}

export async function startControlSocket(db: Db, config: Config): Promise<ControlSocket | null> {
  const socketPath = controlSocketPath(config.dataDir);
  if (!socketPath) return null;
  fs.mkdirSync(path.dirname(socketPath), { recursive: true, mode: 0o700 });
  fs.chmodSync(path.dirname(socketPath), 0o700);
  fs.rmSync(socketPath, { force: true }); // left by a process that was killed
  const server = http.createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'POST' && req.url === '/audit/verify') {
      verifyReadOnly(db, config).then(
        (verdict) => send(200, { verdict }),
        (err: unknown) => send(500, { error: String(err) }),
      );
      return;
    }
    send(404, { error: 'unknown request' });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });
  fs.chmodSync(socketPath, 0o600);
  return {
    path: socketPath,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }).finally(() => fs.rmSync(socketPath, { force: true })),
  };
}

/** Sends a request to a running server's control socket; the parsed JSON answer. */
export function askControlSocket(socketPath: string, route: string, timeoutMs = 600_000): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath, path: route, method: 'POST', timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        try {
          const parsed = JSON.parse(body) as { error?: string };
          if (res.statusCode !== 200) reject(new Error(parsed.error ?? `control socket answered ${res.statusCode}`));
          else resolve(parsed);
        } catch (err) {
          reject(err as Error);
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error('the server did not answer in time')));
    req.on('error', reject);
    req.end();
  });
}
