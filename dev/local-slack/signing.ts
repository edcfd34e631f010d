import { createHmac } from 'node:crypto';

export interface SlackSignatureHeaders {
  'x-slack-signature': string;
  'x-slack-request-timestamp': string;
}

/** Current Unix time in whole seconds. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/**
 * Signs a request body the way Slack does: `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<body>` under the signing
 * secret. `body` must be the exact bytes that will be sent.
 */
export function signRequest(signingSecret: string, body: string, timestamp: number = nowSeconds()): SlackSignatureHeaders {
  const ts = String(Math.floor(timestamp));
  const hex = createHmac('sha256', signingSecret).update(`v0:${ts}:${body}`).digest('hex');
  return { 'x-slack-signature': `v0=${hex}`, 'x-slack-request-timestamp': ts };
}
