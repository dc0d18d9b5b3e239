import { matchLogit, matchProbability } from './label-model';
import type { MatchFeatures } from './population';

const base: MatchFeatures = {
  client_case_type: 'family',
  client_urgency: 'medium',
  client_income_bracket: 'low',
  client_language: 'english',
  client_region: 'north',
  client_age: 40,
  lawyer_specialization: 'housing',
  lawyer_years_experience: 8,
  lawyer_rating: 4.3,
  lawyer_caseload: 20,
  lawyer_languages: 'english',
  lawyer_pro_bono: 0,
  lawyer_region: 'north',
  distance_km: 10,
};
const logit = (change: Partial<MatchFeatures>): number => matchLogit({ ...base, ...change });
const gain = (change: Partial<MatchFeatures>, from: Partial<MatchFeatures> = {}): number =>
  logit({ ...from, ...change }) - logit(from);

describe('matchLogit', () => {
  it('rewards a specialist, more so in criminal and immigration law', () => {
    expect(gain({ lawyer_specialization: 'family' })).toBeCloseTo(2.4, 10);
    expect(gain({ lawyer_specialization: 'criminal' }, { client_case_type: 'criminal' })).toBeGreaterThan(
      gain({ lawyer_specialization: 'family' }),
    );
  });

  it('rewards a lawyer who speaks the client language', () => {
    expect(gain({ lawyer_languages: 'english|spanish' }, { client_language: 'spanish' })).toBeGreaterThan(1);
  });

  it('gives experience diminishing returns: the first five years count more than the next twenty', () => {
    const early = gain({ lawyer_years_experience: 5 }, { lawyer_years_experience: 0 });
    const late = gain({ lawyer_years_experience: 30 }, { lawyer_years_experience: 10 });
    expect(early).toBeGreaterThan(2 * late);
  });

  it('lets caseload hurt urgent cases more than routine ones', () => {
    const routine = gain({ lawyer_caseload: 50 }, { client_urgency: 'low' });
    const urgent = gain({ lawyer_caseload: 50 }, { client_urgency: 'high' });
    expect(urgent).toBeLessThan(2 * routine);
  });

  it('lets pro-bono lawyers help poor clients only', () => {
    expect(gain({ lawyer_pro_bono: 1 }, { client_income_bracket: 'below_poverty' })).toBeGreaterThan(0.5);
    expect(gain({ lawyer_pro_bono: 1 }, { client_income_bracket: 'middle' })).toBeLessThanOrEqual(0);
  });

  it('lets distance hurt, more for urgent cases', () => {
    const routine = gain({ distance_km: 200 }, { client_urgency: 'low' });
    const urgent = gain({ distance_km: 200 }, { client_urgency: 'critical' });
    expect(routine).toBeLessThan(0);
    expect(urgent).toBeLessThan(routine);
  });

  it('is a probability between 0 and 1 that rises with the logit', () => {
    const low = matchProbability({ ...base, distance_km: 500 });
    const high = matchProbability({ ...base, lawyer_specialization: 'family', lawyer_rating: 4.9 });
    expect(low).toBeGreaterThan(0);
    expect(high).toBeLessThan(1);
    expect(high).toBeGreaterThan(low);
  });
});
