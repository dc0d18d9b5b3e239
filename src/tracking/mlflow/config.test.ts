import { DEFAULT_EXPERIMENT_NAME, mlflowSettingsFromEnv } from './config';
import { MlflowConfigError } from './errors';
import { proxiedArtifactRoot } from './register-model';

describe('mlflowSettingsFromEnv', () => {
  it('is off without MLFLOW_TRACKING_URI', () => {
    expect(mlflowSettingsFromEnv({})).toBeUndefined();
    expect(mlflowSettingsFromEnv({ MLFLOW_TRACKING_URI: '  ' })).toBeUndefined();
  });

  it("reads MLflow's own variables and moves credentials out of the URI", () => {
    expect(
      mlflowSettingsFromEnv({ MLFLOW_TRACKING_URI: 'https://ana:p%40ss@mlflow.example/prefix/' }),
    ).toEqual({
      trackingUri: 'https://mlflow.example/prefix',
      experimentName: DEFAULT_EXPERIMENT_NAME,
      registeredModelName: 'legalaid-matchmaking',
      username: 'ana',
      password: 'p@ss',
      timeoutMs: 15_000,
    });
    expect(
      mlflowSettingsFromEnv({
        MLFLOW_TRACKING_URI: 'http://mlflow:5000',
        MLFLOW_EXPERIMENT_NAME: 'Other',
        MLFLOW_TRACKING_TOKEN: 'tok',
      }),
    ).toMatchObject({ trackingUri: 'http://mlflow:5000', experimentName: 'Other', token: 'tok' });
  });

  it('refuses URIs only the Python client understands, saying why', () => {
    expect(() => mlflowSettingsFromEnv({ MLFLOW_TRACKING_URI: 'sqlite:///mlflow.db' })).toThrow(
      MlflowConfigError,
    );
    expect(() => mlflowSettingsFromEnv({ MLFLOW_TRACKING_URI: 'file:///tmp/mlruns' })).toThrow(
      /must be the http\(s\) URL of an MLflow tracking server; "file:"/,
    );
    expect(() => mlflowSettingsFromEnv({ MLFLOW_TRACKING_URI: './mlruns' })).toThrow(/is not a URL/);
  });
});

describe('proxiedArtifactRoot', () => {
  it("finds the proxy path of a run's artifacts, and nothing for other stores", () => {
    expect(proxiedArtifactRoot('mlflow-artifacts:/1/abc/artifacts')).toBe('1/abc/artifacts');
    expect(proxiedArtifactRoot('mlflow-artifacts://host:5000/1/abc/artifacts/')).toBe('1/abc/artifacts');
    expect(proxiedArtifactRoot('s3://bucket/1/abc/artifacts')).toBeUndefined();
    expect(proxiedArtifactRoot('/srv/mlruns/1/abc/artifacts')).toBeUndefined();
    expect(proxiedArtifactRoot(undefined)).toBeUndefined();
  });
});
