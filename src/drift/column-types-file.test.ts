import { parseColumnTypesFile } from './column-types-file';
import { DriftInputError } from './errors';

describe('parseColumnTypesFile', () => {
  it('reads YAML and JSON into column types', () => {
    expect(parseColumnTypesFile('columns:\n  zip: cat\n  visits: num\n', 't.yaml')).toEqual({
      zip: 'categorical',
      visits: 'numeric',
    });
    expect(parseColumnTypesFile('{"columns": {"a b": "num"}}', 't.json')).toEqual({ 'a b': 'numeric' });
    expect(parseColumnTypesFile('columns: {}', 't.yaml')).toEqual({});
  });

  it('names the file and the entry that is wrong', () => {
    expect(() => parseColumnTypesFile('columns:\n  zip: category\n', 't.yaml')).toThrow(
      't.yaml: columns.zip: expected "num" or "cat"',
    );
    expect(() => parseColumnTypesFile('columns: {zip: cat}\nextra: 1\n', 't.yaml')).toThrow(
      /^t\.yaml: .*extra/,
    );
    expect(() => parseColumnTypesFile('zip: cat\n', 't.yaml')).toThrow(/^t\.yaml: .*zip/);
    expect(() => parseColumnTypesFile('', 't.yaml')).toThrow(/^t\.yaml: .*expected a "columns" map/);
  });

  it('refuses a column typed twice and text that is not YAML', () => {
    const twice = (() => {
      try {
        parseColumnTypesFile('columns:\n  zip: cat\n  zip: num\n', 't.yaml');
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(twice).toBeInstanceOf(DriftInputError);
    expect((twice as Error).message).toMatch(/^t\.yaml: not valid YAML or JSON: .*unique/i);
    expect(() => parseColumnTypesFile('columns: [zip: cat', 't.yaml')).toThrow(
      /^t\.yaml: not valid YAML or JSON/,
    );
  });
});
