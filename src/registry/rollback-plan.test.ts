import { RegistryErrorCode } from './errors';
import { promoteVersion, rollbackProduction } from './promotion';
import { createTempRegistry, publishFakeVersion } from './registry.fixture';
import { parseRollbackRequest, planRollback } from './rollback-plan';
import { readSwitchHistory } from './switch-history';

const V1 = 'v20261101-030000-aaaaaaaa';
const V2 = 'v20261115-030000-bbbbbbbb';
const V3 = 'v20261128-133600-cccccccc';

/** A registry where V1, V2 and V3 were promoted in turn, each approved by someone. */
async function threePromotions() {
  const { registry } = await createTempRegistry();
  for (const version of [V1, V2, V3]) await publishFakeVersion(registry, version);
  await promoteVersion(registry, V1, undefined, { trail: { requestedBy: 'ana', reason: 'first model' } });
  await promoteVersion(registry, V2, V1, { trail: { requestedBy: 'bob' } });
  await promoteVersion(registry, V3, V2, { trail: { requestedBy: 'ana', reason: 'better recall' } });
  return registry;
}

describe('the rollback trail', () => {
  it('writes who approved each promotion and who asked for each rollback, and why', async () => {
    const registry = await threePromotions();
    const plan = await planRollback(registry);
    expect(plan).toEqual({ production: V3, previous: V2, target: V2 });
    await rollbackProduction(registry, plan, {
      trail: { requestedBy: 'carol', reason: 'complaints about matches', workflowId: 'rollback-matchmaking' },
    });
    const history = await readSwitchHistory(registry);
    expect(history.map(({ at: _at, ...entry }) => entry)).toEqual([
      { action: 'promote', production: V1, previous: null, requestedBy: 'ana', reason: 'first model' },
      { action: 'promote', production: V2, previous: V1, requestedBy: 'bob' },
      { action: 'promote', production: V3, previous: V2, requestedBy: 'ana', reason: 'better recall' },
      {
        action: 'rollback',
        production: V2,
        previous: V3,
        requestedBy: 'carol',
        reason: 'complaints about matches',
        workflowId: 'rollback-matchmaking',
      },
    ]);
  });

  it('refuses a second rollback without a target, saying what the first did', async () => {
    const registry = await threePromotions();
    await rollbackProduction(registry, await planRollback(registry), {
      trail: { requestedBy: 'carol', reason: 'complaints' },
    });
    const { at } = (await readSwitchHistory(registry)).at(-1)!;
    await expect(planRollback(registry)).rejects.toMatchObject({
      code: RegistryErrorCode.RollbackTargetRequired,
      message:
        `the last switch was a rollback: carol rolled production back from ${V3} to ${V2} at ${at} ("complaints"). ` +
        `Rolling back again would restore ${V3}, the version that rollback took out of production. ` +
        `Name the version to restore: rollback --to <version> (--to ${V3} undoes that rollback)`,
    });
    expect(await registry.productionVersion()).toBe(V2);
  });

  it('restores a named earlier production version, keeping the replaced one as the backup', async () => {
    const registry = await threePromotions();
    await rollbackProduction(registry, await planRollback(registry), { trail: { requestedBy: 'carol' } });
    const plan = await planRollback(registry, V1);
    expect(plan).toEqual({ production: V2, previous: V3, target: V1 });
    await expect(rollbackProduction(registry, plan, { trail: { requestedBy: 'dan' } })).resolves.toEqual({
      production: V1,
      previous: V2,
      alreadyInPlace: false,
    });
    expect(await registry.productionVersion()).toBe(V1);
    expect(await registry.previousVersion()).toBe(V2);
    // A retry of the same switch (an activity retried after it succeeded) changes nothing.
    await expect(
      rollbackProduction(registry, plan, { trail: { requestedBy: 'dan' } }),
    ).resolves.toMatchObject({
      production: V1,
      alreadyInPlace: true,
    });
    expect((await readSwitchHistory(registry)).filter((r) => r.action === 'rollback')).toHaveLength(2);
  });

  it('finishes a rollback to a named version that stopped between its two switches', async () => {
    const registry = await threePromotions();
    const plan = await planRollback(registry, V1);
    await expect(
      rollbackProduction(registry, plan, {
        onStep: (step) => {
          if (step === 'production:synced') throw new Error('stopped');
        },
      }),
    ).rejects.toThrow('stopped');
    expect(await registry.productionVersion()).toBe(V1);
    expect(await registry.previousVersion()).toBe(V2); // not yet moved
    await expect(rollbackProduction(registry, plan)).resolves.toEqual({
      production: V1,
      previous: V3,
      alreadyInPlace: false,
    });
    expect(await registry.previousVersion()).toBe(V3);
  });

  it('refuses a target that is production now, was never production, or is no version name', async () => {
    const { registry } = await createTempRegistry();
    for (const version of [V1, V2]) await publishFakeVersion(registry, version);
    await promoteVersion(registry, V1, undefined);
    await expect(planRollback(registry, V1)).rejects.toMatchObject({
      code: RegistryErrorCode.NotARollbackTarget,
      message: `${V1} is production already; nothing to roll back`,
    });
    await expect(planRollback(registry, V2)).rejects.toMatchObject({
      code: RegistryErrorCode.NotARollbackTarget,
      message:
        `${V2} has never been in production (history.jsonl), so a rollback cannot restore it; ` +
        'a version reaches production through an approved retrain',
    });
    await expect(planRollback(registry, '../v1')).rejects.toMatchObject({
      code: RegistryErrorCode.VersionNotFound,
    });
  });
});

describe('parseRollbackRequest', () => {
  it('trims, and drops an empty reason', () => {
    expect(parseRollbackRequest({ requestedBy: ' ana ', reason: ' ' })).toEqual({ requestedBy: 'ana' });
  });

  it.each([
    [{}, 'rollback request: requestedBy: Invalid input: expected string, received undefined'],
    [{ requestedBy: 42 }, 'rollback request: requestedBy: Invalid input: expected string, received number'],
    [{ requestedBy: ' ' }, 'rollback request: requestedBy: must name who asks for the rollback'],
    [
      { requestedBy: 'ana', to: ['v1'] },
      'rollback request: to: Invalid input: expected string, received array',
    ],
    [null, 'rollback request: input: Invalid input: expected object, received null'],
  ])('refuses %j naming the field', (request, message) => {
    expect(() => parseRollbackRequest(request)).toThrow(message);
  });
});
