/**
 * Who asks LegalAid Connect for help, and which lawyers the matchmaker proposes:
 * the feature distributions of the synthetic dataset, and how `drift` moves them.
 *
 * The numbers are plausible for a legal-aid service, not measured: family and
 * housing cases dominate, most clients are poor, English and Spanish dominate,
 * experience is right-skewed and ratings bunch between 3.5 and 5. The proposed
 * lawyer is not random: the matchmaker prefers specialists, local offices and
 * shared languages, which is why those pair features are common but not
 * universal.
 */
import type { Rng } from './random';
import {
  CASE_TYPES,
  INCOME_BRACKETS,
  LANGUAGES,
  LANGUAGE_LIST_SEPARATOR,
  REGIONS,
  URGENCY_LEVELS,
  type CaseType,
  type MatchmakingRow,
  type Region,
} from './schema';

/** A generated row before its label is drawn. */
export type MatchFeatures = Omit<MatchmakingRow, 'match_success'>;

/** Weights at drift 0 and drift 1; a drift in between interpolates linearly, so drift grows smoothly. */
interface DriftingWeights {
  readonly base: readonly number[];
  readonly drifted: readonly number[];
}

// Order of every weight list = order of the matching schema constant.
const CASE_TYPE_WEIGHTS: DriftingWeights = {
  // family, housing, immigration, employment, criminal, consumer
  base: [0.3, 0.25, 0.13, 0.12, 0.1, 0.1],
  drifted: [0.18, 0.17, 0.27, 0.22, 0.08, 0.08],
};
const INCOME_WEIGHTS: DriftingWeights = {
  // below_poverty, low, lower_middle, middle
  base: [0.36, 0.34, 0.2, 0.1],
  drifted: [0.16, 0.3, 0.31, 0.23],
};
const CLIENT_LANGUAGE_WEIGHTS: DriftingWeights = {
  // english, spanish, mandarin, arabic, french, vietnamese
  base: [0.55, 0.25, 0.06, 0.05, 0.04, 0.05],
  drifted: [0.46, 0.24, 0.08, 0.12, 0.05, 0.05],
};
const CLIENT_REGION_WEIGHTS: DriftingWeights = {
  // north, south, east, west, central
  base: [0.22, 0.26, 0.16, 0.22, 0.14],
  drifted: [0.14, 0.16, 0.3, 0.12, 0.28],
};

/** Urgency (low, medium, high, critical) by case type: criminal and immigration cases run on deadlines. */
const URGENCY_WEIGHTS: Readonly<Record<CaseType, readonly number[]>> = {
  family: [0.25, 0.42, 0.24, 0.09],
  housing: [0.18, 0.38, 0.3, 0.14],
  immigration: [0.1, 0.3, 0.38, 0.22],
  employment: [0.3, 0.42, 0.21, 0.07],
  criminal: [0.08, 0.28, 0.4, 0.24],
  consumer: [0.4, 0.4, 0.15, 0.05],
};

/** Specialisations of the lawyer pool, when the proposed lawyer is not a specialist for the case. */
const LAWYER_SPECIALIZATION_WEIGHTS = [0.24, 0.2, 0.14, 0.14, 0.16, 0.12];

/** Chance the matchmaker proposes a specialist in the client's case type. */
const SPECIALIST_SHARE = 0.45;
/** Chance it proposes a local office, at drift 0 and drift 1 (drift brings more remote matches). */
const LOCAL_SHARE = { base: 0.6, drifted: 0.45 };
/** Chance the matchmaker makes sure the lawyer speaks the client's language. */
const LANGUAGE_GUARANTEE_SHARE = 0.35;
const PRO_BONO_SHARE = 0.35;

/** Region centres on a plane (km). Within a region people live ~12 km from an office; across regions much farther. */
const REGION_CENTRES: Readonly<Record<Region, readonly [number, number]>> = {
  north: [0, 120],
  south: [0, -120],
  east: [120, 0],
  west: [-120, 0],
  central: [0, 0],
};

