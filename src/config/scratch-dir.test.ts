import path from 'node:path';
import { safeSegment, workflowScratchDir } from './scratch-dir';

describe('safeSegment', () => {
  it('keeps the IDs the pipeline uses as they are', () => {
    const ids = [
      'retrain-matchmaking-749dfce8ec93c969b81a45b8275a8d7d',
      'retrain-test-1b4e28ba-2fa1',
      'a_b.c',
    ];
    for (const id of ids) expect(safeSegment(id)).toBe(id);
  });

  it('encodes separators, dots that would climb, NUL and non-ASCII bytes', () => {
    expect(safeSegment('../../etc')).toBe('%2E.%2F..%2Fetc');
    expect(safeSegment('..')).toBe('%2E.');
    expect(safeSegment('.')).toBe('%2E');
    expect(safeSegment('a/b\\c')).toBe('a%2Fb%5Cc');
    expect(safeSegment('x\0y')).toBe('x%00y');
    expect(safeSegment('é')).toBe('%C3%A9');
    expect(safeSegment('')).toBe('%');
  });

  it('never maps two IDs to one name: an encoded-looking ID is encoded again', () => {
    expect(safeSegment('a%2Fb')).not.toBe(safeSegment('a/b'));
  });

  it('shortens long IDs deterministically, keeping them distinct', () => {
    const long = `wf-${'x/'.repeat(500)}`;
    const name = safeSegment(long);
    expect(name.length).toBeLessThanOrEqual(200);
    expect(safeSegment(long)).toBe(name);
    expect(safeSegment(`${long}2`)).not.toBe(name);
  });
});

describe('workflowScratchDir', () => {
  it('is always a direct child of the work folder', () => {
    for (const id of ['../../home/user', '/etc', 'a/../../b', '..', 'ok-id']) {
      const dir = workflowScratchDir('/srv/work', id);
      expect(path.dirname(dir)).toBe('/srv/work');
      expect(path.basename(dir)).not.toMatch(/^\.\.?$/);
    }
  });
});
