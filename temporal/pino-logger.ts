import type { LogLevel, LogMetadata, Logger } from '@temporalio/common';
import type { AppLogger } from '../src/logging/logger';

/**
 * Adapts a pino logger to the Temporal SDK's `Logger` interface so the Runtime's
 * logs (worker lifecycle, workflow and activity context loggers, forwarded core
 * logs) land in the same JSON stream as ours.
 */
export class PinoTemporalLogger implements Logger {
  constructor(private readonly pinoLogger: AppLogger) {}

  log(level: LogLevel, message: string, meta?: LogMetadata): void {
    const method = level === 'TRACE' ? 'trace' : (level.toLowerCase() as 'debug' | 'info' | 'warn' | 'error');
    this.pinoLogger[method](meta ?? {}, message);
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
