/**
 * The one polling assertion of the tests: most of what the bot does happens after it acked (a listener posting, a
 * worker running a job), so tests wait for its effect instead of sleeping a guessed time.
 */

/**
 * Calls `fn` (sync or async) every 25 ms until it returns a truthy value, and resolves with that value. Rejects
 * after `timeoutMs` with `what` in the message; an error thrown by `fn` rejects at once.
 */
export async function eventually<T>(fn: () => T | Promise<T>, timeoutMs = 5000, what = 'condition'): Promise<NonNullable<T>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value as NonNullable<T>;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
