import type { Server, ServerOptions } from 'node:http';
import type { HttpLimits } from '../config';

/**
 * The limits every HTTP server of the bot runs with (the public Slack port and the private health port). Node's
 * defaults let a client hold a socket for minutes: 60 s for headers, 300 s for a request, checked every 30 s.
 */
export function serverOptions(limits: HttpLimits): ServerOptions {
  return {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    // Node enforces both timeouts only when it checks its connections; check often enough that they mean what they say.
    connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(limits.headersTimeoutMs / 2))),
  };
}

/** Connections past the cap are closed as they arrive, so a crowd of slow clients cannot take every socket. */
export function capConnections<S extends Server>(server: S, limits: HttpLimits): S {
  server.maxConnections = limits.maxConnections;
  return server;
}
