import { promises as fs } from 'node:fs';
import type { ModelRegistry } from './model-registry';
import { readSwitchLog } from './on-store/switch-log';
import {
  switchRecordSchema,
  type SwitchHistoryEntry,
  type SwitchRecord,
  type SwitchTrail,
} from './switch-record';

export type { SwitchHistoryEntry, SwitchRecord, SwitchTrail };

async function readHistoryText(registry: ModelRegistry): Promise<string> {
  try {
    return await fs.readFile(registry.layout.historyFile, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw error;
  }
}

/** The complete lines of a history text, oldest first; a line torn by a crash is skipped. */
function parseHistory(text: string): SwitchRecord[] {
  const records: SwitchRecord[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      continue; // a line torn by a crash
    }
    const record = switchRecordSchema.safeParse(parsed);
    if (record.success) records.push(record.data);
  }
  return records;
}

/** Every production switch in `history.jsonl`, oldest first. */
export async function readSwitchHistory(registry: ModelRegistry): Promise<SwitchRecord[]> {
  if (registry.store) return readSwitchLog(registry.store);
  return parseHistory(await readHistoryText(registry));
}

/** Appends `entry` to a history whose current text is `text`, on a new line if the last one was cut short. */
async function appendAfter(registry: ModelRegistry, text: string, entry: SwitchHistoryEntry): Promise<void> {
  const separator = text === '' || text.endsWith('\n') ? '' : '\n';
  await fs.appendFile(
    registry.layout.historyFile,
    `${separator}${JSON.stringify({ at: new Date().toISOString(), ...entry })}\n`,
  );
}

/** Appends a switch to `history.jsonl`, starting a new line if the last one was cut short by a crash. */
export async function appendSwitchHistory(registry: ModelRegistry, entry: SwitchHistoryEntry): Promise<void> {
  await appendAfter(registry, await readHistoryText(registry), entry);
}

/**
 * Appends `entry` unless the last complete line of the history already records
 * production as `entry.production`. A retried switch calls it: when the process
 * died after renaming the link but before writing the history, the switch is
 * recorded then; when the history has it, nothing is written twice.
 */
export async function appendSwitchHistoryIfMissing(
  registry: ModelRegistry,
  entry: SwitchHistoryEntry,
): Promise<void> {
  const text = await readHistoryText(registry);
  if (parseHistory(text).at(-1)?.production === entry.production) return;
  await appendAfter(registry, text, entry);
}
