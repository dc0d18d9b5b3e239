import { describeCellProblem } from './cell-problems';
import { DatasetProblem } from './errors';
import { columnSpec } from './schema';

const describe_ = (column: string, text: string) => describeCellProblem(columnSpec(column)!, text);

describe('describeCellProblem', () => {
  it('calls a blank cell blank whatever the column', () => {
    expect(describe_('client_age', '')).toEqual({
      problem: DatasetProblem.BlankCell,
      detail: 'expected a value, the cell is blank',
    });
    expect(describe_('client_region', 'NULL')).toEqual({
      problem: DatasetProblem.BlankCell,
      detail: 'expected a value, the cell holds the missing-value marker "NULL"',
    });
  });

  it('tells a wrong type from an out-of-range number', () => {
    expect(describe_('distance_km', 'far')).toEqual({
      problem: DatasetProblem.WrongType,
      detail: 'expected a number between 0 and 2000, got "far"',
    });
    expect(describe_('distance_km', '2500')).toEqual({
      problem: DatasetProblem.OutOfRange,
      detail: 'expected a number between 0 and 2000, got "2500"',
    });
  });

  it('uses NON_BINARY_LABEL for any bad label and OUT_OF_RANGE or WRONG_TYPE for a bad binary feature', () => {
    expect(describe_('match_success', '2').problem).toBe(DatasetProblem.NonBinaryLabel);
    expect(describe_('match_success', 'yes').problem).toBe(DatasetProblem.NonBinaryLabel);
    expect(describe_('lawyer_pro_bono', '2').problem).toBe(DatasetProblem.OutOfRange);
    expect(describe_('lawyer_pro_bono', 'yes').problem).toBe(DatasetProblem.WrongType);
  });

  it('names the offending part of a language list, or says that a part is empty', () => {
    expect(describe_('lawyer_languages', 'english|elvish').detail).toBe(
      'expected values from english, spanish, mandarin, arabic, french, vietnamese separated by "|", ' +
        'got "english|elvish" with the unknown value "elvish"',
    );
    expect(describe_('lawyer_languages', 'english|').detail).toMatch(/with an empty entry$/);
  });
});
