import http from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import type { Redis } from 'ioredis';
import type { Registry } from 'prom-client';
import type { HttpLimits } from '../config';
import { capConnections, serverOptions } from './http-limits';

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

const alive: Handler = (_req, res) => json(res, 200, { status: 'ok' });

/** `/healthz` (the process is alive), `/readyz` (Redis answers, Slack token checked), `/metrics`. */
function handlers(checks: HealthChecks): Record<string, Handler> {
  return {
    '/healthz': alive,
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

/**
 * Only `/healthz`, as a Bolt custom route on the public Slack port, for a load balancer in front of it. Readiness
 * and metrics stay on the private health port: they say how the bot runs, and each answer costs Redis work.
 */
export function livenessRoute(): CustomRoute {
  return { path: '/healthz', method: ['GET'], handler: alive };
}

/** The private health port (`HEALTH_PORT`), in every mode, with the same limits as the public one. */
export async function startHealthServer(port: number, checks: HealthChecks, opts: { limits: HttpLimits; host?: string }): Promise<http.Server> {
  const routes = handlers(checks);
  const server = http.createServer(serverOptions(opts.limits), (req, res) => {
    const route = req.method === 'GET' ? routes[(req.url ?? '').split('?')[0]] : undefined;
    if (route) route(req, res);
    else json(res, 404, { error: 'not found' });
  });
  capConnections(server, opts.limits);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, ...(opts.host ? { host: opts.host } : {}) }, resolve);
  });
  return server;
}
