/** The HTTP side of the stand-in: reading requests as Slack's Web API reads them, and writing its answers. */
import type http from 'node:http';

import type { Args } from './types';
import { isObj } from './values';

/** Form fields that carry JSON. */
const JSON_FIELDS = new Set(['blocks', 'attachments', 'metadata', 'unfurls', 'user_auth_blocks']);

/** An answer to send: status, a JSON body (or a string, sent as text) and extra headers. */
export class HttpReply {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {}
}

export function readBody(req: http.IncomingMessage, limit = 10 * 1024 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Parses a Web API request body (form or JSON) plus query parameters into arguments. */
export function parseArgs(raw: string, contentType: string, query: URLSearchParams): Args {
  const args: Args = {};
  for (const [k, v] of query) args[k] = v;
  const type = contentType.split(';')[0].trim().toLowerCase();
  if (type === 'application/json') {
    const parsed: unknown = raw.trim() === '' ? {} : JSON.parse(raw);
    if (!isObj(parsed)) throw new Error('JSON body must be an object');
    Object.assign(args, parsed);
  } else if (raw.length > 0) {
    for (const [k, v] of new URLSearchParams(raw)) args[k] = v;
  }
  for (const key of Object.keys(args)) {
    const v = args[key];
    if (JSON_FIELDS.has(key) && typeof v === 'string') {
      if (v === '') {
        args[key] = undefined;
        continue;
      }
      try {
        args[key] = JSON.parse(v);
      } catch {
        // leave the raw string: the method answers invalid_*_format
      }
    }
  }
  return args;
}

export function send(res: http.ServerResponse, reply: HttpReply, extraHeaders: Record<string, string> = {}): void {
  if (res.destroyed || res.headersSent) return;
  const isText = typeof reply.body === 'string';
  const payload = isText ? (reply.body as string) : JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    'content-type': isText ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
    ...extraHeaders,
    ...reply.headers,
    'content-length': String(Buffer.byteLength(payload)),
  });
  res.end(payload);
}
