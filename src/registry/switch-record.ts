/** The records of production switches, shared by `history.jsonl` (switch-history.ts) and the store's `history/` (on-store/switch-log.ts). */
import { z } from 'zod';

/** Who made a production switch and why: recorded with every line of `history.jsonl`. */
export interface SwitchTrail {
  /** The approver of a promotion, or whoever asked for a rollback. */
  readonly requestedBy: string;
  /** The approver's comment, or the rollback's reason; absent when none was given. */
  readonly reason?: string;
  /** The workflow that made the switch. */
  readonly workflowId?: string;
}

/** One line of `history.jsonl`: a production switch (lines written before trails existed have none). */
export interface SwitchHistoryEntry extends Partial<SwitchTrail> {
  readonly action: 'promote' | 'rollback';
  readonly production: string;
  readonly previous: string | null;
}

/** A line of `history.jsonl` as read back, with the time it was written. */
export interface SwitchRecord extends SwitchHistoryEntry {
  readonly at: string;
}

/** Parses one stored switch record. */
export const switchRecordSchema = z.object({
  at: z.string(),
  action: z.enum(['promote', 'rollback']),
  production: z.string(),
  previous: z.string().nullable(),
  requestedBy: z.string().optional(),
  reason: z.string().optional(),
  workflowId: z.string().optional(),
});
