import pino from 'pino';

/** The project's structured logger type. */
export type AppLogger = pino.Logger;

/**
 * An error as a log field: pino's `errWithCause` (type, message, stack, own
 * fields) for the error and, nested, every cause; plus `failureType` when the
 * error carries one (a Temporal `ApplicationFailure`'s `type`, e.g.
 * InvalidDataset), which the serializer's own `type` (the class) would hide.
 * Anything that is not an Error is logged as it is.
 */
export function serializeError(value: unknown): unknown {
  if (!(value instanceof Error)) return value;
  const out = pino.stdSerializers.errWithCause(value) as unknown as Record<string, unknown>;
  const failureType = (value as { type?: unknown }).type;
  if (typeof failureType === 'string') out.failureType = failureType;
  if (value.cause instanceof Error) out.cause = serializeError(value.cause);
  return out;
}

/**
 * Serializers for the keys errors are logged under: ours (`err`) and the
 * Temporal SDK's (`error`, `failure`), so a failure's message and cause chain
 * reach the log instead of only its enumerable fields.
 */
export const LOG_SERIALIZERS = { err: serializeError, error: serializeError, failure: serializeError };

/**
 * Creates the root pino logger. JSON lines on stderr by default, so stdout stays
 * free for command output; `LOG_LEVEL` sets the level (default `info`) and
 * `LOG_PRETTY=1` switches to pino-pretty for humans.
 */
export function createLogger(name: string, env: NodeJS.ProcessEnv = process.env): AppLogger {
  const level = env.LOG_LEVEL ?? 'info';
  if (env.LOG_PRETTY === '1') {
    return pino({
      name,
      level,
      serializers: LOG_SERIALIZERS,
      transport: {
        target: 'pino-pretty',
        options: { destination: 2, colorize: true, ignore: 'pid,hostname' },
      },
    });
  }
  return pino({ name, level, serializers: LOG_SERIALIZERS }, pino.destination(2));
}
