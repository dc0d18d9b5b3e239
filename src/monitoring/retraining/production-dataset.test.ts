import { generateMatchmakingRows, parseDatasetCsv, rowsToCsv } from '../../data';
import { DatasetValidationError } from '../../data/errors';
import type { MatchmakingRow } from '../../data/schema';
import type { LabelledPrediction } from '../outcomes';
import { predictionId } from '../outcomes/outcome-fixture.fixture';
import { buildProductionDataset } from './production-dataset';

function labelled(rows: readonly MatchmakingRow[], offset = 0): LabelledPrediction[] {
  return rows.map((row, i) => {
    const { match_success, ...input } = row;
    return {
      prediction: {
        id: predictionId(offset + i),
        time: '2026-11-02T09:00:00.000Z',
        version: 'v1',
        probability: 0.5,
        input,
      },
      outcome: {
        predictionId: predictionId(offset + i),
        matchSuccess: match_success,
        observedAt: null,
        recordedAt: '2026-11-05T00:00:00.000Z',
        source: 'http',
      },
    };
  });
}

describe('buildProductionDataset', () => {
  const current = generateMatchmakingRows({ rows: 300, seed: 1 });
  const production = generateMatchmakingRows({ rows: 120, seed: 2, drift: 0.5 });

  it('appends labelled production rows to the current dataset as a valid dataset', () => {
    const result = buildProductionDataset(
      Buffer.from(rowsToCsv(current)),
      'current.csv',
      labelled(production),
      'new.csv',
    );
    expect(result).toMatchObject({ currentRows: 300, productionRows: 120, added: 120, duplicates: 0 });
    const table = parseDatasetCsv(result.csv, 'new.csv');
    expect(table.numRows()).toBe(420);
    expect(Array.from(table.array('match_success') as ArrayLike<number>).slice(300)).toEqual(
      production.map((r) => r.match_success),
    );
  });

  it('leaves out rows already in the dataset and repeats, so building again adds nothing', () => {
    const first = buildProductionDataset(
      Buffer.from(rowsToCsv(current)),
      'current.csv',
      labelled(production),
      'new.csv',
    );
    const again = buildProductionDataset(
      Buffer.from(first.csv),
      'new.csv',
      [...labelled(production), ...labelled(production.slice(0, 10), 500)],
      'newer.csv',
    );
    expect(again).toMatchObject({ currentRows: 420, added: 0, duplicates: 130 });
    expect(again.csv).toBe(first.csv);
  });

  it('refuses a production row that is not valid data, naming its prediction', () => {
    const bad = labelled(production.slice(0, 3));
    const broken = {
      ...bad[2]!,
      prediction: { ...bad[2]!.prediction, input: { ...bad[2]!.prediction.input, client_age: 300 } },
    };
    let error: unknown;
    try {
      buildProductionDataset(
        Buffer.from(rowsToCsv(current)),
        'current.csv',
        [bad[0]!, bad[1]!, broken],
        'new.csv',
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DatasetValidationError);
    expect((error as Error).message).toMatch(
      /new\.csv line 304, column "client_age": .*\(production row of prediction /,
    );
  });
});
