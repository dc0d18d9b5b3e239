/**
 * Helpers for the data area's tests: small valid CSVs, targeted damage to one
 * cell, and temp folders. Deliberately faulty fixtures are built from a valid
 * file plus one named change, so each test says exactly why its file is bad.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateMatchmakingRows, rowsToCsv } from './generate';
import { COLUMN_NAMES } from './schema';

const created: string[] = [];

/** A fresh temp folder, removed by {@link removeTempDirs}. */
export async function makeTempDir(prefix = 'legalaid-data-'): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** Removes every folder {@link makeTempDir} made (call it in `afterAll`). */
export async function removeTempDirs(): Promise<void> {
  const dirs = created.splice(0);
  await Promise.all(dirs.map((dir) => fs.rm(dir, { recursive: true, force: true })));
}

/** The lines (header first, no trailing empty line) of a valid generated CSV with `rows` data rows. */
export function validCsvLines(rows = 8, seed = 1): string[] {
  return rowsToCsv(generateMatchmakingRows({ rows, seed })).trimEnd().split('\n');
}

/** Joins lines into CSV text with `\n` endings and a final newline. */
export function csvText(lines: readonly string[]): string {
  return `${lines.join('\n')}\n`;
}

/**
 * Returns a copy of `lines` where the cell of `column` on file line `line`
 * (1-based, header = line 1, columns in canonical order) is replaced by `value`.
 */
export function withCell(lines: readonly string[], line: number, column: string, value: string): string[] {
  const index = COLUMN_NAMES.indexOf(column);
  if (index === -1) throw new Error(`no column ${column}`);
  return lines.map((text, i) => {
    if (i !== line - 1) return text;
    const cells = text.split(',');
    cells[index] = value;
    return cells.join(',');
  });
}

/** Writes `text` to `name` in a fresh temp folder and returns the file path. */
export async function writeTempFile(name: string, text: string | Uint8Array): Promise<string> {
  const file = path.join(await makeTempDir(), name);
  await fs.writeFile(file, text);
  return file;
}
