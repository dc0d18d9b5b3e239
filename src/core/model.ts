/** The model this pipeline trains; workflow IDs, schedules, locks and alerts are scoped by it. */
export const MODEL_NAME = 'matchmaking';
