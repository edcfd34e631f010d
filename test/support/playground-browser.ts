/**
 * The playground in a real browser, for the tests in test/playground: headless Chromium (Debian's `chromium`, driven
 * by playwright-core) against the real zero-config start, `src/index.ts` with no Slack environment at all, as
 * `npm start` runs it, under a Redis key prefix of its own.
 *
 * Needs /usr/bin/chromium (or CHROMIUM_PATH) and a colour emoji font (Debian's Chromium brings none: every emoji
 * would be an empty box). `.ci/run` installs both; under CI a missing one fails the run, elsewhere a missing browser
 * skips the test and a missing font is reported, each with one line saying how to get it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { getFreePort } from '../../dev/local-slack';
import { deleteByPattern } from '../../src/store/redis';
import { eventually, REDIS_URL, uniquePrefix } from './bot-harness';
import { isCi, requirementLine, testWhen, type Requirement } from './requirement';

const ROOT = path.resolve(__dirname, '../..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const STEP_MS = 10_000;
const ENABLE = 'apt-get install chromium fonts-noto-color-emoji (or set CHROMIUM_PATH), as .ci/run does';

/** `test` when Chromium is there (see test/support/requirement.ts for what happens when it is not). */
export const runInBrowser = testWhen({ ok: fs.existsSync(CHROMIUM), missing: `the playground's browser test: ${CHROMIUM} not found`, enable: ENABLE });

export interface BrowserPlayground {
  /** The address the zero-config start printed. */
  url: string;
  browser: Browser;
  /** Everything the process printed, line by line. */
  output: string[];
  /** A page of 1440×900 whose uncaught errors land in `errors`. */
  newPage(): Promise<{ page: Page; errors: string[] }>;
  stop(): Promise<void>;
}

/** Starts `src/index.ts` with no Slack variables, waits for the address it prints, and launches Chromium. */
export async function startBrowserPlayground(): Promise<BrowserPlayground> {
  const prefix = uniquePrefix();
  const port = await getFreePort();
  const output: string[] = [];
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', REDIS_URL, REDIS_KEY_PREFIX: prefix, PORT: String(port), LOG_LEVEL: 'warn' };
  const child: ChildProcess = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(ROOT, 'src/index.ts')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [child.stdout!, child.stderr!]) stream.on('data', (c: Buffer) => output.push(...c.toString().split('\n').filter(Boolean)));
  let browser: Browser | null = null;
  const stop = async () => {
    await browser?.close();
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    const redis = new Redis(REDIS_URL);
    await deleteByPattern(redis, `${prefix}*`);
    await redis.quit();
  };
  try {
    const line = await eventually(() => {
      if (child.exitCode !== null) throw new Error('npm start (zero-config) exited');
      return output.find((l) => l.startsWith('Open http://localhost:'));
    }, 30_000, 'the zero-config start to print its address').catch((error: Error) => {
      throw new Error(`${error.message}:\n${output.join('\n')}`);
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    const started = browser;
    return {
      url: line.split(/\s+/)[1],
      browser: started,
      output,
      async newPage() {
        const page = await started.newPage({ viewport: { width: 1440, height: 900 } });
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(e.message));
        return { page, errors };
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Types `text` in the channel's (or the DM's) composer and waits for the page to say it was sent. */
export async function send(page: Page, text: string): Promise<void> {
  const input = page.locator('#composer-input');
  await input.fill(text);
  await input.press('Enter');
  await page.locator('#composer-status').filter({ hasText: new RegExp(`^Sent as @\\w+: ${text}`) }).waitFor({ timeout: STEP_MS });
}

export async function switchTo(page: Page, name: string): Promise<void> {
  await page.locator(`#user-switch button[data-name="${name}"]`).click();
  await page.locator(`#user-switch button[data-name="${name}"][aria-checked="true"]`).waitFor({ timeout: STEP_MS });
  await page.locator(`body[data-me="${name}"]`).waitFor({ timeout: STEP_MS });
}

export const expectText = async (locator: Locator, text: string | RegExp): Promise<void> => {
  await locator.filter({ hasText: text }).first().waitFor({ timeout: STEP_MS });
};

/** True when the page draws 🧠 in colour: without a colour emoji font Chromium draws an empty box in the text colour. */
async function drawsColourEmoji(page: Page): Promise<boolean> {
  // Runs in the page (a string: this project compiles without the DOM's types).
  const colour = await page.evaluate(`(() => {
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 40;
    const g = canvas.getContext('2d');
    g.fillStyle = '#000';
    g.font = '32px sans-serif';
    g.textBaseline = 'top';
    g.fillText('\\u{1F9E0}', 2, 2);
    const px = g.getImageData(0, 0, 40, 40).data;
    for (let i = 0; i < px.length; i += 4) if (px[i + 3] > 0 && (px[i] > 40 || px[i + 1] > 40 || px[i + 2] > 40)) return true;
    return false;
  })()`);
  return colour === true;
}

/**
 * Without a colour emoji font the walk still works but the page, and the README's screenshot, show empty boxes:
 * a failure under CI or when refreshing the screenshot, one line otherwise.
 */
export async function checkEmojiFont(page: Page): Promise<void> {
  if (await drawsColourEmoji(page)) return;
  const font: Requirement = { ok: false, missing: "the playground's browser test: Chromium has no colour emoji font, so every emoji is an empty box", enable: 'apt-get install fonts-noto-color-emoji' };
  if (isCi() || process.env.UPDATE_SCREENSHOT) throw new Error(requirementLine(font));
  process.stderr.write(`warning: ${requirementLine(font)}\n`);
}
