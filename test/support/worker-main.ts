/**
 * A bot process with fast crash detection, for fault tests: BullMQ locks of JOB_LOCK_MS and a
 * stalled-job check every JOB_STALLED_MS, so a killed worker's job is taken over in about a
 * second instead of half a minute. Otherwise the same start as src/index.ts.
 */
import { loadConfig } from '../../src/config';
import { startBot } from '../../src/bot';

async function main(): Promise<void> {
  const bot = await startBot(loadConfig(), {
    workers: { name: process.env.WORKER_NAME, lockDuration: Number(process.env.JOB_LOCK_MS ?? 1000), stalledInterval: Number(process.env.JOB_STALLED_MS ?? 500) },
  });
  const stop = async () => {
    await bot.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
