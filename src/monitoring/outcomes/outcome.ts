/**
 * A match outcome: whether the pairing behind a served prediction succeeded,
 * keyed by the prediction's id. Outcomes arrive days after the prediction, by
 * `POST /v1/outcomes` or `outcomes import FILE.csv`; both parse them with
 * {@link outcomeInputSchema}, so the two paths accept exactly the same values.
 */
import { z } from 'zod';

/** A UUID in its canonical text form (the serving side issues UUIDv7 prediction ids). */
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One outcome as a caller sends it (JSON body item or CSV row). */
export const outcomeInputSchema = z
  .object({
    prediction_id: z
      .string()
      .regex(UUID_PATTERN, 'must be the prediction id the server returned (a UUID)')
      .transform((id) => id.toLowerCase()),
    match_success: z.union([z.literal(0), z.literal(1)], { error: 'must be 0 or 1' }),
    observed_at: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 time' }).optional(),
  })
  .strict();

/** An outcome as a caller sends it. */
export type OutcomeInput = z.input<typeof outcomeInputSchema>;

/** A validated outcome. */
export interface Outcome {
  /** The prediction id, lower-case. */
  readonly predictionId: string;
  readonly matchSuccess: 0 | 1;
  /** When the outcome was observed, if the sender said. */
  readonly observedAt: string | null;
}

/** An outcome as stored: with when and from where it was recorded. */
export interface StoredOutcome extends Outcome {
  readonly recordedAt: string;
  /** `http` or `csv:<file name>`. */
  readonly source: string;
}

/** The validated form of one parsed input. */
export function toOutcome(parsed: z.output<typeof outcomeInputSchema>): Outcome {
  return {
    predictionId: parsed.prediction_id,
    matchSuccess: parsed.match_success,
    observedAt: parsed.observed_at ?? null,
  };
}

export { OutcomeInputError } from './errors';
