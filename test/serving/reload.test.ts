/**
 * Hot reload on a real server: the rollback workflow on a real Temporal
 * server notifies it (the switch is done when the activity completes), the
 * poll picks up a promotion nobody announced, and a version whose files were
 * damaged after promotion is refused while the old one keeps serving.
 */
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import pino from 'pino';
import { promoteVersion, rollbackProduction } from '../../src/registry';
import { resolveServingConfig } from '../../src/serving/config';
import { startServer, type RunningServer } from '../../src/serving/server';
import { createPipelineWorker } from '../../worker';
import type { rollbackWorkflow } from '../../workflows';
import { workflowBundle } from '../helpers/pipeline-harness';
import { createServingFixture, requestRow, type ServingFixture } from '../helpers/serving-fixture';
import { startDevServer } from '../helpers/temporal-servers';

const TOKEN = 'admin-token-for-tests';
let fixture: ServingFixture;
let env: TestWorkflowEnvironment;
const logLines: { level: number; msg: string; version?: string; reason?: string }[] = [];

async function serve(pollIntervalMs: number): Promise<RunningServer> {
  const config = resolveServingConfig(
    fixture.project.paths,
    { port: 0, pollIntervalMs },
    { SERVING_ADMIN_KEYS: TOKEN },
  );
  const logger = pino(
    { level: 'info' },
    { write: (line: string) => void logLines.push(JSON.parse(line) as (typeof logLines)[number]) },
  );
  return startServer(config, logger);
}

async function predictVersion(server: RunningServer): Promise<string> {
  const response = await fetch(`${server.url}/v1/models/matchmaking:predict`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ instances: [requestRow(fixture.rows[0]!)] }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { model_version: string }).model_version;
}

async function metric(server: RunningServer, pattern: RegExp): Promise<number> {
  const text = await server.metrics.registry.metrics();
  const match = pattern.exec(text);
  return match ? Number(match[1]) : 0;
}

beforeAll(async () => {
  [fixture, env] = await Promise.all([createServingFixture(2), startDevServer()]);
}, 180_000);

afterAll(async () => {
  await env?.teardown();
  await fixture?.project.remove();
});

it('the rollback workflow notifies the server, which serves the restored version before the workflow ends', async () => {
  const [v0, v1] = fixture.versions as [string, string];
  await promoteVersion(fixture.registry, v1, v0);
  const server = await serve(600_000); // no poll within the test: only the notification can switch it
  try {
    expect(await predictVersion(server)).toBe(v1);
    process.env.SERVING_ADMIN_KEY = TOKEN;
    const taskQueue = `serving-${randomUUID()}`;
    const worker = await createPipelineWorker({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      paths: fixture.project.paths,
      logger: pino({ level: 'warn' }),
      taskQueue,
      workflowBundle: await workflowBundle(),
      approvers: '',
      mlflowTrackingUri: '',
      servingReloadUrls: `${server.url}/admin/reload`,
    });
    const result = await worker.runUntil(
      env.client.workflow.execute<typeof rollbackWorkflow>('rollbackWorkflow', {
        taskQueue,
        workflowId: `rollback-${randomUUID()}`,
        args: [{ requestedBy: 'test', reason: 'serving reload' }],
      }),
    );
    expect(result.production).toBe(v0);
    expect(server.models.productionVersion).toBe(v0);
    expect(await predictVersion(server)).toBe(v0);
    expect(await metric(server, /legalaid_serving_model_switches_total\{trigger="notify"\} (\d+)/)).toBe(1);
  } finally {
    delete process.env.SERVING_ADMIN_KEY;
    await server.close();
  }
});

it('notices a promotion nobody announced through its poll of models/production', async () => {
  const [v0, v1] = fixture.versions as [string, string];
  const server = await serve(100);
  try {
    expect(await predictVersion(server)).toBe(v0);
    await promoteVersion(fixture.registry, v1, v0);
    const deadline = Date.now() + 20_000;
    while (server.models.productionVersion !== v1 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await predictVersion(server)).toBe(v1);
    expect(await metric(server, /legalaid_serving_model_switches_total\{trigger="poll"\} (\d+)/)).toBe(1);
  } finally {
    await rollbackProduction(fixture.registry);
    await server.close();
  }
});

it('refuses a version whose files were damaged after promotion and keeps serving the old one', async () => {
  const [v0, v1] = fixture.versions as [string, string];
  const server = await serve(600_000);
  const weights = path.join(fixture.registry.layout.versionDir(v1), 'weights.bin');
  const original = await fs.readFile(weights);
  try {
    expect(server.models.productionVersion).toBe(v0);
    // A promotion verifies the files; they rot afterwards (one flipped byte).
    await promoteVersion(fixture.registry, v1, v0);
    const damaged = Buffer.from(original);
    damaged[damaged.length - 1] = damaged[damaged.length - 1]! ^ 0xff;
    await fs.chmod(weights, 0o644);
    await fs.writeFile(weights, damaged);

    const reload = async () => {
      const response = await fetch(`${server.url}/admin/reload`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      expect(response.status).toBe(200);
      return (
        (await response.json()) as { results: { production: string; changed: boolean; refused?: string }[] }
      ).results[0]!;
    };
    const refused = await reload();
    expect(refused).toMatchObject({ production: v0, changed: false, refused: v1 });
    expect(await predictVersion(server)).toBe(v0);
    expect(
      await metric(
        server,
        new RegExp(
          `legalaid_serving_model_load_failures_total\\{model_version="${v1}",reason="checksum_mismatch"\\} (\\d+)`,
        ),
      ),
    ).toBe(1);
    expect(logLines).toContainEqual(
      expect.objectContaining({ level: 50, version: v1, reason: 'checksum_mismatch' }),
    );

    // Repaired: the next notification loads it.
    await fs.writeFile(weights, original);
    expect(await reload()).toMatchObject({ production: v1, changed: true });
    expect(await predictVersion(server)).toBe(v1);
  } finally {
    await fs.writeFile(weights, original);
    await rollbackProduction(fixture.registry);
    await server.close();
  }
});
