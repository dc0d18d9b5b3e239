/**
 * Where an experiment's report goes and how it is written:
 * `reports/experiments/<experiment id>.html` and `.json` (the status it was
 * rendered from, with the time), each replaced atomically. Used by the
 * experiment workflow's report activity when the experiment ends and by
 * `experiment report <id>` on demand.
 */
import path from 'node:path';
import { safeSegment } from '../config/scratch-dir';
import { writeFileAtomic } from '../fs/atomic-write';
import { renderExperimentReport, type ExperimentReportInput } from './experiment-report';

/** Input of {@link writeExperimentReport}. */
export interface WriteExperimentReportInput {
  /** The folder for the two files: {@link experimentReportsDir}, or the CLI's `--out`. */
  readonly dir: string;
  readonly status: ExperimentReportInput;
  /** When the report is made (ISO-8601). */
  readonly createdAt: string;
}

/** The two files written. */
export interface WriteExperimentReportResult {
  readonly htmlPath: string;
  readonly jsonPath: string;
}

/** Where experiment reports go in a project: `<reports>/experiments`. */
export function experimentReportsDir(reportsDir: string): string {
  return path.join(reportsDir, 'experiments');
}

/** Renders the report and writes the HTML and the JSON it was made from. */
export async function writeExperimentReport(
  input: WriteExperimentReportInput,
): Promise<WriteExperimentReportResult> {
  const base = path.join(input.dir, safeSegment(input.status.experimentId));
  const page = await renderExperimentReport(input.status, input.createdAt);
  await writeFileAtomic(`${base}.html`, page);
  await writeFileAtomic(
    `${base}.json`,
    `${JSON.stringify({ createdAt: input.createdAt, status: input.status }, null, 2)}\n`,
  );
  return { htmlPath: `${base}.html`, jsonPath: `${base}.json` };
}
