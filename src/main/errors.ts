/** A problem with what the person gave us (a file, an argument): shown as is, in Chinese; CLI exit code 2. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/** A save made from an older revision than the stored one: refused so nobody's work is overwritten. */
export class ConflictError extends InputError {
  constructor(
    message: string,
    readonly storedRevision: number,
  ) {
    super(message);
    this.name = 'ConflictError';
  }
}
