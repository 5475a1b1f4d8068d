/**
 * The one error contract. Services and repositories throw these; the error middleware maps each
 * to its HTTP status, and shows its message only when `expose` says it was written for users.
 * A message may be a key of the staff catalogue with `vars` for its placeholders: pages show it in
 * the reader's language, the API and the logs in English.
 */
export abstract class AppError extends Error {
  abstract readonly status: number;
  /** A stable, machine-readable code, returned by the API as `error.code`. */
  abstract readonly code: string;
  /** Whether `message` was written for the user; otherwise a generic text for the status is shown. */
  readonly expose: boolean = true;

  constructor(
    message: string,
    /** Field messages, keyed by form field or JSON property. */
    readonly fields: Record<string, string[]> = {},
    /** Placeholders of a message that is a catalogue key ("{{name}}"). */
    readonly vars: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** One kind of error: its HTTP status, its API code and whether its message was written for users. */
function errorKind(status: number, code: string, expose = true) {
  return class extends AppError {
    readonly status = status;
    readonly code = code;
    override readonly expose = expose;
  };
}

/** The object does not exist or the actor may not know that it does. The message is for logs only. */
export class NotFoundError extends errorKind(404, 'not_found', false) {}

/** The actor may not do this. The message is for logs only. */
export class ForbiddenError extends errorKind(403, 'forbidden', false) {}

/** The request conflicts with the object's state (already launched, already resolved…). */
export class ConflictError extends errorKind(409, 'conflict') {}

/** A malformed request: a query string or body that fails its schema outside a form. */
export class BadRequestError extends errorKind(400, 'bad_request') {}

export class UnsupportedMediaTypeError extends errorKind(415, 'unsupported_media_type') {}

/** A business-rule violation on user input, shown beside the field it concerns. */
export class ValidationError extends errorKind(422, 'invalid') {}

export class TooManyRequestsError extends errorKind(429, 'too_many_requests') {}

/** The database is busy or cannot write right now; the user should try again shortly. */
export class UnavailableError extends errorKind(503, 'unavailable') {}
