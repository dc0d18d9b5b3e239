import { temporalConnectionFromEnv } from '../src/config/temporal';

/**
 * The Temporal UI page of a workflow, when `TEMPORAL_UI_URL` says where the UI of
 * the server in use is; undefined otherwise. No guess: `localhost:8233` is only
 * the dev server's UI, and a link to it while `TEMPORAL_ADDRESS` points at
 * another server would show another server's workflows (or nothing).
 * `npm run pipeline` sets the variable when it starts the dev server itself.
 */
export function workflowUiLink(workflowId: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const ui = env.TEMPORAL_UI_URL?.trim(); // CI passes an empty string when the variable is unset
  if (!ui) return undefined;
  const { namespace } = temporalConnectionFromEnv(env);
  return `${ui.replace(/\/+$/, '')}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(workflowId)}`;
}
