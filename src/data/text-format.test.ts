import { DatasetProblem } from './errors';
import {
  assertCommaDelimitedHeader,
  assertLineEndings,
  assertUtf8Text,
  delimiterText,
  endsWithLineBreak,
  foreignDelimiter,
} from './text-format';

const utf8 = (text: string) => Buffer.from(text, 'utf8');

describe('assertUtf8Text', () => {
  it('accepts UTF-8, with or without a byte-order mark, and multi-byte characters', () => {
    expect(() => assertUtf8Text(utf8('a,b\nc,d\n'), 'f.csv')).not.toThrow();
    expect(() => assertUtf8Text(utf8('\uFEFFa,b\nñ,€\n'), 'f.csv')).not.toThrow();
  });

  it('refuses a UTF-16 byte-order mark of either byte order on line 1', () => {
    for (const bom of [
      [0xff, 0xfe],
      [0xfe, 0xff],
    ]) {
      expect(() => assertUtf8Text(Buffer.from([...bom, 0x61, 0x00]), 'f.csv')).toThrow(
        expect.objectContaining({ problem: DatasetProblem.WrongEncoding, row: 1 }) as Error,
      );
    }
  });

  it('names the line of the first NUL byte', () => {
    expect(() => assertUtf8Text(utf8('a\nb\nc\0\n'), 'f.csv')).toThrow(
      expect.objectContaining({ row: 3, message: expect.stringContaining('NUL byte') as string }) as Error,
    );
  });

  it('names the line of the first invalid UTF-8 sequence', () => {
    const bytes = Buffer.concat([utf8('a\nb\n'), Buffer.from([0x63, 0xe9, 0x0a])]);
    expect(() => assertUtf8Text(bytes, 'f.csv')).toThrow(
      expect.objectContaining({ problem: DatasetProblem.WrongEncoding, row: 3 }) as Error,
    );
  });
});

describe('assertLineEndings', () => {
  it('accepts \\n and \\r\\n, and a header without any line break', () => {
    expect(() => assertLineEndings('a,b\nc,d', 3, 'f')).not.toThrow();
    expect(() => assertLineEndings('a,b\r\nc,d', 4, 'f')).not.toThrow();
    expect(() => assertLineEndings('a,b', 3, 'f')).not.toThrow();
  });

  it('refuses bare carriage returns', () => {
    const text = 'a,b\rc,d\r';
    expect(() => assertLineEndings(text, text.length, 'f')).toThrow(
      expect.objectContaining({ problem: DatasetProblem.WrongLineEndings, row: 1 }) as Error,
    );
  });
});

describe('foreignDelimiter and assertCommaDelimitedHeader', () => {
  it('recognises semicolons, tabs and vertical bars only when commas do not give the fields', () => {
    expect(foreignDelimiter('a;b;c', 1, 3)).toEqual({ delimiter: ';', name: 'semicolon' });
    expect(foreignDelimiter('a\tb\tc', 1, 3)).toEqual({ delimiter: '\t', name: 'tab' });
    expect(foreignDelimiter('a|b|c', 1, 3)).toEqual({ delimiter: '|', name: 'vertical bar' });
    expect(foreignDelimiter('a,b;c', 2, 3)).toBeUndefined();
    expect(foreignDelimiter('a;b;c', 3, 3)).toBeUndefined();
  });

  it('words delimiters for messages', () => {
    expect(delimiterText({ delimiter: ';', name: 'semicolon' })).toBe('semicolons (";")');
    expect(delimiterText({ delimiter: '\t', name: 'tab' })).toBe('tabs');
  });

  it('refuses a quoted semicolon header too', () => {
    expect(() => assertCommaDelimitedHeader('"a";"b";"c"', 3, 'f.csv')).toThrow(
      expect.objectContaining({
        problem: DatasetProblem.WrongDelimiter,
        message:
          'f.csv line 1: the header is separated by semicolons (";"), not commas; save the file as comma-separated CSV',
      }) as Error,
    );
    expect(() => assertCommaDelimitedHeader('a,b,c', 3, 'f.csv')).not.toThrow();
  });
});

describe('endsWithLineBreak', () => {
  it('is true after \\n or \\r only', () => {
    expect(endsWithLineBreak('a\n')).toBe(true);
    expect(endsWithLineBreak('a\r\n')).toBe(true);
    expect(endsWithLineBreak('a')).toBe(false);
  });
});
