/**
 * The Web API client settings, in one place: the clients are built from them (src/bot.ts), and the rules that must
 * know how long a call of theirs can still be under way (a claimed post that may yet land) compute it from them.
 */

export interface ClientTiming {
  /** Each attempt is aborted after this long. */
  timeout: number;
  /** Attempts after the first; `maxRetryTime` stops retrying once that long has passed since the first. */
  retryConfig: { retries: number; maxRetryTime?: number };
  /** A 429 comes back at once; without it the client waits Slack's Retry-After itself, and retries. */
  rejectRateLimitedCalls?: boolean;
}

/**
 * The listeners' client (Bolt's, one per request): they answer people, so they fail fast rather than keep them
 * waiting on the Web API's 30-minute retry loop. No retry at all: a post whose answer was lost may be in Slack, and
 * posting it again would show it twice (a Reveal's answer, an interview's next question); the rules find it by its
 * metadata instead, or tell the person to try again. 429s come back at once, for the same "try again".
 */
export const LISTENER_CLIENT = { retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: 5_000 } satisfies ClientTiming;

/** The jobs' client: no retry loop (BullMQ retries instead) and 429s come back at once, to wait Retry-After. */
export const JOB_CLIENT = { retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: 10_000 } satisfies ClientTiming;

/**
 * The longest one call of a client with these settings can be under way: every attempt runs to its timeout, with
 * the Web API's waits between attempts (its retry policy starts at 1 s and doubles). A 429 that the client waits
 * out itself (the listeners' client does, once) adds Slack's Retry-After on top, which no setting bounds.
 */
export function longestCallMs(client: ClientTiming): number {
  const { retries } = client.retryConfig;
  let waits = 0;
  for (let i = 0; i < retries; i++) waits += 1000 * 2 ** i;
  return (retries + 1) * client.timeout + waits;
}

/**
 * How long after a claim a post made under it may still land: the longest call of any client that may hold the
 * claim, plus room for the moments between the claim and the request and for the clocks of two processes.
 */
export function inFlightWindowMs(...clients: ClientTiming[]): number {
  return Math.max(...clients.map(longestCallMs)) + 5_000;
}
