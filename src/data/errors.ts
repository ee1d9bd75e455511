/**
 * Error for input that cannot become a dataset: a missing path, an unreadable or malformed file,
 * or a folder with no usable images. The message names the path and states what was expected, so
 * a command-line tool can print it without a stack trace.
 */
export class DatasetError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatasetError';
  }
}

/** Returns the message of a caught value, which may not be an Error. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
