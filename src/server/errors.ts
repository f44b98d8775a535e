/** The one application error: a closed set of codes for programs, a Chinese message for users. */

/** Error codes and their HTTP statuses. */
export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  ACCOUNT_LOCKED: 423,
  NOT_FOUND: 404,
  CONFLICT: 409,
  UNPROCESSABLE: 422,
  TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL: 500,
} as const;
export type TErrorCode = keyof typeof ERROR_STATUS;

/** Thrown by use cases and routes; mapped to HTTP in one error handler. */
export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: TErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
  /** The HTTP status of this error. */
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}
