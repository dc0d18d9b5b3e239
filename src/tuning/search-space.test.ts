import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SearchSpaceError } from './errors';
import { DEFAULT_SEARCH_SPACE } from './run-synthetic-study';
import { parseSearchSpace } from './search-space';
import { loadSearchSpaceFile, parseSearchSpaceText } from './search-space-file';

const ROOT = path.resolve(__dirname, '..', '..');

describe('search-space file', () => {
  it('the bundled tuning/search-space.yaml is the default space the tests and benchmark use', async () => {
    expect(await loadSearchSpaceFile(path.join(ROOT, 'tuning', 'search-space.yaml'))).toEqual(
      DEFAULT_SEARCH_SPACE,
    );
  });

  it('reads JSON and YAML alike, and a plain value fixes a parameter', () => {
    const json = parseSearchSpaceText(
      '{"version":1,"parameters":{"learningRate":{"type":"float","low":0.001,"high":0.1,"log":true},"batchSize":128}}',
      'space.json',
    );
    const yaml = parseSearchSpaceText(
      'version: 1\nparameters:\n  learningRate: {type: float, low: 0.001, high: 0.1, log: true}\n  batchSize: 128\n',
      'space.yaml',
    );
    expect(yaml).toEqual(json);
    expect(json.parameters.batchSize).toEqual({ type: 'categorical', choices: [128] });
    expect(json.fixed).toEqual({});
  });

  const base = {
    version: 1,
    parameters: { learningRate: { type: 'float', low: 1e-4, high: 1e-2, log: true } },
  };
  const withParam = (name: string, value: unknown) => ({
    ...base,
    parameters: { ...base.parameters, [name]: value },
  });

  it.each([
    [
      withParam('learningRate', { type: 'float', low: 0, high: 0.1, log: true }),
      'parameters.learningRate.low',
      'must be > 0 and <= 1, got 0',
    ],
    [
      withParam('l2', { type: 'float', low: 0, high: 0.1, log: true }),
      'parameters.l2.low',
      'must be > 0 when log is true',
    ],
    [
      withParam('dropout', { type: 'float', low: 0.5, high: 0.1 }),
      'parameters.dropout.low',
      'must be <= high (0.1), got 0.5',
    ],
    [
      withParam('layers', { type: 'float', low: 1, high: 3 }),
      'parameters.layers.type',
      'must be int or categorical',
    ],
    [
      withParam('units', { type: 'int', low: 8, high: 128, log: true, step: 2 }),
      'parameters.units.step',
      'must be 1 when log is true',
    ],
    [
      withParam('batchSize', { type: 'categorical', choices: [64, 64] }),
      'parameters.batchSize.choices',
      'must not repeat a value',
    ],
    [
      withParam('batchSize', { type: 'categorical', choices: [64, 'big'] }),
      'parameters.batchSize.choices.1',
      'must be a number',
    ],
    [
      withParam('modelFamily', { type: 'categorical', choices: ['dnn', 'forest'] }),
      'parameters.modelFamily.choices',
      '"forest" is not one of dnn, logreg',
    ],
    [
      withParam('dropout', { type: 'float', low: 0, high: 0.5, log: false, step: 0.1, extra: 1 }),
      'parameters.dropout',
      'Unrecognized key: "extra" (extra)',
    ],
    [
      withParam('momentum', { type: 'float', low: 0, high: 1 }),
      'parameters',
      'Unrecognized key: "momentum" (momentum)',
    ],
    [{ ...base, version: 2 }, 'version', 'Invalid input: expected 1'],
    [{ ...base, fixed: { epochs: 0 } }, 'fixed.epochs', 'Too small: expected number to be >=1'],
    [{ version: 1, parameters: {} }, 'parameters', 'declares no parameter'],
  ])('refuses a bad field, naming it (%#)', (document, field, problem) => {
    let error: unknown;
    try {
      parseSearchSpace(document, 'space.json');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SearchSpaceError);
    expect((error as SearchSpaceError).field).toBe(field);
    expect((error as SearchSpaceError).message).toBe(`space.json: field "${field}": ${problem}`);
  });

  it('names the file, line and column of a YAML syntax error, and a missing file', async () => {
    expect(() => parseSearchSpaceText('version: 1\nparameters: {a: [1, 2}\n', 'bad.yaml')).toThrow(
      /^bad\.yaml: is not valid YAML \(.*line 2/,
    );
    expect(() => parseSearchSpaceText('{"version": 1,}', 'bad.json')).toThrow(
      /^bad\.json: is not valid JSON/,
    );
    const dir = mkdtempSync(path.join(os.tmpdir(), 'space-'));
    await expect(loadSearchSpaceFile(path.join(dir, 'none.yaml'))).rejects.toThrow(
      /none\.yaml: cannot be read/,
    );
    writeFileSync(path.join(dir, 'dup.yaml'), 'version: 1\nversion: 1\n');
    await expect(loadSearchSpaceFile(path.join(dir, 'dup.yaml'))).rejects.toThrow(
      /dup\.yaml: is not valid YAML/,
    );
    expect(readFileSync(path.join(dir, 'dup.yaml'), 'utf8')).toContain('version');
  });
});
