/**
 * Runs the bot as a real process (`src/index.ts` through ts-node, or a compiled build), as production does, for
 * tests of signals, crashes, Redis outages and what the process loads. Output lines are kept for assertions.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { getFreePort } from '../../dev/local-slack';
import { eventually } from './eventually';

const ROOT = path.resolve(__dirname, '../..');

export class BotProcess {
  readonly lines: string[] = [];
  private child: ChildProcess | null = null;
  private exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> | null = null;
  port = 0;

  constructor(
    private readonly env: Record<string, string>,
    /** The entry script (default the product's own `src/index.ts`). */
    private readonly script = path.join(ROOT, 'src/index.ts'),
    /** Node's options before the script: ts-node for a .ts script; a compiled one needs none (or a `-r` preload). */
    private readonly nodeArgs: readonly string[] = ['-r', 'ts-node/register/transpile-only'],
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get output(): string {
    return this.lines.join('\n');
  }

  async start(): Promise<void> {
    this.port = this.env.PORT && this.env.PORT !== '0' ? Number(this.env.PORT) : await getFreePort();
    const child = spawn(process.execPath, [...this.nodeArgs, this.script], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', LOG_LEVEL: 'info', ...this.env, PORT: String(this.port), HEALTH_PORT: String(this.port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    for (const stream of [child.stdout!, child.stderr!]) {
      let buffer = '';
      stream.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const parts = buffer.split('\n');
        buffer = parts.pop() ?? '';
        this.lines.push(...parts);
      });
    }
    const healthy = async () => {
      if (child.exitCode !== null) throw new Error('bot exited during start');
      return fetch(`${this.url}/healthz`).then((r) => r.ok, () => false);
    };
    await eventually(healthy, 20_000, 'the bot to answer /healthz').catch((error: Error) => {
      throw new Error(`${error.message}:\n${this.output}`);
    });
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Sends a signal and waits for the exit (or kills after `timeoutMs`). */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 12_000): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }> {
    if (!this.child || !this.exited) return { code: null, signal: null, ms: 0 };
    const started = Date.now();
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), timeoutMs);
    const result = await this.exited;
    clearTimeout(timer);
    return { ...result, ms: Date.now() - started };
  }
}
