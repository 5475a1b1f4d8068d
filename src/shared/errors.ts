/** Thrown by services; the error middleware maps each to its HTTP status. */
export class NotFoundError extends Error {
  readonly status = 404;
}
export class ForbiddenError extends Error {
  readonly status = 403;
}
export class ConflictError extends Error {
  readonly status = 409;
}
/** A business-rule violation on user input, shown beside the field it concerns. */
export class ValidationError extends Error {
  readonly status = 422;
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string[]> = {},
  ) {
    super(message);
  }
}
export class TooManyRequestsError extends Error {
  readonly status = 429;
}
