import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateMatchmakingRows, rowsToCsv } from '../../src/data';
import { resolveProjectPaths, type ProjectPaths } from '../../src/config/paths';

/** A throw-away project folder with its own data, models and work folders. */
export interface ProjectFixture {
  readonly paths: ProjectPaths;
  /** Writes a generated dataset under data/ and returns its path relative to the project root. */
  writeDataset(name: string, options: { rows: number; seed: number; drift?: number }): Promise<string>;
  /** Writes raw CSV text under data/ and returns its relative path. */
  writeRawDataset(name: string, text: string): Promise<string>;
  remove(): Promise<void>;
}

/** Creates a fresh project folder in the OS temp dir. */
export async function createProjectFixture(): Promise<ProjectFixture> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'legalaid-mlops-'));
  const paths = resolveProjectPaths({ MLOPS_HOME: root });
  await fs.mkdir(paths.dataDir, { recursive: true });
  const writeRawDataset = async (name: string, text: string) => {
    await fs.writeFile(path.join(paths.dataDir, name), text);
    return path.join('data', name);
  };
  return {
    paths,
    writeRawDataset,
    writeDataset: (name, options) => writeRawDataset(name, rowsToCsv(generateMatchmakingRows(options))),
    remove: () => fs.rm(root, { recursive: true, force: true }),
  };
}
