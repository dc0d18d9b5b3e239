/**
 * Plain-language reasons for a coordinator: the columns that moved one
 * lawyer's match probability most, each as a short phrase about the pair and
 * its signed contribution — "same language as the client, +0.12; 3 km away,
 * +0.05; caseload 31, −0.08". Phrases describe the raw values of the pair (not
 * encoded features), and a pair column (languages, specialisation, region) is
 * phrased against the client's side, because that is what the model's pair
 * features compare.
 */
import { LANGUAGE_LIST_SEPARATOR } from '../data/schema';
import type { Explanation } from './explainer';

/** Contributors listed per lawyer unless a caller asks for another count. */
export const DEFAULT_TOP_CONTRIBUTORS = 3;

/** One column's share of a prediction, ready to show. */
export interface Contribution {
  readonly column: string;
  /** The pair's value in that column, as sent. */
  readonly value: string | number;
  /** Signed change of the match probability it accounts for. */
  readonly contribution: number;
  /** Short phrase about the value, e.g. "same language as the client". */
  readonly phrase: string;
}

/** A row's raw cells by column name. */
export type RawRow = Readonly<Record<string, unknown>>;

const text = (v: unknown): string => (typeof v === 'string' ? v : String(v));
const words = (v: unknown): string => text(v).replaceAll('_', ' ');
const languagesOf = (v: unknown): string[] =>
  text(v)
    .split(LANGUAGE_LIST_SEPARATOR)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

function kilometres(v: unknown): string {
  const km = Number(v);
  if (!Number.isFinite(km)) return `${text(v)} km away`;
  return `${km < 10 ? Math.round(km * 10) / 10 : Math.round(km)} km away`;
}

/** The phrase for `column` of `row`. */
export function describeColumn(column: string, row: RawRow): string {
  const v = row[column];
  switch (column) {
    case 'client_case_type':
      return `${words(v)} case`;
    case 'client_urgency':
      return `${words(v)} urgency`;
    case 'client_income_bracket':
      return `income ${words(v)}`;
    case 'client_language':
      return `client speaks ${words(v)}`;
    case 'client_region':
      return `client in the ${words(v)}`;
    case 'client_age':
      return `client aged ${text(v)}`;
    case 'lawyer_specialization':
      return v === row['client_case_type']
        ? `specialises in ${words(v)} law, the case's area`
        : `specialises in ${words(v)} law`;
    case 'lawyer_years_experience':
      return `${text(v)} years' experience`;
    case 'lawyer_rating':
      return `rated ${text(v)}`;
    case 'lawyer_caseload':
      return `caseload ${text(v)}`;
    case 'lawyer_languages':
      return languagesOf(v).includes(text(row['client_language']))
        ? 'same language as the client'
        : `no language in common (${languagesOf(v).join(', ')})`;
    case 'lawyer_pro_bono':
      return Number(v) === 1 ? 'takes pro-bono cases' : 'no pro-bono work';
    case 'lawyer_region':
      return v === row['client_region'] ? "office in the client's region" : `office in the ${words(v)}`;
    case 'distance_km':
      return kilometres(v);
    default:
      return `${column} ${text(v)}`;
  }
}

/** "+0.12" / "−0.08" (a real minus sign), two decimals; "±0.00" for what rounds to nothing. */
export function formatContribution(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  if (rounded === 0) return '±0.00';
  return `${rounded > 0 ? '+' : '−'}${Math.abs(rounded).toFixed(2)}`;
}

/**
 * The `top` columns with the largest |attribution| in `explanation` of `row`,
 * largest first (ties: schema order).
 */
export function topContributions(
  explanation: Explanation,
  row: RawRow,
  top = DEFAULT_TOP_CONTRIBUTORS,
): Contribution[] {
  return explanation.columns
    .map((column, j) => ({ column, j, contribution: explanation.attributions[j]! }))
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || a.j - b.j)
    .slice(0, Math.max(0, top))
    .map(({ column, contribution }) => ({
      column,
      value: row[column] as string | number,
      contribution,
      phrase: describeColumn(column, row),
    }));
}

/** "same language as the client, +0.12; 3 km away, +0.05; caseload 31, −0.08". */
export function reasonLine(contributions: readonly Contribution[]): string {
  return contributions.map((c) => `${c.phrase}, ${formatContribution(c.contribution)}`).join('; ');
}
