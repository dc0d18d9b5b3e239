import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { ModelRegistry } from '../src/registry';
import { pipelineHarness, QUICK_TRAINING } from './helpers/pipeline-harness';
import { createProjectFixture, type ProjectFixture } from './helpers/project-fixture';
import { startTimeSkippingServer } from './helpers/temporal-servers';

describe('approval window on the time-skipping test server', () => {
  let env: TestWorkflowEnvironment;
  let fixture: ProjectFixture;

  beforeAll(async () => {
    env = await startTimeSkippingServer();
  });
  afterAll(async () => {
    await env?.teardown();
  });
  beforeEach(async () => {
    fixture = await createProjectFixture();
  });
  afterEach(async () => {
    await fixture.remove();
  });

  it('counts no answer within the default 7 days as a rejection', async () => {
    const dataset = await fixture.writeDataset('train.csv', { rows: 1500, seed: 21 });
    const harness = pipelineHarness(env, fixture);
    await harness.withWorker(async () => {
      const handle = await harness.startRetrain({
        datasetPath: dataset,
        trainingParams: QUICK_TRAINING,
        promotionPolicy: { floors: {} }, // this test is about waiting, not model quality
        recordSearchAttributes: false, // the test server knows only its built-in attributes
      });
      const before = await env.currentTimeMs();
      const result = await handle.result(); // the test server skips the 7 days
      expect(result.outcome).toBe('timed_out');
      expect(result.reason).toContain('7 days');
      expect((await env.currentTimeMs()) - before).toBeGreaterThanOrEqual(7 * 24 * 3600 * 1000);
      const registry = new ModelRegistry(fixture.paths.modelsDir);
      expect(await registry.productionVersion()).toBeUndefined();
      expect(await registry.readOutcome(result.version)).toMatchObject({ outcome: 'timed_out' });
    });
  });

  it('honours a configured approval window', async () => {
    const dataset = await fixture.writeDataset('train.csv', { rows: 1500, seed: 22 });
    const harness = pipelineHarness(env, fixture);
    await harness.withWorker(async () => {
      const handle = await harness.startRetrain({
        datasetPath: dataset,
        trainingParams: QUICK_TRAINING,
        approvalTimeout: '2 days',
        promotionPolicy: { floors: {} },
        recordSearchAttributes: false,
      });
      const result = await handle.result();
      expect(result.outcome).toBe('timed_out');
      expect(result.reason).toContain('2 days');
    });
  });
});
