/**
 * What `legalaid-mlops` exits with, so scripts and CI can tell "the command was
 * wrong or refused" from "the run it reports on failed".
 */
export const ExitCode = {
  /** Done as asked. */
  Ok: 0,
  /** The command failed or was refused: a bad argument, a path that is not a file, a retrain already in progress, no server. */
  Failed: 1,
  /** The workflow the command started, followed or looked at failed, was terminated, cancelled or timed out. */
  RunFailed: 2,
  /** `drift compare --fail-on-drift` found dataset drift; `outcomes import` met unknown or conflicting prediction ids. */
  DriftFound: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** The exit codes in words, for `--help`. */
export const EXIT_CODES_HELP = [
  'Exit codes:',
  '  0  done',
  '  1  the command failed or was refused (bad argument, not a file, a retrain already in progress, no server)',
  '  2  the workflow it started, followed or shows failed, was terminated, cancelled or timed out',
  '  3  drift compare --fail-on-drift found dataset drift; outcomes import met unknown or conflicting ids',
].join('\n');
