import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ModelRegistry } from '../../src/registry';
import type { CrashPlan } from './promotion-crash-child';
import { PROJECT_ROOT } from './temporal-servers';

/** The entries a registry root may hold besides temporary links. */
export const REGISTRY_ROOT_ENTRIES = ['history.jsonl', 'locks', 'previous', 'production', 'versions'];

/** Pattern of the temporary links `replaceSymlinkAtomic` creates before renaming them into place. */
export const TEMPORARY_LINK = /^\.(production|previous)\.tmp-[0-9a-f]{12}$/;

/** The `production` and `previous` versions, as the registry resolves them. */
export interface Pointers {
  readonly production: string | undefined;
  readonly previous: string | undefined;
}

/** Reads both pointers. */
export async function readPointers(registry: ModelRegistry): Promise<Pointers> {
  return { production: await registry.productionVersion(), previous: await registry.previousVersion() };
}

/**
 * Asserts that `link` (production or previous) resolves to the whole `version`:
 * the link leads into its folder, every artifact matches the manifest's sha256,
 * and a reader going through the link sees that version's model.
 */
export async function expectWholeVersion(registry: ModelRegistry, linkPath: string, version: string) {
  expect(await fs.realpath(linkPath)).toBe(await fs.realpath(registry.layout.versionDir(version)));
  await expect(registry.verifiedVersionDir(version)).resolves.toBeDefined();
  const served = JSON.parse(await fs.readFile(path.join(linkPath, 'model.json'), 'utf8')) as unknown;
  expect(served).toEqual({ version });
}

/** The registry root's entries, split into known ones and temporary links; anything else fails the test. */
export async function rootEntries(
  registry: ModelRegistry,
): Promise<{ known: string[]; temporary: string[] }> {
  const names = (await fs.readdir(registry.layout.root)).sort();
  const temporary = names.filter((name) => TEMPORARY_LINK.test(name));
  const known = names.filter((name) => !TEMPORARY_LINK.test(name));
  expect(known.filter((name) => !REGISTRY_ROOT_ENTRIES.includes(name))).toEqual([]);
  return { known, temporary };
}

/** `history.jsonl` as [action, production, previous] triples; every line must parse. */
export async function historyEntries(
  registry: ModelRegistry,
): Promise<Array<[string, string, string | null]>> {
  const text = await fs.readFile(registry.layout.historyFile, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const entry = JSON.parse(line) as { action: string; production: string; previous: string | null };
      return [entry.action, entry.production, entry.previous];
    });
}

/** How a child process ended. */
export interface ChildOutcome {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
}

/** Runs `promotion-crash-child.ts` with `plan` and waits for it to end. */
export async function runCrashChild(plan: CrashPlan): Promise<ChildOutcome> {
  const child = spawn(
    process.execPath,
    ['--require', require.resolve('tsx/cjs'), path.join(__dirname, 'promotion-crash-child.ts')],
    {
      cwd: PROJECT_ROOT,
      env: { ...process.env, PROMOTION_CRASH: JSON.stringify(plan) },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ code, signal, stdout }));
  });
}
