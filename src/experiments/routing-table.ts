/**
 * The routing table: the one small file through which the experiment
 * workflow tells every server process what to do with traffic —
 * `models/routing.json` in the registry folder, replaced atomically (temporary
 * sibling, fsync, rename), so a reader sees the old table or the new one,
 * whole. A file rather than an admin route because it outlives every process:
 * a server started or restarted mid-experiment reads the current table, and
 * so does every process of a cluster, without anyone having to reach them.
 *
 * With MLOPS_STORE=s3://… the table is the object `routing.json` in the
 * bucket's `models/` area instead (pass that store), replaced whole with a
 * conditional write, so servers on machines with no shared folder read it.
 *
 * A missing table, one that does not parse, or one for another production
 * version means "production only": serving never guesses.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeJsonAtomic } from '../fs/atomic-write';
import { isVersionName } from '../registry/layout';
import { StoreError, StoreErrorCode, type ArtifactStore } from '../storage';
import { ExperimentInputError } from './errors';
import { MAX_CANARY_SHARE } from './settings';

/** The table's file name in the models folder. */
export const ROUTING_TABLE_FILE = 'routing.json';

/** What serving does with an experiment's traffic. */
export const RoutingStage = {
  /** Production answers; the candidate scores every request alongside. */
  Shadow: 'shadow',
  /** Clients in the canary share are answered by the candidate; both versions score every request. */
  Canary: 'canary',
  /** Production only (a person paused the experiment). */
  Paused: 'paused',
  /** Production only (the experiment ended or was rolled back). */
  Off: 'off',
} as const;
export type RoutingStage = (typeof RoutingStage)[keyof typeof RoutingStage];

const version = z
  .string()
  .refine(isVersionName, { message: 'must be a version name like v20261128-133600-3f2a9c1d' });

/** The experiment part of the table. */
export const routedExperimentSchema = z.strictObject({
  /** The experiment's id: the salt of sticky assignment and the tag on its log rows. */
  id: z.string().min(1).max(300),
  candidate: version,
  /** The production version the experiment compares with; another production serves alone. */
  production: version,
  stage: z.enum([RoutingStage.Shadow, RoutingStage.Canary, RoutingStage.Paused, RoutingStage.Off]),
  /** Share of clients the candidate answers in the canary stage, 0–0.5. */
  canaryShare: z.number().min(0).max(MAX_CANARY_SHARE),
  updatedAt: z.iso.datetime(),
  /** Who or what set this (a person, or `experiment` for an automatic step). */
  updatedBy: z.string().max(200),
  reason: z.string().max(2000),
});
export type RoutedExperiment = z.output<typeof routedExperimentSchema>;

/** The whole file. */
export const routingTableSchema = z.strictObject({
  schema: z.literal(1),
  model: z.string().min(1).max(100),
  experiment: routedExperimentSchema.nullable(),
});
export type RoutingTable = z.output<typeof routingTableSchema>;

/** The table's path in a models folder. */
export function routingTablePath(modelsDir: string): string {
  return path.join(modelsDir, ROUTING_TABLE_FILE);
}

/** What a read found. */
export interface RoutingTableRead {
  /** Null: production only (no file, or a file that does not parse). */
  readonly table: RoutingTable | null;
  /** Why a file that exists was not taken. */
  readonly problem?: string;
}

/** Reads the table; never throws for a missing or damaged file (other I/O errors do throw). */
export async function readRoutingTable(modelsDir: string, store?: ArtifactStore): Promise<RoutingTableRead> {
  if (store) {
    try {
      const object = await store.getIfExists(ROUTING_TABLE_FILE);
      return object ? parseRoutingTable(object.bytes.toString('utf8')) : { table: null };
    } catch (error) {
      if (error instanceof StoreError && error.code === StoreErrorCode.Corrupted)
        return { table: null, problem: error.message };
      throw error;
    }
  }
  let text: string;
  try {
    text = await fs.readFile(routingTablePath(modelsDir), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { table: null };
    if (code === 'EISDIR') return { table: null, problem: `${ROUTING_TABLE_FILE} is a folder` };
    throw error;
  }
  return parseRoutingTable(text);
}

/** Parses a table's text; problems are described, not thrown. */
export function parseRoutingTable(text: string): RoutingTableRead {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { table: null, problem: `${ROUTING_TABLE_FILE} is not valid JSON` };
  }
  const parsed = routingTableSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return {
      table: null,
      problem: `${ROUTING_TABLE_FILE}: ${issue.path.join('.') || 'the table'} ${issue.message}`,
    };
  }
  return { table: parsed.data };
}

/**
 * Replaces the table atomically and durably.
 *
 * @throws ExperimentInputError when the table breaks the schema (nothing is written)
 */
export async function writeRoutingTable(
  modelsDir: string,
  table: RoutingTable,
  store?: ArtifactStore,
): Promise<void> {
  const parsed = routingTableSchema.safeParse(table);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.') || 'table';
    throw new ExperimentInputError(`routing table: ${field} ${issue.message}`, field);
  }
  if (store) return writeRoutingObject(store, parsed.data);
  await writeJsonAtomic(routingTablePath(modelsDir), parsed.data);
}

/** Replaces `routing.json` in the store whole, conditionally on the version it read (or on there being none). */
async function writeRoutingObject(store: ArtifactStore, table: RoutingTable): Promise<void> {
  const bytes = Buffer.from(`${JSON.stringify(table, null, 2)}\n`, 'utf8');
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await store.head(ROUTING_TABLE_FILE);
    const written = current
      ? await store.putIfMatch(ROUTING_TABLE_FILE, bytes, current.etag)
      : await store.putIfAbsent(ROUTING_TABLE_FILE, bytes);
    if (written) return;
  }
  throw new Error(`${ROUTING_TABLE_FILE} in ${store.location} kept changing while it was being written`);
}
