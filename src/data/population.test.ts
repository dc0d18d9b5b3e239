import { generateMatchmakingRows } from './generate';
import type { MatchmakingRow } from './schema';

/** Share of rows for which `predicate` holds. */
function share(rows: readonly MatchmakingRow[], predicate: (row: MatchmakingRow) => boolean): number {
  return rows.filter(predicate).length / rows.length;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

describe('createPopulation (through generateMatchmakingRows)', () => {
  const reference = generateMatchmakingRows({ rows: 20_000, seed: 11 });
  const drifted = generateMatchmakingRows({ rows: 20_000, seed: 11, drift: 1 });

  it('makes family and housing the most common case types and most clients low income', () => {
    expect(share(reference, (r) => r.client_case_type === 'family')).toBeGreaterThan(0.25);
    expect(share(reference, (r) => r.client_case_type === 'housing')).toBeGreaterThan(0.2);
    expect(
      share(reference, (r) => ['below_poverty', 'low'].includes(r.client_income_bracket)),
    ).toBeGreaterThan(0.6);
  });

  it('skews client languages to English and Spanish, and nearly every lawyer works in English', () => {
    expect(share(reference, (r) => ['english', 'spanish'].includes(r.client_language))).toBeGreaterThan(0.7);
    expect(share(reference, (r) => r.lawyer_languages.split('|').includes('english'))).toBeGreaterThan(0.9);
  });

  it('draws right-skewed experience, ratings mostly 3.5–5, caseloads within 0–60 and ~35 % pro-bono lawyers', () => {
    const years = reference.map((r) => r.lawyer_years_experience);
    expect(years.reduce((a, b) => a + b, 0) / years.length).toBeGreaterThan(median(years)); // mean > median
    expect(share(reference, (r) => r.lawyer_rating >= 3.5)).toBeGreaterThan(0.85);
    expect(share(reference, (r) => r.lawyer_caseload <= 60)).toBe(1);
    expect(share(reference, (r) => r.lawyer_pro_bono === 1)).toBeCloseTo(0.35, 1);
  });

  it('puts offices in other regions much farther away than offices in the client region', () => {
    const local = reference.filter((r) => r.client_region === r.lawyer_region).map((r) => r.distance_km);
    const remote = reference.filter((r) => r.client_region !== r.lawyer_region).map((r) => r.distance_km);
    expect(median(remote)).toBeGreaterThan(5 * median(local));
  });

  it('shifts the case mix toward immigration and employment at drift 1', () => {
    const newCases = (r: MatchmakingRow) =>
      r.client_case_type === 'immigration' || r.client_case_type === 'employment';
    expect(share(drifted, newCases) - share(reference, newCases)).toBeGreaterThan(0.15);
  });

  it('shifts incomes up, clients to the central and east regions and distances up at drift 1', () => {
    const poor = (r: MatchmakingRow) => r.client_income_bracket === 'below_poverty';
    expect(share(reference, poor) - share(drifted, poor)).toBeGreaterThan(0.15);
    const centralEast = (r: MatchmakingRow) => r.client_region === 'central' || r.client_region === 'east';
    expect(share(drifted, centralEast) - share(reference, centralEast)).toBeGreaterThan(0.2);
    expect(median(drifted.map((r) => r.distance_km))).toBeGreaterThan(
      1.5 * median(reference.map((r) => r.distance_km)),
    );
  });

  it('moves the population gradually: drift 0.5 lies between drift 0 and drift 1', () => {
    const half = generateMatchmakingRows({ rows: 20_000, seed: 11, drift: 0.5 });
    const immigration = (r: MatchmakingRow) => r.client_case_type === 'immigration';
    expect(share(half, immigration)).toBeGreaterThan(share(reference, immigration) + 0.03);
    expect(share(half, immigration)).toBeLessThan(share(drifted, immigration) - 0.03);
  });
});
