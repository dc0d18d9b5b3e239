import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readRoutingTable, routingTablePath, writeRoutingTable, type RoutingTable } from './routing-table';

const table: RoutingTable = {
  schema: 1,
  model: 'matchmaking',
  experiment: {
    id: 'experiment-matchmaking/run-1',
    candidate: 'v20260101-000001-3f2a9c1d',
    production: 'v20260101-000000-3f2a9c1d',
    stage: 'canary',
    canaryShare: 0.1,
    updatedAt: '2026-01-02T03:04:05.000Z',
    updatedBy: 'ana',
    reason: 'canary after a clean shadow',
  },
};

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'routing-'));
});
afterEach(() => fs.rm(dir, { recursive: true, force: true }));

describe('the routing table', () => {
  it('is read back as written', async () => {
    await writeRoutingTable(dir, table);
    expect(await readRoutingTable(dir)).toEqual({ table });
  });

  it('means production only when missing', async () => {
    expect(await readRoutingTable(dir)).toEqual({ table: null });
  });

  it.each([
    ['{"schema": 1, "model": "matchmaking", "experim', 'routing.json is not valid JSON'],
    ['[]', 'routing.json: the table Invalid input: expected object, received array'],
    [
      JSON.stringify({ ...table, experiment: { ...table.experiment, canaryShare: 0.8 } }),
      'routing.json: experiment.canaryShare Too big: expected number to be <=0.5',
    ],
    [
      JSON.stringify({ ...table, experiment: { ...table.experiment, candidate: '../x' } }),
      'routing.json: experiment.candidate must be a version name like v20261128-133600-3f2a9c1d',
    ],
  ])('means production only when damaged, and says why (%s)', async (text, problem) => {
    await fs.writeFile(routingTablePath(dir), text);
    expect(await readRoutingTable(dir)).toEqual({ table: null, problem });
  });

  it('refuses to write a table that breaks the schema, leaving the old one', async () => {
    await writeRoutingTable(dir, table);
    const bad = { ...table, experiment: { ...table.experiment!, canaryShare: 0.6 } };
    await expect(writeRoutingTable(dir, bad)).rejects.toMatchObject({
      name: 'ExperimentInputError',
      failureType: 'InvalidInput',
      field: 'experiment.canaryShare',
    });
    expect((await readRoutingTable(dir)).table).toEqual(table);
    expect((await fs.readdir(dir)).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });
});
