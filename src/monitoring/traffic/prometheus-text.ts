/**
 * Reads samples from a Prometheus text-format page (exposition format 0.0.4):
 * `name{label="value",…} number [timestamp]`, with `\\`, `\"` and `\n` escapes
 * in label values; comment lines are skipped.
 *
 * Hand-written because the npm parser we tried (parse-prometheus-text-format
 * 1.1.1) merges the series of a labelled histogram into one, which loses the
 * per-route buckets this reads; the format itself is a line per sample.
 */

/** One sample line. */
export interface PrometheusSample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)(\s+-?\d+)?\s*$/;
const LABEL = /\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"\s*,?/y;

function unescape(value: string): string {
  return value.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
}

function parseValue(text: string): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  return Number(text);
}

/** Every sample of the page whose metric name passes `accept`; malformed lines are skipped. */
export function parsePrometheusSamples(
  text: string,
  accept: (name: string) => boolean = () => true,
): PrometheusSample[] {
  const out: PrometheusSample[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = SAMPLE.exec(line);
    if (!match || !accept(match[1]!)) continue;
    const labels: Record<string, string> = {};
    const body = match[3] ?? '';
    LABEL.lastIndex = 0;
    let ok = true;
    while (LABEL.lastIndex < body.length) {
      const start = LABEL.lastIndex;
      const label = LABEL.exec(body);
      if (!label || LABEL.lastIndex === start) {
        ok = body.slice(start).trim() === '';
        break;
      }
      labels[label[1]!] = unescape(label[2]!);
    }
    if (ok) out.push({ name: match[1]!, labels, value: parseValue(match[4]!) });
  }
  return out;
}
