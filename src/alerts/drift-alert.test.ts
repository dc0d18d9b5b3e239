import { driftAlertMessage, driftFingerprint, type DriftAlertSummary } from './drift-alert';

const summary: DriftAlertSummary = {
  productionVersion: 'v20261101-030000-aaaaaaaa',
  referenceMd5: '749dfce8ec93c969b81a45b8275a8d7d',
  currentFile: 'data/current_data.csv',
  currentMd5: '0123456789abcdef0123456789abcdef',
  driftedColumns: 9,
  driftedColumnNames: ['client_case_type', 'distance_km', 'a', 'b', 'c', 'd', 'e', 'f', 'g'],
  totalColumns: 15,
  share: 0.6,
  thresholdShare: 0.5,
  datasetDrift: true,
  topColumns: [
    { column: 'client_case_type', method: 'jensenshannon', score: 0.31, threshold: 0.1 },
    { column: 'distance_km', method: 'wasserstein', score: 0.22, threshold: 0.1 },
  ],
  reportPath: 'reports/drift/data_drift_report_20261130-060000.html',
};

describe('drift alert message', () => {
  it('says how much drifted, which columns most, and where the report is', () => {
    const message = driftAlertMessage(summary);
    expect(message.text).toContain('9 of 15 columns drifted (60%, threshold 50%)');
    expect(message.text).toContain('`client_case_type` — jensenshannon 0.310');
    expect(message.text).toContain('reports/drift/data_drift_report_20261130-060000.html');
    expect(message.blocks).toHaveLength(3);
  });

  it('fingerprints the episode by production version and drifted columns, not by scores', () => {
    const sameColumns = {
      ...summary,
      topColumns: summary.topColumns.map((c) => ({ ...c, score: c.score * 2 })),
    };
    expect(driftFingerprint(sameColumns)).toBe(driftFingerprint(summary));
    expect(driftFingerprint({ ...summary, productionVersion: 'v2' })).not.toBe(driftFingerprint(summary));
    expect(driftFingerprint({ ...summary, driftedColumnNames: ['client_case_type'] })).not.toBe(
      driftFingerprint(summary),
    );
  });
});
