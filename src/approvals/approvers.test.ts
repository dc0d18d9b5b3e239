import { ApproversConfigError, normaliseApprover, parseApprovers } from './approvers';

describe('parseApprovers', () => {
  it('means "anyone" when unset or blank', () => {
    expect(parseApprovers(undefined)).toBeUndefined();
    expect(parseApprovers('')).toBeUndefined();
    expect(parseApprovers('  ')).toBeUndefined();
  });

  it('trims, lower-cases and de-duplicates names', () => {
    expect(parseApprovers(' Ana, bob ,ANA')).toEqual(['ana', 'bob']);
  });

  it('refuses an empty entry, naming its position', () => {
    expect(() => parseApprovers('ana,,bob')).toThrow(ApproversConfigError);
    expect(() => parseApprovers('ana,,bob')).toThrow('APPROVERS has an empty entry at position 2');
    expect(() => parseApprovers('ana,', 'MY_LIST')).toThrow('MY_LIST has an empty entry at position 2');
  });
});

describe('normaliseApprover', () => {
  it('compares names case-insensitively without surrounding spaces', () => {
    expect(normaliseApprover('  Ana ')).toBe('ana');
  });
});
