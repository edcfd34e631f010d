/**
 * The one place that reads a failed Slack call: what kind of failure it is decides whether a job
 * waits, retries, stops for good, and what a person is told. Read from the error's code and
 * fields as @slack/web-api sets them, never from its message text.
 */

/** Channel or token errors that retrying cannot fix. */
const PERMANENT = new Set(['channel_not_found', 'not_in_channel', 'is_archived', 'account_inactive', 'invalid_auth', 'token_revoked', 'missing_scope']);

export type SlackFailure =
  /** HTTP 429: come back after this long; nothing was done. */
  | { kind: 'rate-limited'; retryAfterMs: number }
  /** Slack answered with an error that retrying cannot fix (channel gone or closed, token bad). */
  | { kind: 'permanent'; code: string }
  /** Slack answered with another error code: nothing was done, a retry may work. */
  | { kind: 'refused'; code: string }
  /** Slack answered with an HTTP error (5xx): it finished with the request, which may or may not have taken effect. */
  | { kind: 'http'; status: number }
  /** No answer (timeout, dropped connection) or not a Slack error at all: the call may have taken effect. */
  | { kind: 'unknown' };

export function classifySlackError(error: unknown): SlackFailure {
  const e = error as { code?: unknown; retryAfter?: unknown; data?: { error?: unknown }; statusCode?: unknown } | null;
  if (e?.code === 'slack_webapi_rate_limited_error' && typeof e.retryAfter === 'number') return { kind: 'rate-limited', retryAfterMs: e.retryAfter * 1000 };
  const code = typeof e?.data?.error === 'string' ? e.data.error : null;
  if (code) return PERMANENT.has(code) ? { kind: 'permanent', code } : { kind: 'refused', code };
  if (typeof e?.statusCode === 'number') return { kind: 'http', status: e.statusCode };
  return { kind: 'unknown' };
}

/** A failure that means the bot cannot post in the channel at all, as a person is told it; null for any other. */
export function channelProblem(error: unknown): 'not-in-channel' | 'archived' | null {
  const f = classifySlackError(error);
  if (f.kind !== 'permanent') return null;
  if (f.code === 'not_in_channel' || f.code === 'channel_not_found') return 'not-in-channel';
  return f.code === 'is_archived' ? 'archived' : null;
}

/** Codes with which Slack refuses the token itself: the app was uninstalled, its token revoked, the workspace closed. */
const TOKEN_REFUSED = new Set(['account_inactive', 'invalid_auth', 'token_revoked']);

/** The code when Slack refused the call's token (the team is as good as uninstalled), else null. */
export function tokenRefused(error: unknown): string | null {
  const f = classifySlackError(error);
  return f.kind === 'permanent' && TOKEN_REFUSED.has(f.code) ? f.code : null;
}

/** The Slack error code of a failure (`channel_not_found`, …), or null when Slack gave none. */
export function slackErrorCode(error: unknown): string | null {
  const f = classifySlackError(error);
  return f.kind === 'permanent' || f.kind === 'refused' ? f.code : null;
}

/** A short label of a failure for metrics: the code, `rate_limited`, `http_<status>` or `request_failed`. */
export function slackErrorLabel(error: unknown): string {
  const f = classifySlackError(error);
  switch (f.kind) {
    case 'rate-limited':
      return 'rate_limited';
    case 'permanent':
    case 'refused':
      return f.code;
    case 'http':
      return `http_${f.status}`;
    case 'unknown':
      return 'request_failed';
  }
}
