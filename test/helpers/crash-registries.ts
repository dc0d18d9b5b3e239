/**
 * The registry the promotion-crash test switches, on either store: the local
 * folder (symlinks, `history.jsonl`, O_EXCL lock file) or a bucket on a real
 * moto server (`pointers.json` replaced with a conditional write, one history
 * object per switch, the lock object). Each gives the same checks, so every
 * crash point is asserted on both.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  acquireModelLock,
  ModelRegistry,
  readModelLockHolder,
  readSwitchHistory,
  releaseModelLock,
  type HolderLiveness,
  type LockHolder,
} from '../../src/registry';
import {
  acquireStoreModelLock,
  readStoreModelLockHolder,
  releaseStoreModelLock,
} from '../../src/registry/on-store/model-lock';
import { openS3Store, type S3ArtifactStore } from '../../src/storage';
import type { CrashPlan } from './promotion-crash-child';
import { MOTO_SDK_CREDENTIALS, startMotoServer, type MotoServer } from './moto-server';
import {
  expectWholeVersion,
  historyEntries,
  readPointers,
  rootEntries,
  type Pointers,
} from './registry-invariants';

/** Where the registry lives. */
export type StoreKind = 'local' | 's3';

/** A fresh registry on one store, and the checks the crash test makes on it. */
export interface CrashRegistry {
  readonly registry: ModelRegistry;
  /** The plan fields that point the crash child at this registry. */
  readonly where: Pick<CrashPlan, 'modelsDir' | 'store'>;
  /** Asserts both pointers, each resolving to a whole version whose artifacts match their checksums. */
  expectPointersWhole(pointers: Pointers): Promise<void>;
  /** The switch history as [action, production, previous] triples. */
  history(): Promise<Array<[string, string, string | null]>>;
  /** What a crash may leave besides the registry's own entries (temporary links; unknown objects). */
  leftovers(): Promise<string[]>;
  lockHolder(model: string): Promise<LockHolder | undefined>;
  acquireLock(model: string, holder: LockHolder, isAlive: HolderLiveness): Promise<void>;
  releaseLock(model: string, holder: LockHolder): Promise<void>;
}

const BUCKET = 'crash';
/** The objects a registry prefix may hold. */
const STORE_OBJECT =
  /^(pointers\.json|history\/\d{10}\.json|versions\/v[\w-]+\/[\w.-]+|locks\/[\w-]+\.lock)$/;

let moto: MotoServer | undefined;
let prefixes = 0;
const dirs: string[] = [];

async function tempDir(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'registry-'));
  dirs.push(dir);
  return dir;
}

/** Stops the moto server (if one was started) and removes the folders. */
export async function stopCrashRegistries(): Promise<void> {
  await moto?.stop();
  moto = undefined;
  await Promise.all(dirs.splice(0).map((dir) => fs.rm(dir, { recursive: true, force: true })));
}

function localRegistry(registry: ModelRegistry): CrashRegistry {
  const locks = registry.layout.locksDir;
  return {
    registry,
    where: { modelsDir: registry.layout.root },
    async expectPointersWhole(pointers) {
      expect(await readPointers(registry)).toEqual(pointers);
      const { productionLink, previousLink } = registry.layout;
      if (pointers.production) await expectWholeVersion(registry, productionLink, pointers.production);
      if (pointers.previous) await expectWholeVersion(registry, previousLink, pointers.previous);
    },
    history: () => historyEntries(registry),
    leftovers: async () => (await rootEntries(registry)).temporary,
    lockHolder: (model) => readModelLockHolder(locks, model),
    acquireLock: (model, holder, isAlive) => acquireModelLock(locks, model, holder, isAlive),
    releaseLock: (model, holder) => releaseModelLock(locks, model, holder),
  };
}

function bucketRegistry(registry: ModelRegistry, store: S3ArtifactStore, prefix: string): CrashRegistry {
  return {
    registry,
    where: { modelsDir: registry.layout.root, store: moto!.storeConfig(BUCKET, prefix) },
    async expectPointersWhole(pointers) {
      expect(await readPointers(registry)).toEqual(pointers);
      // As a machine with an empty folder sees them: downloaded from the bucket and verified.
      const reader = new ModelRegistry(path.join(await tempDir(), 'models'), { store });
      for (const version of [pointers.production, pointers.previous]) {
        if (version === undefined) continue;
        const dir = await reader.verifiedVersionDir(version);
        expect(JSON.parse(await fs.readFile(path.join(dir, 'model.json'), 'utf8'))).toEqual({ version });
      }
    },
    history: async () =>
      (await readSwitchHistory(registry)).map((r) => [r.action, r.production, r.previous ?? null]),
    leftovers: async () => (await store.list('')).filter((key) => !STORE_OBJECT.test(key)),
    lockHolder: (model) => readStoreModelLockHolder(store, model),
    acquireLock: (model, holder, isAlive) => acquireStoreModelLock(store, model, holder, isAlive),
    releaseLock: (model, holder) => releaseStoreModelLock(store, model, holder),
  };
}

/** A fresh, empty registry on `kind` (a new prefix of one shared moto bucket for `s3`). */
export async function createCrashRegistry(kind: StoreKind): Promise<CrashRegistry> {
  const modelsDir = path.join(await tempDir(), 'models');
  if (kind === 'local') return localRegistry(new ModelRegistry(modelsDir));
  if (!moto) {
    moto = await startMotoServer();
    await moto.createBucket(BUCKET);
  }
  const prefix = `team-${++prefixes}/models`;
  const store = openS3Store(moto.storeConfig(BUCKET, prefix), { credentials: MOTO_SDK_CREDENTIALS });
  return bucketRegistry(new ModelRegistry(modelsDir, { store }), store, prefix);
}
