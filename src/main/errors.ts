/** A problem with what the person gave us (a file, an argument): shown as is, in Chinese; CLI exit code 2. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}
