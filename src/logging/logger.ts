import pino from 'pino';

/** The project's structured logger type. */
export type AppLogger = pino.Logger;

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
      transport: {
        target: 'pino-pretty',
        options: { destination: 2, colorize: true, ignore: 'pid,hostname' },
      },
    });
  }
  return pino({ name, level }, pino.destination(2));
}
