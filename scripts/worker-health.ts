/**
 * Container health check: healthy while the worker process refreshes its health
 * file (MLOPS_HEALTH_FILE) — it does so every 15 s while `worker.run()` is going.
 */
import { statSync } from 'node:fs';

const file = process.env.MLOPS_HEALTH_FILE ?? '/tmp/worker-health';
const maxAgeMs = 60_000;
try {
  const age = Date.now() - statSync(file).mtimeMs;
  if (age > maxAgeMs) {
    console.error(`${file} is ${Math.round(age / 1000)} s old: the worker stopped refreshing it`);
    process.exit(1);
  }
} catch {
  console.error(`${file} does not exist: the worker has not started`);
  process.exit(1);
}
