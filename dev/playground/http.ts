/** Small HTTP helpers of the playground page's routes, and where the page's files are. */
import fs from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Where the page's files are: next to this module (ts-node, or dist/dev/playground after the build copied them), else in dev/. */
export function publicDir(): string {
  const candidates = [path.join(__dirname, 'public'), path.resolve(__dirname, '../../../dev/playground/public')];
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'index.html'))) ?? candidates[0];
}

export function isLoopback(address: string | undefined): boolean {
  return !!address && (address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.'));
}

/**
 * True when a request's `Host` names this machine by a loopback name, with the port it came in on. A page on another
 * site can point its own name at 127.0.0.1 (DNS rebinding) and read what we answer; its `Host` still carries its name.
 */
export function isLocalHost(host: string | undefined, port: number | undefined): boolean {
  if (!host || !port) return false;
  return ['localhost', '127.0.0.1', '[::1]'].some((name) => host.toLowerCase() === `${name}:${port}`);
}

/**
 * Why a state-changing request did not come from the page itself, or null when it did. A page on another site can
 * post to us with a simple form or `fetch` (text/plain needs no preflight); the browser still says where it came
 * from in `Origin` and `Sec-Fetch-Site`, and only our own page sends JSON with the same origin.
 */
export function crossSiteRefusal(req: IncomingMessage): { status: number; error: string } | null {
  const origin = req.headers.origin;
  const site = req.headers['sec-fetch-site'];
  const sameOrigin = origin === undefined || origin.toLowerCase() === `http://${(req.headers.host ?? '').toLowerCase()}`;
  const sameSite = site === undefined || site === 'same-origin';
  if ((origin === undefined && site === undefined) || !sameOrigin || !sameSite) return { status: 403, error: 'Only the playground page itself may do that.' };
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') return { status: 415, error: 'Send JSON (Content-Type: application/json).' };
  return null;
}

/** A request body the page's API cannot take: answered with its status and a short message. */
export class BodyError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'BodyError';
  }
}

export function json(res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(payload) });
  res.end(payload);
}

/** The body as a JSON object; rejects with a BodyError (413 past `limit`, 400 for anything but an object). */
export function readJson(req: IncomingMessage, limit = 64 * 1024): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      // Past the limit the rest is read and dropped, so the answer can still be sent.
      if (size > limit) reject(new BodyError(413, 'That request is too large.'));
      else chunks.push(c);
    });
    req.on('end', () => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      } catch {
        parsed = null;
      }
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) resolve(parsed as Record<string, unknown>);
      else reject(new BodyError(400, 'The body must be a JSON object.'));
    });
    req.on('error', reject);
  });
}
