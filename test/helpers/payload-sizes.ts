import { temporal } from '@temporalio/proto';

const EventType = temporal.api.enums.v1.EventType;

/** One payload found in a workflow's history (or another API response), with where it was. */
export interface MeasuredPayload {
  /** e.g. `#12 ACTIVITY_TASK_COMPLETED result.payloads[0]` */
  readonly where: string;
  /** Bytes of data plus metadata, as it travels. */
  readonly bytes: number;
}

function isPayload(value: object): value is temporal.api.common.v1.IPayload {
  return 'data' in value && value.data instanceof Uint8Array;
}

function payloadBytes(payload: temporal.api.common.v1.IPayload): number {
  let bytes = payload.data?.length ?? 0;
  for (const [key, value] of Object.entries(payload.metadata ?? {})) bytes += key.length + value.length;
  return bytes;
}

/**
 * Every `Payload` anywhere inside `message` (inputs, results, heartbeat details,
 * failures' details, signal and update arguments, memo, search attributes…),
 * found by walking the decoded protobuf objects, so no field is forgotten.
 */
export function findPayloads(message: unknown, where = ''): MeasuredPayload[] {
  const found: MeasuredPayload[] = [];
  const walk = (value: unknown, at: string): void => {
    if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return;
    if (isPayload(value)) {
      found.push({ where: at, bytes: payloadBytes(value) });
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, `${at}[${i}]`));
      return;
    }
    for (const [key, child] of Object.entries(value)) walk(child, at === '' ? key : `${at}.${key}`);
  };
  walk(message, where);
  return found;
}

/** The payloads of every event of a history, and each event's encoded size. */
export function measureHistory(history: temporal.api.history.v1.IHistory): {
  payloads: MeasuredPayload[];
  events: MeasuredPayload[];
} {
  const payloads: MeasuredPayload[] = [];
  const events: MeasuredPayload[] = [];
  for (const event of history.events ?? []) {
    const label = `#${String(event.eventId)} ${EventType[event.eventType ?? 0]?.replace('EVENT_TYPE_', '')}`;
    payloads.push(...findPayloads(event, '').map((p) => ({ ...p, where: `${label} ${p.where}` })));
    const encoded = temporal.api.history.v1.HistoryEvent.encode(event).finish().length;
    events.push({ where: label, bytes: encoded });
  }
  return { payloads, events };
}

/** The largest of `measured`, or undefined when empty. */
export function largest(measured: readonly MeasuredPayload[]): MeasuredPayload | undefined {
  return measured.reduce<MeasuredPayload | undefined>(
    (max, m) => (!max || m.bytes > max.bytes ? m : max),
    undefined,
  );
}
