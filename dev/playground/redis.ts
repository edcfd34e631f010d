/**
 * Finding a Redis for the zero-config start: `REDIS_URL` when set; else 127.0.0.1:6379 when it answers; else a
 * `redis-server` of our own with its data in `./.data/`, stopped on exit; else a one-line hint.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { getFreePort } from '../local-slack';

export interface RedisChoice {
  url: string;
  /** How it was found, for the start banner. */
  source: 'REDIS_URL' | 'localhost' | 'started';
  /** Stops the redis-server we started (saving its data); a no-op otherwise. */
  stop(): Promise<void>;
}

export const NO_REDIS_HINT =
  'No Redis found: set REDIS_URL, install redis-server (e.g. `apt-get install redis-server`, `brew install redis`), or start one with `docker run -d -p 6379:6379 redis:7-alpine` (`docker compose up -d redis` keeps its port inside the compose network).';

/** True when a Redis answers PING on host:port within `timeoutMs`. */
export function redisAnswers(host: string, port: number, timeoutMs = 700): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    let reply = '';
    const done = (ok: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk: Buffer) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG') || reply.startsWith('-NOAUTH'));
    });
    socket.once('error', () => done(false));
  });
}

export function hasRedisServerBinary(): boolean {
  try {
    return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
  } catch {
    return false;
  }
}

export interface ResolveRedisOptions {
  /** Where a started redis-server keeps its data (default `./.data`). */
  dataDir?: string;
  /** Default 127.0.0.1:6379. */
  probe?: { host: string; port: number };
  /** Set false to never start a redis-server (tests). */
  mayStartServer?: boolean;
}

/** Resolves a Redis for the playground, or null when there is none (print {@link NO_REDIS_HINT}). */
export async function resolveRedis(env: NodeJS.ProcessEnv, options: ResolveRedisOptions = {}): Promise<RedisChoice | null> {
  const nothing = async () => undefined;
  const fromEnv = env.REDIS_URL?.trim();
  if (fromEnv) return { url: fromEnv, source: 'REDIS_URL', stop: nothing };
  const probe = options.probe ?? { host: '127.0.0.1', port: 6379 };
  if (await redisAnswers(probe.host, probe.port)) return { url: `redis://${probe.host}:${probe.port}`, source: 'localhost', stop: nothing };
  if (options.mayStartServer === false || !hasRedisServerBinary()) return null;
  return startOwnRedis(path.resolve(options.dataDir ?? '.data'));
}

/** Starts `redis-server` on a free loopback port with AOF persistence in `dir`. */
export async function startOwnRedis(dir: string): Promise<RedisChoice> {
  fs.mkdirSync(dir, { recursive: true });
  const port = await getFreePort();
  const child: ChildProcess = spawn(
    'redis-server',
    ['--bind', '127.0.0.1', '--port', String(port), '--dir', dir, '--appendonly', 'yes', '--save', '', '--logfile', path.join(dir, 'redis.log'), '--daemonize', 'no'],
    { stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('error', () => undefined);
  const until = Date.now() + 5000;
  while (!(await redisAnswers('127.0.0.1', port, 300))) {
    if (child.exitCode !== null || Date.now() > until) {
      child.kill('SIGKILL');
      throw new Error(`redis-server did not start (see ${path.join(dir, 'redis.log')})`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  // If this process dies without stopping it, take redis-server along (best effort).
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);
  return {
    url: `redis://127.0.0.1:${port}`,
    source: 'started',
    async stop() {
      process.off('exit', killOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM'); // redis-server flushes its AOF and exits on SIGTERM
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
