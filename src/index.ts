import { existsSync } from 'node:fs';
import { ConfigError, isPlaygroundStart, loadConfig, placeholderNotice } from './config';
import { createLogger } from './logger';
import { ContentError, startBot } from './bot';
import { slackStartProblem } from './slack/start-check';

/** Entry point: read the configuration, start the bot, stop it cleanly on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  // Settings come from the environment; a `.env` beside the project fills in what is not set
  // (never in tests, whose processes get exactly the settings they are given).
  if (process.env.NODE_ENV !== 'test' && existsSync('.env')) process.loadEnvFile('.env');
  const placeholders = placeholderNotice(process.env);
  if (placeholders) console.log(placeholders);
  if (isPlaygroundStart(process.env)) return playground();
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  // A promise nobody awaits can reject outside any listener (Bolt's HTTP receiver reads a field of a signed JSON
  // `null` body that way). Node would end the process for it, and with it every request in flight: log and go on.
  process.on('unhandledRejection', (reason) => {
    logger.error({ err: reason instanceof Error ? (reason.stack ?? reason.message) : String(reason) }, 'unhandled rejection; the bot keeps running');
  });
  let bot;
  try {
    bot = await startBot(config, { logger });
  } catch (error) {
    const problem = slackStartProblem(error, config) ?? portInUse(error, { PORT: config.port, HEALTH_PORT: config.healthPort });
    if (error instanceof ContentError) {
      console.error(error.message);
    } else if (problem) {
      console.error(problem);
    } else {
      logger.fatal({ err: error instanceof Error ? error.message : String(error) }, 'could not start');
    }
    process.exit(1);
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, 9_500);
    force.unref();
    await bot.stop();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

/**
 * The part of dev/playground/start.ts this file uses. The playground is required only on the no-token path, by a
 * path the compiler does not follow, so the production build (src/ alone) compiles without it and a bot with
 * tokens never loads a module from dev/.
 */
interface PlaygroundModule {
  startPlayground(env: NodeJS.ProcessEnv): Promise<{ url: string; stop(): Promise<void> }>;
  openInBrowser(url: string): void;
  NoRedisError: abstract new (...args: never[]) => Error;
}

const PLAYGROUND_MODULE = '../dev/playground/start';
const NO_PLAYGROUND =
  'No Slack tokens: set SLACK_BOT_TOKEN and SLACK_APP_TOKEN (Socket Mode; or SLACK_SIGNING_SECRET for HTTP mode) to run the bot; the playground is only in a source checkout (npm start there).';

/**
 * A port another process holds: which one, and the setting that moves it (when it is one of ours), or null for any
 * other failure. Node's listen error carries the port.
 */
function portInUse(error: unknown, ports: { PORT: number; HEALTH_PORT?: number }): string | null {
  const e = error as { code?: unknown; port?: unknown } | null;
  if (e?.code !== 'EADDRINUSE') return null;
  const port = typeof e.port === 'number' ? e.port : ports.PORT;
  const setting = port === ports.PORT ? 'PORT' : port === ports.HEALTH_PORT ? 'HEALTH_PORT' : null;
  const taken = `Port ${port} is already in use (another DevOps Quiz, or another program, listens on it)`;
  return setting ? `${taken}: set ${setting} to a free port, e.g. ${setting}=${port + 1} npm start.` : `${taken}.`;
}

/** The playground module, or null when this build has no dev/ (the Docker image ships src/ alone). */
function loadPlayground(): PlaygroundModule | null {
  let resolved: string;
  try {
    resolved = require.resolve(PLAYGROUND_MODULE);
  } catch {
    return null;
  }
  return require(resolved) as PlaygroundModule;
}

/** No Slack tokens: the real bot against a local workspace, with a page to play Slack's part (dev/playground). */
async function playground(): Promise<void> {
  const dev = loadPlayground();
  if (!dev) {
    console.error(NO_PLAYGROUND);
    process.exit(1);
  }
  process.on('unhandledRejection', (reason) => console.error('Unhandled rejection; the playground keeps running:', reason));
  let pg;
  try {
    pg = await dev.startPlayground(process.env);
  } catch (error) {
    const taken = portInUse(error, { PORT: Number(process.env.PORT?.trim() || 3000) });
    if (error instanceof dev.NoRedisError || error instanceof ContentError || error instanceof ConfigError) console.error(error.message);
    else if (taken) console.error(taken);
    else console.error(`Could not start the playground: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  dev.openInBrowser(pg.url);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    const force = setTimeout(() => process.exit(1), 9_500);
    force.unref();
    await pg.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

void main();
