/**
 * The closed catalogue of error codes used by the whole platform: one code → one HTTP status and
 * one bilingual message. The API answers `{ code, message, details }`; specifics go in details.
 */
import type { Lang, Text } from './i18n.js';

interface CatalogueEntry {
  status: number;
  message: Text;
}

const entry = (status: number, zh: string, en: string): CatalogueEntry => ({ status, message: { zh, en } });

export const ERROR_CATALOGUE = {
  validation_failed: entry(400, '提交的数据不符合要求', 'The submitted data is not valid'),
  malformed_json: entry(400, '请求内容不是有效的 JSON', 'The request body is not valid JSON'),
  weak_password: entry(400, '密码强度不足', 'The password is too weak'),
  invalid_uscc: entry(400, '统一社会信用代码无效', 'The unified social credit code is not valid'),
  unauthenticated: entry(401, '请先登录', 'Please sign in'),
  invalid_credentials: entry(401, '账号或密码错误', 'Wrong account or password'),
  csrf_failed: entry(403, '请求校验失败，请刷新页面后重试', 'The request could not be verified; reload the page and try again'),
  forbidden: entry(403, '没有权限执行此操作', 'You are not allowed to do this'),
  account_pending: entry(403, '单位注册待市科技局确认', 'The registration is awaiting confirmation by the bureau'),
  not_found: entry(404, '未找到相关内容', 'Not found'),
  conflict: entry(409, '数据已存在或已被他人修改', 'The record already exists or was changed by someone else'),
  state_conflict: entry(409, '当前状态下不能执行此操作', 'This action is not allowed in the current state'),
  cycle: entry(409, '该控制关系会形成循环', 'This control relationship would create a cycle'),
  calendar_gap: entry(
    409,
    '缺少该年度的节假日安排，请管理员先录入',
    'The holiday calendar for that year is missing; an administrator must enter it first',
  ),
  payload_too_large: entry(413, '上传内容超过大小限制', 'The upload is larger than allowed'),
  unsupported_media_type: entry(415, '不支持的文件或内容类型', 'This file or content type is not supported'),
  rule_failed: entry(422, '不符合政策规则', 'A policy rule is not met'),
  conflict_of_interest: entry(422, '该专家与申报项目存在回避关系', 'The expert has a conflict of interest with the application'),
  review_limit: entry(422, '超出评审规则限制', 'A review limit is exceeded'),
  assignment_infeasible: entry(422, '无法完成专家分配，请查看原因', 'No feasible expert assignment exists; see why'),
  import_failed: entry(422, '导入失败，请查看错误明细', 'The import failed; see the error details'),
  account_locked: entry(423, '账号已被临时锁定，请稍后再试', 'The account is temporarily locked; try again later'),
  rate_limited: entry(429, '操作过于频繁，请稍后再试', 'Too many requests; try again later'),
  internal: entry(500, '系统内部错误', 'Internal error'),
  unavailable: entry(503, '服务暂不可用，请稍后再试', 'The service is temporarily unavailable; try again later'),
} as const satisfies Record<string, CatalogueEntry>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export const ERROR_CODES = Object.keys(ERROR_CATALOGUE) as ErrorCode[];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CATALOGUE, value);
}

/**
 * An expected failure with a catalogue code. `message` is for logs (default: the English catalogue
 * text); users see the catalogue message in their language plus `details`.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: unknown;

  constructor(code: ErrorCode, details?: unknown, message?: string) {
    super(message ?? ERROR_CATALOGUE[code].message.en);
    this.name = 'AppError';
    this.code = code;
    this.status = ERROR_CATALOGUE[code].status;
    this.details = details ?? null;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details: unknown;
}

/**
 * Status and body for any thrown value. Anything that is not an AppError becomes `internal`, and
 * 5xx answers never carry details, so internals do not leak.
 */
export function errorResponse(error: unknown, lang: Lang): { status: number; body: ErrorBody } {
  const code: ErrorCode = isAppError(error) ? error.code : 'internal';
  const { status, message } = ERROR_CATALOGUE[code];
  const details = isAppError(error) && status < 500 ? error.details : null;
  return { status, body: { code, message: message[lang], details } };
}
