import { timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Config } from '../config.js';
import { sendError } from './errors.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Address of the separate metrics server (RDPLAN_METRICS_PORT) once the app is ready, else null. */
    metricsAddress(): AddressInfo | null;
  }
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/i.exec(header ?? '')?.[1] ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Prometheus metrics of this app instance: process figures plus requests by route and status.
 * Where they are served: on the app's /metrics (public in the demo; behind RDPLAN_METRICS_TOKEN when set),
 * or only on a separate port (RDPLAN_METRICS_PORT). In production without either, nowhere: never public.
 */
export function registerMetrics(app: FastifyInstance, config: Config) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'rdplan_' });
  const requests = new Counter({
    name: 'rdplan_http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'rdplan_http_request_duration_seconds',
    help: 'HTTP request duration by method and route',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    requests.inc({ method: req.method, route, status: String(reply.statusCode) });
    duration.observe({ method: req.method, route }, reply.elapsedTime / 1000);
  });

  const token = config.metricsToken;
  let server: http.Server | null = null;
  app.decorate('metricsAddress', () => (server?.address() as AddressInfo | null) ?? null);
  if (config.metricsPort !== undefined) {
    server = http.createServer((req, res) => {
      const ok = req.method === 'GET' && req.url?.split('?')[0] === '/metrics';
      if (!ok || (token && !bearerMatches(req.headers.authorization, token))) {
        res.writeHead(ok ? 401 : 404).end();
        return;
      }
      registry.metrics().then(
        (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
        () => res.writeHead(500).end(),
      );
    });
    const metricsServer = server;
    app.addHook(
      'onReady',
      () =>
        new Promise<void>((resolve, reject) => {
          metricsServer.once('error', reject);
          metricsServer.listen(config.metricsPort, config.host, () => resolve());
        }),
    );
    app.addHook('onClose', () => new Promise<void>((resolve) => metricsServer.close(() => resolve())));
  } else if (token || !config.production) {
    app.get('/metrics', { config: { access: 'public' }, schema: { hide: true } }, async (req, reply) => {
      if (token && !bearerMatches(req.headers.authorization, token)) return sendError(req, reply, 'unauthenticated');
      reply.header('content-type', registry.contentType);
      return registry.metrics();
    });
  }
  return registry;
}
