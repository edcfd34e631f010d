/**
 * The playground in a real browser: headless Chromium (Debian's `chromium`, driven by playwright-core) against the
 * real zero-config start, `src/index.ts` with no Slack environment at all, as `npm start` runs it. It plays one
 * round as a team would (ask, reveal, open the thread, two people pick their levels, the leaderboard), checks what
 * the page shows at each step, and saves the README's screenshot to docs/playground.png.
 *
 * Needs /usr/bin/chromium (or CHROMIUM_PATH) and a colour emoji font (Debian's Chromium brings none: every emoji
 * would be an empty box). `.ci/run` installs both; under CI a missing one fails the run, elsewhere a missing browser
 * skips the test and a missing font is reported, each with one line saying how to get it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { getFreePort } from '../../dev/local-slack';
import { deleteByPattern } from '../../src/store/redis';
import { eventually, REDIS_URL, uniquePrefix } from '../support/bot-harness';
import { isCi, requirementLine, testWhen, type Requirement } from '../support/requirement';

const ROOT = path.resolve(__dirname, '../..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// The README's screenshot is refreshed on request (UPDATE_SCREENSHOT=1 npx jest test/playground/browser.test.ts);
// ordinary runs write theirs to a temporary folder, so a test run leaves the work tree as it was.
const SCREENSHOT = process.env.UPDATE_SCREENSHOT ? path.join(ROOT, 'docs/playground.png') : path.join(os.tmpdir(), 'devops-quiz-playground.png');
const STEP_MS = 10_000;
const ENABLE = 'apt-get install chromium fonts-noto-color-emoji (or set CHROMIUM_PATH), as .ci/run does';
const run = testWhen({ ok: fs.existsSync(CHROMIUM), missing: `the playground's browser test: ${CHROMIUM} not found`, enable: ENABLE });

jest.setTimeout(120_000);

let child: ChildProcess | null = null;
let browser: Browser | null = null;
const output: string[] = [];
const prefix = uniquePrefix();

/** Starts `src/index.ts` with no Slack variables and waits for the address it prints. */
async function startZeroConfig(port: number): Promise<string> {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', REDIS_URL, REDIS_KEY_PREFIX: prefix, PORT: String(port), LOG_LEVEL: 'warn' };
  child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(ROOT, 'src/index.ts')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [child.stdout!, child.stderr!]) stream.on('data', (c: Buffer) => output.push(...c.toString().split('\n').filter(Boolean)));
  const started = child;
  const line = await eventually(() => {
    if (started.exitCode !== null) throw new Error('npm start (zero-config) exited');
    return output.find((l) => l.startsWith('Open http://localhost:'));
  }, 30_000, 'the zero-config start to print its address').catch((error: Error) => {
    throw new Error(`${error.message}:\n${output.join('\n')}`);
  });
  return line.split(/\s+/)[1];
}

afterAll(async () => {
  await browser?.close();
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child!.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child?.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
  const redis = new Redis(REDIS_URL);
  await deleteByPattern(redis, `${prefix}*`);
  await redis.quit();
});

async function send(page: Page, text: string): Promise<void> {
  const input = page.locator('#composer-input');
  await input.fill(text);
  await input.press('Enter');
  await page.locator('#composer-status').filter({ hasText: new RegExp(`^Sent as @\\w+: ${text}`) }).waitFor({ timeout: STEP_MS });
}

async function switchTo(page: Page, name: string): Promise<void> {
  await page.locator(`#user-switch button[data-name="${name}"]`).click();
  await page.locator(`#user-switch button[data-name="${name}"][aria-checked="true"]`).waitFor({ timeout: STEP_MS });
  await page.locator(`body[data-me="${name}"]`).waitFor({ timeout: STEP_MS });
}

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
async function checkEmojiFont(page: Page): Promise<void> {
  if (await drawsColourEmoji(page)) return;
  const font: Requirement = { ok: false, missing: "the playground's browser test: Chromium has no colour emoji font, so every emoji is an empty box", enable: 'apt-get install fonts-noto-color-emoji' };
  if (isCi() || process.env.UPDATE_SCREENSHOT) throw new Error(requirementLine(font));
  process.stderr.write(`warning: ${requirementLine(font)}\n`);
}

const expectText = async (locator: Locator, text: string | RegExp) => {
  await locator.filter({ hasText: text }).first().waitFor({ timeout: STEP_MS });
};

