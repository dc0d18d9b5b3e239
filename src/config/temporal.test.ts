import { temporalConnectOptions, temporalConnectionFromEnv } from './temporal';

describe('the Temporal connection settings', () => {
  it('default to the local dev server without TLS', () => {
    const config = temporalConnectionFromEnv({});
    expect(config).toEqual({ address: 'localhost:7233', namespace: 'default', tls: false });
    expect(temporalConnectOptions(config)).toEqual({ address: 'localhost:7233' });
  });

  it('turn TLS on with an API key (Temporal Cloud), and pass the key', () => {
    const config = temporalConnectionFromEnv({
      TEMPORAL_ADDRESS: ' eu-west-1.aws.api.temporal.io:7233 ',
      TEMPORAL_NAMESPACE: 'legalaid.a1b2c',
      TEMPORAL_API_KEY: 'secret',
    });
    expect(temporalConnectOptions(config)).toEqual({
      address: 'eu-west-1.aws.api.temporal.io:7233',
      tls: true,
      apiKey: 'secret',
    });
    expect(config.namespace).toBe('legalaid.a1b2c');
  });

  it('turn TLS on without a key when TEMPORAL_TLS=true, and ignore blank values', () => {
    const config = temporalConnectionFromEnv({
      TEMPORAL_ADDRESS: 'temporal.internal:7233',
      TEMPORAL_TLS: 'true',
      TEMPORAL_API_KEY: '  ',
      TEMPORAL_NAMESPACE: '',
    });
    expect(temporalConnectOptions(config)).toEqual({ address: 'temporal.internal:7233', tls: true });
    expect(config.namespace).toBe('default');
  });
});
