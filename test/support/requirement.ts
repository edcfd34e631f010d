/**
 * Tests that need something a machine may lack (Chromium, an emoji font). Under CI (`CI=true`) `.ci/run` installs
 * it, so a missing one fails the run instead of skipping the test unseen; elsewhere the test is skipped and one line
 * says what is missing and how to get it.
 */

export interface Requirement {
  /** Whether the machine has it. */
  ok: boolean;
  /** What needs it and what is missing: "the browser test: /usr/bin/chromium not found". */
  missing: string;
  /** How to get it: "apt-get install chromium (or set CHROMIUM_PATH)". */
  enable: string;
}

export function isCi(env: NodeJS.ProcessEnv = process.env): boolean {
  return ['true', '1'].includes((env.CI ?? '').trim().toLowerCase());
}

/** The line printed for a skip, and the failure's message under CI. */
export function requirementLine(req: Requirement): string {
  return `${req.missing}. Enable it with: ${req.enable}.`;
}

type TestFn = (name: string, fn: jest.ProvidesCallback, timeout?: number) => void;

/**
 * `test` when the requirement is met; otherwise under CI a test that fails with {@link requirementLine}, and
 * elsewhere `test.skip`, after printing that line once (on stderr, outside jest's console capture, so it stays
 * one line).
 */
export function testWhen(req: Requirement, env: NodeJS.ProcessEnv = process.env): TestFn {
  if (req.ok) return test;
  const line = requirementLine(req);
  if (isCi(env)) {
    return (name) =>
      test(name, () => {
        throw new Error(`CI=true and ${line}`);
      });
  }
  process.stderr.write(`skipped: ${line}\n`);
  return test.skip;
}
