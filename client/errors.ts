import { ExitCode } from './exit-codes';

/** An error the CLI reports with its message alone (no stack) and a chosen exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode = ExitCode.Failed,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
