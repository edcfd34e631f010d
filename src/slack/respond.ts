import http from 'node:http';
import https from 'node:https';
import type { RespondArguments, RespondFn } from '@slack/bolt';
import type { SlackMessage } from '../views/blocks';

/** Keep-alive connections to response_url hosts, shared by every request. */
const agents = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) };

/** A response_url answered with a non-2xx status (expired, used up, or refused). */
export class ResponseUrlError extends Error {
  constructor(readonly statusCode: number) {
    super(`response_url answered HTTP ${statusCode}`);
    this.name = 'ResponseUrlError';
  }
}

/**
 * Bolt's `respond()` does the same over the global fetch; this posts with node:http and a
 * keep-alive agent, which measured a quarter or more cheaper per vote confirmation
 * (docs/benchmarks.md). Same contract: JSON body, throws on a non-2xx answer.
 */
export function responseUrlRespond(responseUrl: string): RespondFn {
  return (message: string | RespondArguments) =>
    new Promise((resolve, reject) => {
      const url = new URL(responseUrl);
      const client = url.protocol === 'https:' ? https : http;
      const body = JSON.stringify(typeof message === 'string' ? { text: message } : message);
      const req = client.request(
        url,
        {
          method: 'POST',
          agent: agents[url.protocol as 'http:' | 'https:'],
          headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) },
          timeout: 5_000,
        },
        (res) => {
          res.resume(); // the answer's body is not needed, but must be read to free the socket
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            if (status >= 200 && status < 300) resolve(new Response(null, { status }));
            else reject(new ResponseUrlError(status));
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error('response_url timed out')));
      req.on('error', reject);
      req.end(body);
    });
}

/** Shows `message` only to the person whose command or click gave the response_url (throws when it refuses). */
export async function sendEphemeral(respond: RespondFn, message: SlackMessage): Promise<void> {
  await respond({ response_type: 'ephemeral', replace_original: false, text: message.text, blocks: message.blocks });
}

/** Replaces the ephemeral message a button was clicked on (an offer answered), for that person alone. */
export async function replaceEphemeral(respond: RespondFn, message: SlackMessage): Promise<void> {
  await respond({ response_type: 'ephemeral', replace_original: true, text: message.text, blocks: message.blocks });
}
