/**
 * A small typed client for the MLflow REST API 2.0 (tracking and model
 * registry), checked against MLflow 3.17's `mlflow server`. Only the endpoints
 * the run mirror uses; every method documents its endpoint.
 */
import { z } from 'zod';
import type { MlflowSettings } from './config';
import { MlflowError } from './errors';
import { MlflowHttp } from './http';
import {
  emptySchema,
  experimentSchema,
  metricSchema,
  modelVersionSchema,
  registeredModelSchema,
  runSchema,
  type MlflowExperiment,
  type MlflowMetric,
  type MlflowModelVersion,
  type MlflowRegisteredModel,
  type MlflowRun,
} from './schemas';

const API = '/api/2.0/mlflow';

/** A tag or param as MLflow stores it. */
export interface KeyValue {
  readonly key: string;
  readonly value: string;
}

/** A metric value to log; `timestamp` in ms since the epoch. */
export interface MetricInput {
  readonly key: string;
  readonly value: number;
  readonly timestamp: number;
  readonly step: number;
}

/** MLflow's run statuses. */
export type MlflowRunStatus = 'RUNNING' | 'SCHEDULED' | 'FINISHED' | 'FAILED' | 'KILLED';

/** True when `error` is MLflow's answer that the thing asked for does not exist. */
export function isNotFound(error: unknown): boolean {
  return error instanceof MlflowError && error.errorCode === 'RESOURCE_DOES_NOT_EXIST';
}

/** True when `error` is MLflow's answer that the thing to create exists already. */
export function isAlreadyExists(error: unknown): boolean {
  return error instanceof MlflowError && error.errorCode === 'RESOURCE_ALREADY_EXISTS';
}

/** MLflow REST API client; every method throws {@link MlflowError} naming its endpoint. */
export class MlflowClient {
  private readonly http: MlflowHttp;

  constructor(
    settings: Pick<MlflowSettings, 'trackingUri' | 'timeoutMs' | 'username' | 'password' | 'token'>,
  ) {
    this.http = new MlflowHttp(settings);
  }

