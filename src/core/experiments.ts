/** Limits of experiments that workflows check at run time (plain data, no imports). */

/** The largest canary share an experiment may set (half the clients: beyond that it is a rollout). */
export const MAX_CANARY_SHARE = 0.5;
