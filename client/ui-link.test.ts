import { workflowUiLink } from './ui-link';

describe('workflowUiLink', () => {
  it('is absent unless TEMPORAL_UI_URL names the UI of the server in use', () => {
    expect(workflowUiLink('retrain-matchmaking-abc', {})).toBeUndefined();
    expect(
      workflowUiLink('retrain-matchmaking-abc', { TEMPORAL_ADDRESS: 'temporal.internal:7233' }),
    ).toBeUndefined();
    expect(workflowUiLink('retrain-matchmaking-abc', { TEMPORAL_UI_URL: '' })).toBeUndefined();
  });

  it('links the workflow in the namespace in use', () => {
    expect(
      workflowUiLink('retrain-matchmaking-abc', {
        TEMPORAL_UI_URL: 'https://temporal-ui.internal/',
        TEMPORAL_NAMESPACE: 'legal aid',
      }),
    ).toBe('https://temporal-ui.internal/namespaces/legal%20aid/workflows/retrain-matchmaking-abc');
  });
});
