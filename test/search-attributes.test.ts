import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { findTemporalBinary } from '../temporal/binaries';
import { ensureSearchAttributes } from '../temporal/search-attributes';
import { PIPELINE_SEARCH_ATTRIBUTES } from '../src/core/search-attributes';

describe('search attribute registration', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    // A dev server started WITHOUT the project's --search-attribute flags, like a fresh cluster.
    env = await TestWorkflowEnvironment.createLocal({
      server: {
        executable: {
          type: 'existing-path',
          path: findTemporalBinary('temporal', path.resolve(__dirname, '..')),
        },
        extraArgs: ['--log-level', 'error'],
      },
    });
  });
  afterAll(async () => {
    await env?.teardown();
  });

  it('registers the missing attributes once and is a no-op afterwards', async () => {
    const added = await ensureSearchAttributes(env.connection, 'default');
    expect(added.sort()).toEqual(PIPELINE_SEARCH_ATTRIBUTES.map((key) => key.name).sort());
    await expect(ensureSearchAttributes(env.connection, 'default')).resolves.toEqual([]);
    const listed = await env.connection.operatorService.listSearchAttributes({ namespace: 'default' });
    expect(Object.keys(listed.customAttributes ?? {})).toEqual(expect.arrayContaining(added));
  });
});