  /** `GET experiments/get-by-name`; undefined when there is none (deleted ones are returned). */
  async getExperimentByName(name: string): Promise<MlflowExperiment | undefined> {
    try {
      const body = await this.http.send({
        method: 'GET',
        path: `${API}/experiments/get-by-name`,
        query: { experiment_name: name },
        schema: z.object({ experiment: experimentSchema }),
      });
      return body.experiment;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /** `POST experiments/create`; returns the new experiment's id. */
  async createExperiment(name: string, tags: readonly KeyValue[] = []): Promise<string> {
    const body = await this.http.send({
      method: 'POST',
      path: `${API}/experiments/create`,
      json: { name, tags },
      schema: z.object({ experiment_id: z.string() }),
    });
    return body.experiment_id;
  }

  /** `POST runs/search` in some experiments (active runs only). */
  async searchRuns(input: {
    experimentIds: readonly string[];
    filter: string;
    maxResults?: number;
    orderBy?: readonly string[];
  }): Promise<MlflowRun[]> {
    const body = await this.http.send({
      method: 'POST',
      path: `${API}/runs/search`,
      json: {
        experiment_ids: input.experimentIds,
        filter: input.filter,
        max_results: input.maxResults ?? 100,
        ...(input.orderBy ? { order_by: input.orderBy } : {}),
      },
      schema: z.object({ runs: z.array(runSchema).optional().default([]) }),
    });
    return body.runs;
  }

  /** `POST runs/create`. Tags set here are stored with the run atomically. */
  async createRun(input: {
    experimentId: string;
    runName: string;
    startTime: number;
    tags: readonly KeyValue[];
  }): Promise<MlflowRun> {
    const body = await this.http.send({
      method: 'POST',
      path: `${API}/runs/create`,
      json: {
        experiment_id: input.experimentId,
        run_name: input.runName,
        start_time: input.startTime,
        tags: input.tags,
      },
      schema: z.object({ run: runSchema }),
    });
    return body.run;
  }

  /** `GET runs/get`. */
  async getRun(runId: string): Promise<MlflowRun> {
    const body = await this.http.send({
      method: 'GET',
      path: `${API}/runs/get`,
      query: { run_id: runId },
      schema: z.object({ run: runSchema }),
    });
    return body.run;
  }

  /** `POST runs/update`: status and end time. */
  async updateRun(input: { runId: string; status: MlflowRunStatus; endTime?: number }): Promise<void> {
    await this.http.send({
      method: 'POST',
      path: `${API}/runs/update`,
      json: {
        run_id: input.runId,
        status: input.status,
        ...(input.endTime !== undefined ? { end_time: input.endTime } : {}),
      },
      schema: emptySchema,
    });
  }

  /**
   * `POST runs/log-batch`. MLflow's limits per request are 1000 metrics, 100
   * params, 100 tags and 1000 items in all: split larger batches first
   * (see `splitBatch`). Params may not change once logged; tags may.
   */
  async logBatch(input: {
    runId: string;
    metrics?: readonly MetricInput[];
    params?: readonly KeyValue[];
    tags?: readonly KeyValue[];
  }): Promise<void> {
    await this.http.send({
      method: 'POST',
      path: `${API}/runs/log-batch`,
      json: {
        run_id: input.runId,
        metrics: input.metrics ?? [],
        params: input.params ?? [],
        tags: input.tags ?? [],
      },
      schema: emptySchema,
    });
  }

  /** `GET metrics/get-history`: every value of one metric, following pages. */
  async getMetricHistory(runId: string, metricKey: string): Promise<MlflowMetric[]> {
    const metrics: MlflowMetric[] = [];
    let pageToken: string | undefined;
    do {
      const body = await this.http.send({
        method: 'GET',
        path: `${API}/metrics/get-history`,
        query: { run_id: runId, metric_key: metricKey, ...(pageToken ? { page_token: pageToken } : {}) },
        schema: z.object({
          metrics: z.array(metricSchema).optional().default([]),
          next_page_token: z.string().optional(),
        }),
      });
      metrics.push(...body.metrics);
      pageToken = body.next_page_token || undefined;
    } while (pageToken);
    return metrics;
  }

  /** `PUT mlflow-artifacts/artifacts/<path>`: uploads one file through the server's artifact proxy. */
  async uploadArtifact(artifactPath: string, bytes: Uint8Array): Promise<void> {
    const encoded = artifactPath.split('/').map(encodeURIComponent).join('/');
    await this.http.send({
      method: 'PUT',
      path: `/api/2.0/mlflow-artifacts/artifacts/${encoded}`,
      bytes,
      schema: emptySchema,
    });
  }

  /** `POST registered-models/create`; false when it exists already. */
  async createRegisteredModel(name: string, description?: string): Promise<boolean> {
    try {
      await this.http.send({
        method: 'POST',
        path: `${API}/registered-models/create`,
        json: { name, ...(description ? { description } : {}) },
        schema: emptySchema,
      });
      return true;
    } catch (error) {
      if (isAlreadyExists(error)) return false;
      throw error;
    }
  }

  /** `GET registered-models/get`, with its aliases. */
  async getRegisteredModel(name: string): Promise<MlflowRegisteredModel> {
    const body = await this.http.send({
      method: 'GET',
      path: `${API}/registered-models/get`,
      query: { name },
      schema: z.object({ registered_model: registeredModelSchema }),
    });
    return body.registered_model;
  }

  /** `GET model-versions/search`, e.g. `name='m' and run_id='abc'`. */
  async searchModelVersions(filter: string): Promise<MlflowModelVersion[]> {
    const body = await this.http.send({
      method: 'GET',
      path: `${API}/model-versions/search`,
      query: { filter, max_results: '200' },
      schema: z.object({ model_versions: z.array(modelVersionSchema).optional().default([]) }),
    });
    return body.model_versions;
  }

  /** `GET model-versions/get`. */
  async getModelVersion(name: string, version: string): Promise<MlflowModelVersion> {
    const body = await this.http.send({
      method: 'GET',
      path: `${API}/model-versions/get`,
      query: { name, version },
      schema: z.object({ model_version: modelVersionSchema }),
    });
    return body.model_version;
  }

  /** `POST model-versions/create`. */
  async createModelVersion(input: {
    name: string;
    source: string;
    runId: string;
    tags: readonly KeyValue[];
    description?: string;
  }): Promise<MlflowModelVersion> {
    const body = await this.http.send({
      method: 'POST',
      path: `${API}/model-versions/create`,
      json: {
        name: input.name,
        source: input.source,
        run_id: input.runId,
        tags: input.tags,
        ...(input.description ? { description: input.description } : {}),
      },
      schema: z.object({ model_version: modelVersionSchema }),
    });
    return body.model_version;
  }

  /** `POST registered-models/alias`: points `alias` at `version` (moving it if it pointed elsewhere). */
  async setRegisteredModelAlias(name: string, alias: string, version: string): Promise<void> {
    await this.http.send({
      method: 'POST',
      path: `${API}/registered-models/alias`,
      json: { name, alias, version },
      schema: emptySchema,
    });
  }
}
