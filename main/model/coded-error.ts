/**
 * The one error shape in main/: `code` is a literal union its callers switch on (and the renderer
 * chooses its words from, once it crosses as a ShoeboxError), `message` is a sentence a person can
 * act on, `cause` keeps what went wrong underneath. Every error class in main/ extends this one;
 * lint refuses `extends Error` elsewhere (docs/architecture.md, "Errors").
 */
export class CodedError<C extends string> extends Error {
  constructor(
    readonly code: C,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}
