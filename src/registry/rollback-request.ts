import { z } from 'zod';

/**
 * What a rollback is asked to do: who asks and why (written to `history.jsonl`),
 * and optionally which version to restore. One schema for every layer: the CLI
 * parses its options with it, the rollback workflow checks its input with it at
 * start (`workflows/input-schemas.ts`), and the activity that plans the rollback
 * parses it again, so a request sent by other means (`temporal workflow start`)
 * meets the same rules. Imports nothing but zod, so the workflow bundle can hold it.
 */
export const rollbackRequestSchema = z.object({
  requestedBy: z.string().max(200).trim().min(1, 'must name who asks for the rollback'),
  reason: z
    .string()
    .max(2000)
    .trim()
    .optional()
    .transform((reason) => reason || undefined),
  to: z.string().max(200).trim().optional(),
});

/** A parsed rollback request. */
export type RollbackRequest = z.infer<typeof rollbackRequestSchema>;
