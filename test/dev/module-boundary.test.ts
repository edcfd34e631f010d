/**
 * src/ is what production runs; dev/ (the playground and the local Slack workspace) is only in a source checkout.
 * The bot is built both ways, as `npm start` builds it (tsconfig.build.json: src and dev) and as the Docker image
 * does (tsconfig.prod.json: src alone), then started as a real process, which is asked which modules it loaded.
 */
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { LocalSlack, SlackDriver } from '../../dev/local-slack';
import { deleteByPattern } from '../../src/store/redis';
import { BOT_TOKEN, eventually, FIXTURE_PACKS, REDIS_URL, SIGNING_SECRET, uniquePrefix } from '../support/bot-harness';
import { BotProcess } from '../support/bot-process';

const ROOT = path.resolve(__dirname, '../..');
/** Under node_modules, so the compiled files find the project's packages and git ignores them. */
const BUILD = path.join(ROOT, 'node_modules/.cache/devops-quiz-module-boundary');
const FULL = path.join(BUILD, 'full');
const PROD = path.join(BUILD, 'prod');
const PRELOAD = path.join(__dirname, '../support/loaded-modules.js');
const DEV_DIRS = [path.join(FULL, 'dev') + path.sep, path.join(ROOT, 'dev') + path.sep];
const ALICE = 'U0ALICE01';
const CHANNEL = 'C0QUIZ001';

jest.setTimeout(120_000);

const prefixes: string[] = [];
const running: BotProcess[] = [];
let slack: LocalSlack;
let tmp: string;

async function tsc(project: string, outDir: string): Promise<void> {
  try {
    await promisify(execFile)(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', project, '--outDir', outDir], { cwd: ROOT });
  } catch (error) {
    // tsc reports on stdout
    throw new Error(`tsc -p ${project} failed:\n${(error as { stdout?: string }).stdout ?? String(error)}`);
  }
}

beforeAll(async () => {
  fs.rmSync(BUILD, { recursive: true, force: true });
  await Promise.all([tsc('tsconfig.build.json', FULL), tsc('tsconfig.prod.json', PROD)]);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dq-modules-'));
  slack = new LocalSlack();
  await slack.start(0);
  slack.addUser({ id: ALICE, name: 'alice' });
  slack.addChannel({ id: CHANNEL, name: 'devops-practice', members: [ALICE] });
});

afterAll(async () => {
  await Promise.all(running.map((p) => p.stop()));
  await slack?.stop();
  const redis = new Redis(REDIS_URL);
  for (const prefix of prefixes) await deleteByPattern(redis, `${prefix}*`);
  await redis.quit();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** Starts a compiled entry point with the preload, with `env` and a key prefix of its own. */
async function start(script: string, env: Record<string, string>): Promise<{ bot: BotProcess; file: string }> {
  const prefix = uniquePrefix();
  prefixes.push(prefix);
  const file = path.join(tmp, `${prefix}.txt`);
  const bot = new BotProcess({ REDIS_URL, REDIS_KEY_PREFIX: prefix, CONTENT_DIR: FIXTURE_PACKS, LOG_LEVEL: 'warn', LOADED_MODULES_FILE: file, ...env }, script, ['-r', PRELOAD]);
  running.push(bot);
  await bot.start();
  return { bot, file };
}

async function loadedModules(bot: BotProcess, file: string): Promise<string[]> {
  process.kill(bot.pid!, 'SIGUSR2');
  return eventually(() => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n') : undefined), 5000, 'the list of loaded modules');
}

const underDev = (files: string[]) => files.filter((f) => DEV_DIRS.some((dir) => f.startsWith(dir)));

test.each([
  ['npm start', path.join(FULL, 'src/index.js'), path.join(FULL, 'src') + path.sep],
  ['Docker image', path.join(PROD, 'index.js'), PROD + path.sep],
])('%s build with Slack tokens: the bot answers and has loaded no module from dev/', async (_build, script, srcDir) => {
  const { bot, file } = await start(script, { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl });
  const driver = new SlackDriver({ appUrl: `${bot.url}/slack/events`, signingSecret: SIGNING_SECRET, slack });
  const before = slack.ephemeralsFor(ALICE).length;
  await driver.command({ text: 'help', userId: ALICE, channelId: CHANNEL });
  await eventually(() => slack.ephemeralsFor(ALICE).length > before, 8000, 'the help answer');
  const loaded = await loadedModules(bot, file);
  expect(loaded.some((f) => f.startsWith(srcDir))).toBe(true);
  expect(underDev(loaded)).toEqual([]);
});

test('npm start build without tokens (the control): the playground runs from dist/dev', async () => {
  const { bot, file } = await start(path.join(FULL, 'src/index.js'), {});
  expect(bot.output).toMatch(/local playground workspace/);
  const loaded = await loadedModules(bot, file);
  expect(underDev(loaded)).toEqual(expect.arrayContaining([path.join(FULL, 'dev/playground/start.js'), path.join(FULL, 'dev/local-slack/index.js')]));
});

test('Docker image build without tokens: one line on what to set, exit 1', () => {
  expect(fs.existsSync(path.join(PROD, 'index.js'))).toBe(true);
  expect(fs.readdirSync(PROD)).not.toContain('dev');
  const run = spawnSync(process.execPath, [path.join(PROD, 'index.js')], { cwd: ROOT, env: { PATH: process.env.PATH, NODE_ENV: 'test' }, encoding: 'utf8', timeout: 20_000 });
  expect(run.status).toBe(1);
  expect(run.stdout).toBe('');
  expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^No Slack tokens: set SLACK_BOT_TOKEN .*only in a source checkout/)]);
});
