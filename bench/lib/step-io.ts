/**
 * The contract of a bench step (`bench/steps/*.ts`): arguments as JSON in
 * `argv[2]`, one JSON line on stdout at the end, errors on stderr with exit 1.
 */

/** Resident set size now, in MiB. */
export function rssMb(): number {
  return process.memoryUsage().rss / 2 ** 20;
}

/** Peak resident set size of this process so far, in MiB (`getrusage` maxrss). */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/**
 * Runs a step: parses its JSON argument, awaits `body`, prints the result with
 * the process's peak RSS as one JSON line, and exits non-zero on any error.
 */
export function runStep<A, R extends object>(body: (args: A) => Promise<R>): void {
  const parse = (): A => JSON.parse(process.argv[2] ?? '{}') as A;
  body(parse())
    .then((result) => {
      process.stdout.write(`${JSON.stringify({ ...result, peakRssMb: peakRssMb() })}\n`);
      // Some libraries (the Temporal runtime, wasm threads) keep handles open.
      process.exit(0);
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error);
      process.exit(1);
    });
}
