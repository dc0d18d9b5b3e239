import { parseOutcomesCsv } from './outcome-csv';
import { OutcomeInputError } from './outcome';
import { predictionId } from './outcome-fixture.fixture';

const id = predictionId(1);

describe('parseOutcomesCsv', () => {
  it('reads outcomes with the columns in any order, a BOM, CRLF and an optional observed_at', () => {
    const text = `\uFEFFmatch_success,prediction_id\r\n1,${id.toUpperCase()}\r\n0,${predictionId(2)}\r\n`;
    expect(parseOutcomesCsv(text, 'a.csv')).toEqual([
      { line: 2, outcome: { predictionId: id, matchSuccess: 1, observedAt: null } },
      { line: 3, outcome: { predictionId: predictionId(2), matchSuccess: 0, observedAt: null } },
    ]);
    const withTime = parseOutcomesCsv(
      `prediction_id,match_success,observed_at\n${id},1,2026-11-05T10:00:00Z\n`,
      'b.csv',
    );
    expect(withTime[0]!.outcome.observedAt).toBe('2026-11-05T10:00:00Z');
  });

  it.each([
    ['', /a\.csv: the file is empty/],
    ['prediction_id,outcome\n', /a\.csv line 1: unknown column "outcome"/],
    ['prediction_id\n', /a\.csv line 1: missing column "match_success"/],
    ['prediction_id,match_success,match_success\n', /column "match_success" appears twice/],
    [`prediction_id,match_success\n${id},2\n`, /a\.csv line 2, column match_success: "2" must be 0 or 1/],
    [
      `prediction_id,match_success\nnot-an-id,1\n`,
      /a\.csv line 2, column prediction_id: "not-an-id" must be the prediction id/,
    ],
    [`prediction_id,match_success\n${id},1\n${id}\n`, /a\.csv line 3: 1 fields, the header has 2/],
    [`prediction_id,match_success\n${id},1\n\n${id},1\n`, /a\.csv line 3: empty line/],
    [
      `prediction_id,match_success,observed_at\n${id},1,yesterday\n`,
      /line 2, column observed_at: "yesterday" must be an ISO 8601 time/,
    ],
    [`prediction_id,match_success\n"${id},1\n`, /line 2: broken quoting/],
  ])('refuses %j naming the line and column', (text, message) => {
    expect(() => parseOutcomesCsv(text, 'a.csv')).toThrow(OutcomeInputError);
    expect(() => parseOutcomesCsv(text, 'a.csv')).toThrow(message);
  });
});