run('one round in the browser: ask, reveal, open the thread, two people answer, leaderboard; screenshot', async () => {
  const url = await startZeroConfig(await getFreePort());
  expect(output.join('\n')).toContain('No Slack tokens set: DevOps Quiz runs in a local playground workspace (#devops-practice, alice, bob, carol).');

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${url}/?as=alice`);
  await checkEmojiFont(page);

  // An empty #devops-practice, as alice, with live updates connected.
  await page.locator('#user-switch button[data-name="alice"][aria-checked="true"]').waitFor({ timeout: STEP_MS });
  await expectText(page.locator('#messages .empty-note'), 'This is the very beginning of #devops-practice');
  await expect(page.locator('#channel-title').textContent()).resolves.toBe('# devops-practice');
  await page.locator('#live.on').waitFor({ timeout: STEP_MS });

  // 1. /devops-quiz: the question appears without a reload, rendered from its Block Kit.
  await send(page, '/devops-quiz');
  const question = page.locator('#messages .msg[data-kind="message"]').first();
  await question.locator('button.bk-btn-primary', { hasText: '👀 Reveal answer' }).waitFor({ timeout: STEP_MS });
  await expect(question.locator('.author').textContent()).resolves.toBe('DevOps Quiz');
  const questionText = await question.locator('.msg-body').innerText();
  expect(questionText).toMatch(/❓ DevOps interview question\s+·\s+(🟢 Beginner|🟡 Intermediate|🔴 Advanced)/);
  expect(questionText).toContain('🧠');
  expect(questionText).toMatch(/asked by @alice/);
  const title = (await question.locator('.bk-section b').first().innerText()).trim();
  expect(title.length).toBeGreaterThan(10);
  await expect(question.locator('.mk-mention').first().textContent()).resolves.toBe('@alice');

  // 2. Reveal answer: the question says who revealed it and gets a thread.
  await question.locator('button', { hasText: 'Reveal answer' }).click();
  await expectText(question, /Answer revealed by @alice: it is in the thread below/);
  await expect(question.locator('button', { hasText: 'Reveal answer' }).count()).resolves.toBe(0);
  const replies = question.locator('button.replies');
  await expectText(replies, '1 reply');

  // 3. The thread opens beside the channel with the answer and the level buttons.
  await replies.click();
  const thread = page.locator('#thread');
  await thread.locator('.msg').nth(1).waitFor({ timeout: STEP_MS });
  expect(await thread.isVisible()).toBe(true);
  const answer = thread.locator('.msg[data-kind="message"]').nth(1);
  await expectText(answer, `Answer: ${title}`);
  await expectText(answer, 'How well did you know this?');
  const levelButtons = await answer.locator('.bk-actions button.bk-btn').allInnerTexts();
  expect(levelButtons.map((t) => t.trim())).toEqual(['🟢 Beginner', '🟡 Intermediate', '🔴 Advanced', '📚 Not yet']);
  await expectText(answer, 'Nobody has answered yet');

  // 4. alice picks Intermediate; her confirmation is hers alone.
  await answer.locator('button', { hasText: '🟡 Intermediate' }).click();
  const aliceNote = thread.locator('.msg.ephemeral', { hasText: 'Recorded: Intermediate' });
  await aliceNote.waitFor({ timeout: STEP_MS });
  await expectText(aliceNote, 'Only visible to you');

  // 5. Switch to bob: alice's private note is gone from view; bob picks Advanced.
  await switchTo(page, 'bob');
  await thread.locator('.msg[data-kind="message"]').nth(1).waitFor({ timeout: STEP_MS });
  await expect(thread.locator('.msg.ephemeral', { hasText: 'Recorded: Intermediate' }).count()).resolves.toBe(0);
  await thread.locator('.msg[data-kind="message"]').nth(1).locator('button', { hasText: '🔴 Advanced' }).click();
  await thread.locator('.msg.ephemeral', { hasText: 'Recorded: Advanced' }).waitFor({ timeout: STEP_MS });
  await expectText(thread.locator('.msg[data-kind="message"]').nth(1).locator('.bk-context'), /🟢 0\s+·\s+🟡 1\s+·\s+🔴 1\s+·\s+📚 0\s+·\s+2 answers/);

  // bob says something in the thread: @alice becomes a mention.
  await thread.locator('#thread-input').fill('Good one @alice, I knew this from on-call');
  await thread.locator('#thread-input').press('Enter');
  const said = thread.locator('.msg[data-author="bob"]');
  await said.waitFor({ timeout: STEP_MS });
  await expect(said.locator('.mk-mention').textContent()).resolves.toBe('@alice');

  // 6. /devops-quiz leaderboard as bob: his private board, bob first with 3 points, alice second with 2.
  await send(page, '/devops-quiz leaderboard');
  const board = page.locator('#messages .msg.ephemeral', { hasText: 'Leaderboard, all time' });
  await board.waitFor({ timeout: STEP_MS });
  const boardText = await board.locator('.msg-body').innerText();
  expect(boardText).toMatch(/🥇 @bob\s+3 points\s+·\s+1 answered/);
  expect(boardText).toMatch(/🥈 @alice\s+2 points\s+·\s+1 answered/);
  await expectText(board, 'Only visible to you');

  // alice does not see bob's board.
  await switchTo(page, 'alice');
  await expect(page.locator('#messages .msg.ephemeral', { hasText: 'Leaderboard' }).count()).resolves.toBe(0);

  // Back to bob for the picture: channel, his board, and the thread open beside it.
  await switchTo(page, 'bob');
  await board.waitFor({ timeout: STEP_MS });
  await page.locator('#composer-status').evaluate((el) => (el.textContent = ''));
  await page.mouse.move(0, 0);
  await page.waitForTimeout(1500); // let the new-message highlight fade
  fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
  await page.screenshot({ path: SCREENSHOT });
  expect(fs.statSync(SCREENSHOT).size).toBeGreaterThan(20_000);
  expect(errors).toEqual([]);
});
