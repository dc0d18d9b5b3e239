import {
  brokenQuoting,
  contentEnd,
  countLineBreaks,
  decodeCsvText,
  splitPlainFields,
  splitQuotedFields,
} from './csv-text';

describe('decodeCsvText', () => {
  it('decodes UTF-8 and drops a byte-order mark', () => {
    expect(decodeCsvText(Buffer.from([0xef, 0xbb, 0xbf, 0x61, 0x2c, 0x62]))).toBe('a,b');
    expect(decodeCsvText('\uFEFFa,b')).toBe('a,b');
    expect(decodeCsvText('a,b')).toBe('a,b');
  });
});

describe('contentEnd and countLineBreaks', () => {
  it('ignores trailing line breaks of either style', () => {
    expect(contentEnd('a\nb\r\n\n')).toBe(3);
    expect(contentEnd('')).toBe(0);
  });

  it('counts the breaks inside a range only', () => {
    expect(countLineBreaks('a\nb\nc\n', 0, 5)).toBe(2);
    expect(countLineBreaks('a\nb\nc\n', 2, 3)).toBe(0);
  });
});

describe('splitQuotedFields', () => {
  const split = (text: string) => splitQuotedFields(text, 0, text.length);

  it('splits plain and quoted fields, unescaping doubled quotes', () => {
    expect(split('a,"b,c","say ""hi""",')).toEqual(['a', 'b,c', 'say "hi"', '']);
    expect(split('""')).toEqual(['']);
  });

  it('gives undefined for an unterminated quote or text after a closing quote', () => {
    expect(split('"abc')).toBeUndefined();
    expect(split('"a"b,c')).toBeUndefined();
  });

  it('agrees with splitPlainFields on text without quotes', () => {
    const text = 'family,high,,4.5';
    expect(split(text)).toEqual(splitPlainFields(text, 0, text.length));
  });
});

describe('brokenQuoting', () => {
  const why = (line: string) => brokenQuoting(line, 0, line.length);

  it('tells a quote left open on the line from text after a closing quote', () => {
    expect(why('a,"english')).toBe('unterminated');
    expect(why('"a ""b"" c,d')).toBe('unterminated');
    expect(why('a,"north"x,b')).toBe('text_after_quote');
    expect(why('"a""b"c')).toBe('text_after_quote');
  });
});
