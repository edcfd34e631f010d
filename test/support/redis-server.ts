/**
 * A private redis-server for tests that stop or restart Redis (the shared one must never be
 * touched). Skips cleanly where no redis-server binary is installed.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getFreePort } from '../../dev/local-slack';
import { eventually } from './eventually';

export function hasRedisServer(): boolean {
  return spawnSync('redis-server', ['--version']).status === 0;
}

export class PrivateRedis {
  private child: ChildProcess | null = null;
  readonly dir = mkdtempSync(path.join(os.tmpdir(), 'dq-redis-'));
  port = 0;

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts (or restarts, on the same port and data) with AOF persistence like production. */
  async start(): Promise<void> {
    if (!this.port) this.port = await getFreePort();
    this.child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', ''], { stdio: 'ignore' });
    const pong = () => spawnSync('redis-cli', ['-p', String(this.port), 'ping']).stdout?.toString().includes('PONG');
    await eventually(pong, 5000, 'the private redis-server to answer PING');
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  /** Freezes the server (SIGSTOP): connections stay open, nothing is answered, as with a stalled host. */
  pause(): void {
    this.child?.kill('SIGSTOP');
  }

  /** Thaws a paused server (SIGCONT): it answers what was sent to it meanwhile. */
  resume(): void {
    this.child?.kill('SIGCONT');
  }

  /** Deletes its data folder (after the last stop). */
  async remove(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
