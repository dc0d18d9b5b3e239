/**
 * Where and how runs are mirrored to MLflow, read from the worker's environment.
 * Only an MLflow tracking server's REST API is supported (no Python, no local
 * `mlruns` folder or database URI).
 */
import { MlflowConfigError } from './errors';

/** The MLflow experiment every run record goes to unless MLFLOW_EXPERIMENT_NAME says otherwise. */
export const DEFAULT_EXPERIMENT_NAME = 'LegalAid_Connect_Matchmaking';
/** The registered model whose versions are the promoted models. */
export const DEFAULT_REGISTERED_MODEL_NAME = 'legalaid-matchmaking';
/** The alias that follows production. */
export const CHAMPION_ALIAS = 'champion';
/** Per-request timeout. */
export const DEFAULT_MLFLOW_TIMEOUT_MS = 15_000;

/** Everything the MLflow client and the mirror need. */
export interface MlflowSettings {
  /** Base URL of the tracking server, e.g. `http://mlflow:5000` (credentials removed). */
  readonly trackingUri: string;
  readonly experimentName: string;
  readonly registeredModelName: string;
  /** Basic auth (MLFLOW_TRACKING_USERNAME / _PASSWORD, or user:pass in the URI). */
  readonly username?: string;
  readonly password?: string;
  /** Bearer token (MLFLOW_TRACKING_TOKEN); wins over basic auth. */
  readonly token?: string;
  readonly timeoutMs: number;
}

/**
 * Reads the MLflow settings from environment variables: `MLFLOW_TRACKING_URI`
 * (unset or empty: mirroring is off and this returns undefined),
 * `MLFLOW_EXPERIMENT_NAME`, `MLFLOW_TRACKING_USERNAME`, `MLFLOW_TRACKING_PASSWORD`,
 * `MLFLOW_TRACKING_TOKEN` — the names MLflow's own clients use.
 *
 * @throws MlflowConfigError when MLFLOW_TRACKING_URI is not an http(s) URL
 */
export function mlflowSettingsFromEnv(env: NodeJS.ProcessEnv): MlflowSettings | undefined {
  const raw = env.MLFLOW_TRACKING_URI?.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new MlflowConfigError(
      `MLFLOW_TRACKING_URI "${raw}" is not a URL; expected e.g. http://mlflow:5000`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new MlflowConfigError(
      `MLFLOW_TRACKING_URI must be the http(s) URL of an MLflow tracking server; "${url.protocol}" URIs ` +
        '(local folders, databases) are only understood by the Python client',
    );
  }
  const username = env.MLFLOW_TRACKING_USERNAME || decodeURIComponent(url.username) || undefined;
  const password = env.MLFLOW_TRACKING_PASSWORD || decodeURIComponent(url.password) || undefined;
  url.username = '';
  url.password = '';
  const token = env.MLFLOW_TRACKING_TOKEN || undefined;
  return {
    trackingUri: url.toString().replace(/\/+$/, ''),
    experimentName: env.MLFLOW_EXPERIMENT_NAME?.trim() || DEFAULT_EXPERIMENT_NAME,
    registeredModelName: DEFAULT_REGISTERED_MODEL_NAME,
    ...(username ? { username } : {}),
    ...(password ? { password } : {}),
    ...(token ? { token } : {}),
    timeoutMs: DEFAULT_MLFLOW_TIMEOUT_MS,
  };
}