function mix(weights: DriftingWeights, drift: number): number[] {
  return weights.base.map((b, i) => (1 - drift) * b + drift * (weights.drifted[i] ?? b));
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

/** A log-normal variate with the given median and log-scale spread. */
function logNormal(rng: Rng, median: number, sigma: number): number {
  return median * Math.exp(sigma * rng.normal());
}

/** Draws the generated rows' features for one drift level. */
export interface Population {
  /** Draws one proposed (client, lawyer) pair; consumes a variable number of random numbers. */
  sample(rng: Rng): MatchFeatures;
}

/**
 * Builds the population at `drift` in [0, 1]: 0 is the reference population,
 * 1 the fully shifted one (more immigration and employment cases, higher
 * incomes, more clients in the central and east regions, more remote and
 * longer-distance matches, more Arabic and Mandarin speakers). Only the
 * features move; how the label depends on them does not (pure covariate shift).
 */
export function createPopulation(drift: number): Population {
  const caseTypeWeights = mix(CASE_TYPE_WEIGHTS, drift);
  const incomeWeights = mix(INCOME_WEIGHTS, drift);
  const languageWeights = mix(CLIENT_LANGUAGE_WEIGHTS, drift);
  // Immigration clients prefer English far less often than others.
  const immigrantLanguageWeights = languageWeights.map((w, i) => (i === 0 ? w * 0.4 : w));
  const regionWeights = mix(CLIENT_REGION_WEIGHTS, drift);
  const localShare = (1 - drift) * LOCAL_SHARE.base + drift * LOCAL_SHARE.drifted;
  const distanceFactor = 1 + 0.4 * drift;

  return {
    sample(rng) {
      const caseType = CASE_TYPES[rng.weightedIndex(caseTypeWeights)]!;
      const urgency = URGENCY_LEVELS[rng.weightedIndex(URGENCY_WEIGHTS[caseType])]!;
      const income = INCOME_BRACKETS[rng.weightedIndex(incomeWeights)]!;
      const language =
        LANGUAGES[
          rng.weightedIndex(caseType === 'immigration' ? immigrantLanguageWeights : languageWeights)
        ]!;
      const clientRegion = REGIONS[rng.weightedIndex(regionWeights)]!;
      const age = Math.round(clamp(17 + logNormal(rng, 23, 0.5), 16, 100));

      const specialization =
        rng.next() < SPECIALIST_SHARE
          ? caseType
          : CASE_TYPES[rng.weightedIndex(LAWYER_SPECIALIZATION_WEIGHTS)]!;
      const years = Math.floor(clamp(logNormal(rng, 8, 0.85) - 0.5, 0, 60));
      // Ratings: 5 minus a right-skewed shortfall, a little better with experience.
      const rating = clamp(5 - logNormal(rng, 0.6, 0.6) + 0.1 * (1 - Math.exp(-years / 10)) - 0.05, 1, 5);
      const caseload = drawCaseload(rng);
      const lawyerRegion = rng.next() < localShare ? clientRegion : REGIONS[rng.int(REGIONS.length)]!;
      const languages = drawLawyerLanguages(rng, lawyerRegion, language);
      const proBono = rng.next() < PRO_BONO_SHARE ? 1 : 0;
      const distance = clamp(drawDistance(rng, clientRegion, lawyerRegion) * distanceFactor, 0, 2000);

      return {
        client_case_type: caseType,
        client_urgency: urgency,
        client_income_bracket: income,
        client_language: language,
        client_region: clientRegion,
        client_age: age,
        lawyer_specialization: specialization,
        lawyer_years_experience: years,
        lawyer_rating: Math.round(rating * 100) / 100,
        lawyer_caseload: caseload,
        lawyer_languages: languages,
        lawyer_pro_bono: proBono,
        lawyer_region: lawyerRegion,
        distance_km: Math.round(distance * 10) / 10,
      };
    },
  };
}

/** Open cases, median 20, right-skewed; redrawn above 60 rather than clamped, to avoid a spike at 60. */
function drawCaseload(rng: Rng): number {
  for (;;) {
    const caseload = Math.round(logNormal(rng, 20, 0.5));
    if (caseload <= 60) return caseload;
  }
}

/**
 * Nearly every lawyer works in English; Spanish is common, more so in the south
 * and west; other languages are rare unless the matchmaker guaranteed the
 * client's. Languages are listed in schema order so equal sets are equal strings.
 */
function drawLawyerLanguages(rng: Rng, region: Region, clientLanguage: string): string {
  const guaranteed = rng.next() < LANGUAGE_GUARANTEE_SHARE;
  const spanishShare = region === 'south' || region === 'west' ? 0.45 : 0.25;
  const spoken = LANGUAGES.filter((language) => {
    const share = language === 'english' ? 0.93 : language === 'spanish' ? spanishShare : 0.05;
    const drawn = rng.next() < share; // always draw, so the stream does not depend on `guaranteed`
    return drawn || (guaranteed && language === clientLanguage);
  });
  return (spoken.length > 0 ? spoken : ['english']).join(LANGUAGE_LIST_SEPARATOR);
}

function drawDistance(rng: Rng, clientRegion: Region, lawyerRegion: Region): number {
  if (clientRegion === lawyerRegion) return logNormal(rng, 12, 0.8);
  const [x1, y1] = REGION_CENTRES[clientRegion];
  const [x2, y2] = REGION_CENTRES[lawyerRegion];
  return Math.hypot(x1 - x2, y1 - y2) * Math.exp(0.3 * rng.normal());
}
