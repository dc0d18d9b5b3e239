import { existsSync } from 'node:fs';
import path from 'node:path';
import { SingleBar } from 'cli-progress';
import type { WorkflowHandle } from '@temporalio/client';
import type { retrainWorkflow } from '../workflows';
import { statusQuery, type RetrainResult, type RetrainStatus } from '../workflows/retrain-messages';
import { formatMetricsComparison, formatRetrainExperiment } from './format';

/** Where to print (stdout by default) and how often to poll. */
export interface FollowOptions {
  readonly out?: NodeJS.WritableStream;
  readonly pollMs?: number;
  /** Project root, to point at the project-local `temporal` binary in the printed command. */
  readonly projectRoot?: string;
}

function temporalCommand(projectRoot: string | undefined): string {
  const local = projectRoot ? path.join(projectRoot, '.tools/temporal/bin/temporal') : undefined;
  return local && existsSync(local) ? path.relative(process.cwd(), local) || local : 'temporal';
}

/** Prints the two ways to answer an approval request. */
export function approvalInstructions(workflowId: string, projectRoot?: string): string {
  const temporal = temporalCommand(projectRoot);
  return [
    'Approve with the temporal CLI:',
    `  ${temporal} workflow signal --workflow-id ${workflowId} --name approve --input '{"approver":"<you>","comment":"looks good"}'`,
    'or reject:',
    `  ${temporal} workflow signal --workflow-id ${workflowId} --name reject --input '{"approver":"<you>","comment":"why"}'`,
    "or with this project's CLI:",
    `  npm run cli -- approve ${workflowId} --approver <you> --comment "looks good"`,
  ].join('\n');
}

/**
 * Follows a retrain until it ends: a progress bar while it trains (epoch, loss,
 * validation AUC), the metrics side by side and the approval commands when it
 * waits for a human, and the result at the end.
 */
export async function followRetrain(
  handle: WorkflowHandle<typeof retrainWorkflow>,
  options: FollowOptions = {},
): Promise<RetrainResult> {
  const out = options.out ?? process.stdout;
  const print = (text: string) => out.write(`${text}\n`);
  let bar: SingleBar | undefined;
  let lastStage: RetrainStatus['stage'] | undefined;
  let done = false;
  const result = handle.result().finally(() => {
    done = true;
  });
  result.catch(() => undefined); // awaited below; avoid an unhandled rejection while polling

  while (!done) {
    let status: RetrainStatus | undefined;
    try {
      status = await handle.query(statusQuery);
    } catch {
      status = undefined; // not picked up by a worker yet
    }
    if (status) {
      if (status.stage !== lastStage) {
        if (bar && status.stage !== 'training') {
          bar.stop();
          bar = undefined;
        }
        if (status.stage !== 'training') print(`» ${status.stage.replaceAll('_', ' ')}`);
        if (status.stage === 'experimenting' && status.experiment)
          print(formatRetrainExperiment(status.experiment).join('\n'));
        if (status.stage === 'awaiting_approval' && status.candidateMetrics) {
          print(formatMetricsComparison(status.candidateMetrics, status.production));
          print(`\n${status.verdict?.reason ?? ''}\n`);
          if (status.experiment) print(`${formatRetrainExperiment(status.experiment).join('\n')}\n`);
          print(approvalInstructions(handle.workflowId, options.projectRoot));
          print(`\nWaiting for an answer until ${status.approvalDeadline ?? '?'}…`);
        }
        lastStage = status.stage;
      }
      const p = status.progress;
      if (status.stage === 'training' && p) {
        if (!bar) {
          bar = new SingleBar({
            format: 'training |{bar}| epoch {value}/{total} | loss {loss} | val AUC {auc} (best {best})',
            hideCursor: true,
            stream: out,
            noTTYOutput: true,
            notTTYSchedule: 2000,
          });
          bar.start(p.maxEpochs, 0, { loss: '—', auc: '—', best: '—' });
        }
        bar.update(p.epoch, {
          loss: p.loss.toFixed(4),
          auc: p.valRocAuc?.toFixed(4) ?? '—',
          best: p.bestValRocAuc?.toFixed(4) ?? '—',
        });
      }
    }
    await Promise.race([
      result.catch(() => undefined),
      new Promise((r) => setTimeout(r, options.pollMs ?? 500)),
    ]);
  }
  bar?.stop();
  return result;
}
