import { performanceAlertMessage, performanceFingerprint } from './performance-alert';

describe('performance alerts', () => {
  const summary = {
    version: 'v20261102-000000-abcdef12',
    metric: 'rocAuc',
    baseline: 0.82,
    realized: 0.71,
    relativeDrop: (0.82 - 0.71) / 0.82,
    maxRelativeDrop: 0.05,
    count: 412,
    periodStart: '2026-11-02T06:00:00.000Z',
    periodEnd: '2026-11-09T06:00:00.000Z',
    estimated: 0.8,
  };

  it('says what dropped, by how much, on how many outcomes, and what CBPE expected', () => {
    const { text } = performanceAlertMessage(summary);
    expect(text).toContain(
      'rocAuc 0.710 on 412 predictions with outcomes, 13.4% below 0.820 at promotion (limit 5%)',
    );
    expect(text).toContain('CBPE estimated 0.800');
  });

  it('is one episode per version and metric', () => {
    expect(performanceFingerprint(summary)).toBe('v20261102-000000-abcdef12:rocAuc');
  });
});
