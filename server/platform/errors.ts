/**
 * One error vocabulary for the whole API: a stable code, the HTTP status it maps to, and a
 * Chinese message for the user. Internal details of 5xx errors never reach the client.
 */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  ACCOUNT_LOCKED: 423,
  CSRF_FAILED: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  FORBIDDEN: 403,
  OUT_OF_SCOPE: 403,
  NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  CONFLICT: 409,
  INVALID_TRANSITION: 409,
  INSUFFICIENT_POINTS: 409,
  OUT_OF_STOCK: 409,
  FILE_TOO_LARGE: 413,
  UNSUPPORTED_FILE_TYPE: 415,
  IMPORT_INVALID: 422,
  IMPORT_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    /** Shown to the user: Chinese, plain, saying what to do. */
    readonly userMessage: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(`${code}: ${userMessage}`);
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what = '记录') => new AppError('NOT_FOUND', `${what}不存在或不在您的管辖范围内`);

/** Turns PostgreSQL errors that mean "your input clashes" into domain errors. */
export function fromDatabaseError(e: unknown): AppError | null {
  const err = e as { code?: string; constraint?: string; detail?: string };
  if (err?.code === '23505') {
    return new AppError('ALREADY_EXISTS', '记录已存在（编码或唯一字段重复）', { constraint: err.constraint });
  }
  if (err?.code === '23503') {
    return new AppError('CONFLICT', '关联的记录不存在或仍被引用', { constraint: err.constraint });
  }
  if (err?.code === '23514') {
    return new AppError('VALIDATION_FAILED', '数据不符合约束', { constraint: err.constraint });
  }
  // Data exceptions: input the schemas let through but the database cannot hold — a number past
  // its integers, a date that does not exist, a byte sequence that is not UTF-8. A backstop: the
  // edge refuses these first where it can, naming the field.
  const problem = err?.code ? DATA_EXCEPTIONS[err.code] : undefined;
  if (problem) return new AppError('VALIDATION_FAILED', `输入有误：${problem}`, { reason: err.code });
  return null;
}

const DATA_EXCEPTIONS: Record<string, string> = {
  '22003': '数值超出范围',
  '22007': '日期或时间格式不正确',
  '22008': '日期或时间超出范围',
  '22P02': '格式不正确',
  '22021': '含有无法识别的字符',
  '22P05': '含有无法识别的字符',
};
