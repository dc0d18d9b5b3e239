import { renderEvaluationText } from './evaluation-text';

// Four rows, expected values from scikit-learn 1.9.1: roc_auc_score([0,0,1,1],
// [.1,.6,.4,.8]) = 0.75, average_precision_score = 0.8333, log_loss = 0.5403
// (0.6931 for constant 0.5 scores); the threshold rows from precision_score,
// recall_score and f1_score on p >= t with zero_division=0.
const FOUR_ROWS = {
  modelVersion: 'v2',
  datasetMd5: '0cc175b9c0f1b6a831c399e269772661',
  evaluatedAt: '2025-01-01T00:00:00.000Z',
  labels: [0, 0, 1, 1],
  probabilities: [0.1, 0.6, 0.4, 0.8],
};

describe('renderEvaluationText', () => {
  it('prints provenance, metrics, the confusion matrix and the threshold table', () => {
    expect(renderEvaluationText(FOUR_ROWS)).toBe(`Model evaluation: v2
====================
Model:        model v2
Dataset md5:  0cc175b9c0f1b6a831c399e269772661
Evaluated at: 2025-01-01T00:00:00.000Z
Rows:         4 (positive rate 50.0%)

Metrics (threshold metrics at 0.5)
  ROC AUC                      0.750
  PR AUC (average precision)   0.833
  Log loss                     0.540
  F1                           0.500
  Precision                    0.500
  Recall                       0.500
  Accuracy                     0.500

Confusion matrix: model v2 at 0.5
                        predicted 0   predicted 1
  actual 0 (no match)             1             1
  actual 1 (match)                1             1

Threshold table: model v2
  threshold   precision   recall      F1   positive rate
  0.1             0.500    1.000   0.667          100.0%
  0.2             0.667    1.000   0.800           75.0%
  0.3             0.667    1.000   0.800           75.0%
  0.4             0.667    1.000   0.800           75.0%
  0.5             0.500    0.500   0.500           50.0%
  0.6             0.500    0.500   0.500           50.0%
  0.7             1.000    0.500   0.667           25.0%
  0.8             1.000    0.500   0.667           25.0%
  0.9             0.000    0.000   0.000            0.0%
`);
  });

  it('adds production and the change, a falling log loss reading negative', () => {
    const text = renderEvaluationText({ ...FOUR_ROWS, production: { version: 'v1', probabilities: [0.5, 0.5, 0.5, 0.5] } });
    expect(text).toContain('Model:        candidate v2 vs production v1');
    expect(text).toContain('                               candidate v2   production v1   change');
    // Constant 0.5 scores: ROC AUC 0.5, AP 0.5, log loss ln 2 = 0.693.
    expect(text).toContain('  ROC AUC                             0.750           0.500   +0.250');
    expect(text).toContain('  Log loss                            0.540           0.693   -0.153');
    expect(text).toContain('Confusion matrix: production v1 at 0.5');
    expect(text).toContain('Threshold table: production v1');
  });

  it('says "undefined (one class)" for the AUCs when the rows hold one class only', () => {
    const text = renderEvaluationText({ ...FOUR_ROWS, labels: [0, 0, 0, 0] });
    expect(text).toContain('  ROC AUC                      undefined (one class)');
    expect(text).toContain('  PR AUC (average precision)   undefined (one class)');
  });

  it('reports the duplicate share of the dataset and of the scored rows, and warns when copies dominate', () => {
    const summary = (rows: number, distinctRows: number) => ({
      rows,
      distinctRows,
      duplicateRows: rows - distinctRows,
      duplicateShare: (rows - distinctRows) / rows,
      conflictingFeatureVectors: 0,
    });
    const few = renderEvaluationText({ ...FOUR_ROWS, duplicates: { dataset: summary(40, 36), scoredRows: summary(4, 4) } });
    expect(few).toContain(
      "Duplicates:   10.0% of the dataset's 40 rows repeat another row; 0.0% of the scored rows repeat another scored row\n",
    );
    expect(few).not.toContain('Warning');
    const many = renderEvaluationText({ ...FOUR_ROWS, duplicates: { dataset: summary(1000, 2), scoredRows: summary(4, 2) } });
    expect(many).toContain(
      "Warning: 99.8% of the dataset's rows are copies of another row (2 distinct of 1,000): every metric counts each copy",
    );
    expect(renderEvaluationText(FOUR_ROWS)).not.toContain('Duplicates');
  });
});
