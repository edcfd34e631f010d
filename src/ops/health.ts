import http from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import type { Redis } from 'ioredis';
import type { Registry } from 'prom-client';

export interface HealthChecks {
  redis: Redis;
  /** True once the Slack token was checked with `auth.test` at start. */
  slackAuthOk: () => boolean;
  registry: Registry;
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

async function redisAnswers(redis: Redis, timeoutMs = 1000): Promise<boolean> {
  try {
    const pong = await Promise.race([redis.ping(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs).unref())]);
    return pong === 'PONG';
  } catch {
    return false;
  }
}

/** `/healthz` (the process is alive), `/readyz` (Redis answers, Slack token checked), `/metrics`. */
function handlers(checks: HealthChecks): Record<string, Handler> {
  return {
    '/healthz': (_req, res) => json(res, 200, { status: 'ok' }),
    '/readyz': (_req, res) => {
      void redisAnswers(checks.redis).then((redis) => {
        const slack = checks.slackAuthOk();
        json(res, redis && slack ? 200 : 503, { ready: redis && slack, redis: redis ? 'ok' : 'unreachable', slack: slack ? 'ok' : 'not checked' });
      });
    },
    '/metrics': (_req, res) => {
      checks.registry
        .metrics()
        .then((text) => {
          res.writeHead(200, { 'content-type': checks.registry.contentType });
          res.end(text);
        })
        .catch((error: Error) => json(res, 500, { error: error.message }));
    },
  };
}

/** The same endpoints as Bolt custom routes, on the Slack HTTP port. */
export function healthRoutes(checks: HealthChecks): CustomRoute[] {
  return Object.entries(handlers(checks)).map(([path, handler]) => ({ path, method: ['GET'], handler }));
}

/** A small server of its own, for Socket Mode and worker-only processes. */
export async function startHealthServer(port: number, checks: HealthChecks): Promise<http.Server> {
  const routes = handlers(checks);
  const server = http.createServer((req, res) => {
    const route = req.method === 'GET' ? routes[(req.url ?? '').split('?')[0]] : undefined;
    if (route) route(req, res);
    else json(res, 404, { error: 'not found' });
  });
  await new Promise<void>((resolve) => server.listen(port, resolve));
  return server;
}
