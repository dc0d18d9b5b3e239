/**
 * On promotion: the model version's files become artifacts of the MLflow run
 * (under `model/`, through the server's artifact proxy), a version of the
 * registered model is created from them (`runs:/<run>/model`, linked to the
 * run) and the `champion` alias is pointed at it — unless a later promotion
 * already holds the alias, so a late retry never moves it back.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { RunRecord } from '../run-record';
import type { KeyValue, MlflowClient } from './client';
import { CHAMPION_ALIAS } from './config';
import { RECORD_ID_TAG, RunTag } from './run-payload';
import type { MlflowRun } from './schemas';

/** Where the artifacts of a registered version go inside the run. */
export const MODEL_ARTIFACT_PATH = 'model';
/** Model-version tag: when the pipeline promoted it (ISO time); orders champions. */
export const PROMOTED_AT_TAG = 'legalaid.promoted_at';
/** Model-version tag: the version's folder in the pipeline's registry. */
export const MODEL_DIR_TAG = 'legalaid.model_dir';

/** Minimal logger (pino-compatible). */
export interface MirrorLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

/** What happened in the model registry. */
export interface RegisteredVersion {
  readonly name: string;
  readonly version: string;
  readonly source: string;
  /** Whether the version holds the champion alias after this call. */
  readonly champion: boolean;
  /** Files uploaded as the run's `model/` artifacts (0 when the version existed already or the store is not proxied). */
  readonly uploadedFiles: number;
}

/**
 * Registers a promoted record's model version in MLflow and sets the champion
 * alias. Idempotent: an existing version of the same run is reused.
 *
 * @param modelDir - absolute folder of the model version's files, uploaded when the
 *   run's artifact store is the tracking server's proxy (`mlflow-artifacts:`)
 * @throws MlflowError
 */
export async function registerPromotedModel(
  client: MlflowClient,
  input: {
    readonly record: RunRecord & { readonly modelVersion: string };
    readonly run: MlflowRun;
    readonly registeredModelName: string;
    readonly modelDir?: string;
    readonly logger?: MirrorLogger;
  },
): Promise<RegisteredVersion> {
  const { record, run, registeredModelName: name, logger } = input;
  const runId = run.info.run_id;
  const promotedAt = record.endedAt ?? record.startedAt;
  await client.createRegisteredModel(name, 'LegalAid Connect client–lawyer matchmaking model (tfjs DNN).');

  let uploadedFiles = 0;
  const source = `runs:/${runId}/${MODEL_ARTIFACT_PATH}`;
  let [version] = await client.searchModelVersions(`name='${name}' and run_id='${runId}'`);
  if (!version) {
    if (input.modelDir) uploadedFiles = await uploadModelFiles(client, run, input.modelDir, logger);
    const tags: KeyValue[] = [
      { key: RunTag.ModelVersion, value: record.modelVersion },
      { key: RECORD_ID_TAG, value: record.id },
      { key: PROMOTED_AT_TAG, value: promotedAt },
      { key: MODEL_DIR_TAG, value: record.artifacts.model ?? `models/versions/${record.modelVersion}` },
      ...(record.datasetMd5 ? [{ key: RunTag.DatasetMd5, value: record.datasetMd5 }] : []),
    ];
    version = await client.createModelVersion({
      name,
      source,
      runId,
      tags,
      description: `Pipeline version ${record.modelVersion}, promoted ${promotedAt} (run record ${record.id}).`,
    });
  }

  const champion = await moveChampionAlias(client, name, version.version, promotedAt, logger);
  return { name, version: version.version, source, champion, uploadedFiles };
}

/** Points the champion alias at `version` unless it is held by a version promoted later. */
async function moveChampionAlias(
  client: MlflowClient,
  name: string,
  version: string,
  promotedAt: string,
  logger: MirrorLogger | undefined,
): Promise<boolean> {
  const model = await client.getRegisteredModel(name);
  const current = model.aliases.find((alias) => alias.alias === CHAMPION_ALIAS);
  if (current?.version === version) return true;
  if (current) {
    const holder = await client.getModelVersion(name, current.version);
    const holderPromotedAt = holder.tags.find((tag) => tag.key === PROMOTED_AT_TAG)?.value;
    if (holderPromotedAt !== undefined && holderPromotedAt > promotedAt) {
      logger?.info(
        { name, version, champion: current.version, holderPromotedAt, promotedAt },
        `MLflow alias "${CHAMPION_ALIAS}" stays on the later promotion`,
      );
      return false;
    }
  }
  await client.setRegisteredModelAlias(name, CHAMPION_ALIAS, version);
  return true;
}

/**
 * Uploads every file of the version folder to `<run artifacts>/model/`. Only
 * possible when the run's artifacts live behind the server's proxy
 * (`mlflow-artifacts:`, the default of `mlflow server`); otherwise the version
 * is registered without files and a warning says where they are.
 */
async function uploadModelFiles(
  client: MlflowClient,
  run: MlflowRun,
  modelDir: string,
  logger: MirrorLogger | undefined,
): Promise<number> {
  const root = proxiedArtifactRoot(run.info.artifact_uri);
  if (root === undefined) {
    logger?.warn(
      { artifactUri: run.info.artifact_uri, modelDir },
      'MLflow run artifacts are not served by the tracking server (--no-serve-artifacts?): ' +
        'the registered version has no files; they stay in the pipeline registry',
    );
    return 0;
  }
  const entries = await fs.readdir(modelDir, { withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => entry.name);
  for (const file of files.sort()) {
    const bytes = await fs.readFile(path.join(modelDir, file));
    await client.uploadArtifact(`${root}/${MODEL_ARTIFACT_PATH}/${file}`, bytes);
  }
  return files.length;
}

/**
 * The path under the artifact proxy of a run's artifact URI
 * (`mlflow-artifacts:/1/<run>/artifacts` → `1/<run>/artifacts`), or undefined
 * when the artifacts are stored elsewhere (S3, a folder on the server).
 */
export function proxiedArtifactRoot(artifactUri: string | undefined): string | undefined {
  const scheme = 'mlflow-artifacts:';
  if (!artifactUri?.startsWith(scheme)) return undefined;
  let rest = artifactUri.slice(scheme.length);
  if (rest.startsWith('//')) rest = rest.slice(2).replace(/^[^/]*/, ''); // mlflow-artifacts://host:port/path
  const trimmed = rest.replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? undefined : trimmed;
}
