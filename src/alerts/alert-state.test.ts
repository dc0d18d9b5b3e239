import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalArtifactStore } from '../storage';
import { AlertStateStore, alertVerdict, episodeVerdict } from './alert-state';

const DAY = 24 * 3600 * 1000;
const now = new Date('2026-11-30T06:00:00Z');

describe('alertVerdict', () => {
  it('announces the first drift of an episode', () => {
    expect(alertVerdict(undefined, { datasetDrift: true, fingerprint: 'v1:a,b' }, now, 28 * DAY)).toEqual({
      send: true,
      reason: 'new_episode',
    });
  });

  it('stays quiet while the same drift persists within the cooldown', () => {
    const last = { fingerprint: 'v1:a,b', announcedAt: new Date(now.getTime() - 7 * DAY).toISOString() };
    expect(alertVerdict(last, { datasetDrift: true, fingerprint: 'v1:a,b' }, now, 28 * DAY)).toEqual({
      send: false,
      reason: 'already_announced',
    });
  });

  it('announces again when other columns drift', () => {
    const last = { fingerprint: 'v1:a,b', announcedAt: now.toISOString() };
    expect(alertVerdict(last, { datasetDrift: true, fingerprint: 'v1:a,c' }, now, 28 * DAY).reason).toBe(
      'drift_changed',
    );
  });

  it('reminds once the cooldown has passed', () => {
    const last = { fingerprint: 'v1:a', announcedAt: new Date(now.getTime() - 28 * DAY).toISOString() };
    expect(alertVerdict(last, { datasetDrift: true, fingerprint: 'v1:a' }, now, 28 * DAY).reason).toBe(
      'cooldown_elapsed',
    );
  });

  it('never alerts without dataset drift', () => {
    expect(alertVerdict(undefined, { datasetDrift: false, fingerprint: 'v1:' }, now, DAY)).toEqual({
      send: false,
      reason: 'no_drift',
    });
  });
});

describe('AlertStateStore', () => {
  it('remembers, reads back and clears the announced episode', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'alert-state-'));
    const store = AlertStateStore.forModel(dir, 'matchmaking');
    expect(await store.read()).toBeUndefined();
    await store.recordAnnounced({ fingerprint: 'v1:a', announcedAt: now.toISOString() });
    expect(await store.read()).toEqual({ fingerprint: 'v1:a', announcedAt: now.toISOString() });
    await store.clear();
    expect(await store.read()).toBeUndefined();
    await fs.rm(dir, { recursive: true });
  });

  it('with a shared store, an episode one machine announced is known to another, and cleared for both', async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'alert-shared-'));
    const bucket = new LocalArtifactStore(path.join(root, 'bucket'));
    const onA = AlertStateStore.forModel(path.join(root, 'a'), 'matchmaking', 'drift', bucket);
    const onB = AlertStateStore.forModel(path.join(root, 'b'), 'matchmaking', 'drift', bucket);
    await onA.recordAnnounced({ fingerprint: 'v1:a', announcedAt: now.toISOString() });
    expect(await onB.read()).toEqual({ fingerprint: 'v1:a', announcedAt: now.toISOString() });
    await expect(fs.access(path.join(root, 'a'))).rejects.toThrow(/ENOENT/);
    await onB.clear();
    expect(await onA.read()).toBeUndefined();
    await fs.rm(root, { recursive: true });
  });
});

describe('episodeVerdict and per-kind stores', () => {
  it('applies the drift rule to any condition', () => {
    expect(episodeVerdict(undefined, { active: false, fingerprint: 'v1:rocAuc' }, now, DAY).send).toBe(false);
    expect(episodeVerdict(undefined, { active: true, fingerprint: 'v1:rocAuc' }, now, DAY)).toEqual({
      send: true,
      reason: 'new_episode',
    });
  });

  it('keeps each kind of alert in its own file', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'alert-kinds-'));
    await AlertStateStore.forModel(dir, 'm', 'performance').recordAnnounced({
      fingerprint: 'x',
      announcedAt: now.toISOString(),
    });
    expect(await AlertStateStore.forModel(dir, 'm').read()).toBeUndefined();
    expect(await AlertStateStore.forModel(dir, 'm', 'performance').read()).toMatchObject({
      fingerprint: 'x',
    });
  });
});
