// arquero 8 ships ES modules only, which Jest cannot require on Node < 24.9; its UMD
// bundle is the same library. (A `moduleNameMapper` entry in jest.config.js would make this unnecessary.)

import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PreprocessorFileError } from './errors';
import { fitPreprocessor } from './fit-preprocessor';
import { PREPROCESSOR_FILE, loadPreprocessor, savePreprocessor } from './preprocessor-io';
import { syntheticMatchTable } from './synthetic-table';

describe('savePreprocessor / loadPreprocessor', () => {
  let dir: string;
  const state = fitPreprocessor(
    syntheticMatchTable(300, 1),
    Array.from({ length: 200 }, (_, i) => i),
  );

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'preprocessor-'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  async function writeRaw(value: unknown): Promise<string> {
    const file = path.join(dir, PREPROCESSOR_FILE);
    await fs.writeFile(file, typeof value === 'string' ? value : JSON.stringify(value));
    return file;
  }

  it('round-trips the state and leaves no temporary file behind', async () => {
    await savePreprocessor(path.join(dir, 'nested'), state);
    expect(await loadPreprocessor(path.join(dir, 'nested'))).toEqual(state);
    expect(await fs.readdir(path.join(dir, 'nested'))).toEqual([PREPROCESSOR_FILE]);
  });

  it('names the file and the field when formatVersion is wrong', async () => {
    const file = await writeRaw({ ...state, formatVersion: 2 });
    const error = await loadPreprocessor(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PreprocessorFileError);
    expect(error).toMatchObject({ file, field: 'formatVersion' });
    expect((error as Error).message).toBe(`${file}: field "formatVersion": expected 1, found 2`);
  });

  it('names the nested field that breaks the schema', async () => {
    const scaled = state.scaled.map((s, i) => (i === 2 ? { ...s, std: -1 } : s));
    await writeRaw({ ...state, scaled });
    await expect(loadPreprocessor(dir)).rejects.toMatchObject({ field: 'scaled.2.std' });
  });

  it('rejects featureNames that do not match the encoders', async () => {
    await writeRaw({ ...state, featureNames: state.featureNames.slice(1) });
    await expect(loadPreprocessor(dir)).rejects.toThrow(
      /preprocessor\.json: field "featureNames": does not match the encoders/,
    );
  });

  it('rejects an unknown column and an unknown key', async () => {
    await writeRaw({ ...state, flags: ['favourite_colour'] });
    await expect(loadPreprocessor(dir)).rejects.toMatchObject({ field: 'flags.0' });
    await writeRaw({ ...state, extra: true });
    await expect(loadPreprocessor(dir)).rejects.toThrow(/Unrecognized key/);
  });

  it('names the file when it is missing or not JSON', async () => {
    const file = path.join(dir, PREPROCESSOR_FILE);
    await expect(loadPreprocessor(dir)).rejects.toThrow(`${file}: cannot be read`);
    await writeRaw('{"formatVersion": 1, ');
    await expect(loadPreprocessor(dir)).rejects.toThrow(`${file}: is not valid JSON`);
  });
});
