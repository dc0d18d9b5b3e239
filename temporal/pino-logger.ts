import type { LogLevel, LogMetadata, Logger } from '@temporalio/common';
import { serializeError, type AppLogger } from '../src/logging/logger';

/**
 * Adapts a pino logger to the Temporal SDK's `Logger` interface so the Runtime's
 * logs (worker lifecycle, workflow and activity context loggers, forwarded core
 * logs) land in the same JSON stream as ours. Errors in the metadata (the SDK
 * logs a failed activity as `{ error }`) are serialized with their message and
 * cause chain, also when the pino logger was built without our serializers.
 */
export class PinoTemporalLogger implements Logger {
  constructor(private readonly pinoLogger: AppLogger) {}

  log(level: LogLevel, message: string, meta?: LogMetadata): void {
    const method = level === 'TRACE' ? 'trace' : (level.toLowerCase() as 'debug' | 'info' | 'warn' | 'error');
    const fields = Object.fromEntries(
      Object.entries(meta ?? {}).map(([key, value]) => [key, serializeError(value)]),
    );
    this.pinoLogger[method](fields, message);
  }
  trace(message: string, meta?: LogMetadata): void {
    this.log('TRACE', message, meta);
  }
  debug(message: string, meta?: LogMetadata): void {
    this.log('DEBUG', message, meta);
  }
  info(message: string, meta?: LogMetadata): void {
    this.log('INFO', message, meta);
  }
  warn(message: string, meta?: LogMetadata): void {
    this.log('WARN', message, meta);
  }
  error(message: string, meta?: LogMetadata): void {
    this.log('ERROR', message, meta);
  }
}
