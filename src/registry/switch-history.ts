import { promises as fs } from 'node:fs';
import type { ModelRegistry } from './model-registry';

/** One line of `history.jsonl`: a production switch. */
export interface SwitchHistoryEntry {
  readonly action: 'promote' | 'rollback';
  readonly production: string;
  readonly previous: string | null;
}

async function readHistoryText(registry: ModelRegistry): Promise<string> {
  try {
    return await fs.readFile(registry.layout.historyFile, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw error;
  }
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
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  for (const line of lines.reverse()) {
    let last: Partial<SwitchHistoryEntry>;
    try {
      last = JSON.parse(line) as Partial<SwitchHistoryEntry>;
    } catch {
      continue; // a line torn by a crash
    }
    if (last.production === entry.production) return;
    break;
  }
  await appendAfter(registry, text, entry);
}
