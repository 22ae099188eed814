import { AppError, ERROR_CATALOGUE, type ErrorBody, type ErrorCode } from '@rdplan/domain';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { Deps } from '../context.js';
import { AccessDenied, logDenied } from './access-denied.js';
import { validationText } from './validation-text.js';

export function language(req: FastifyRequest): 'zh' | 'en' {
  const header = req.headers['accept-language'];
  return typeof header === 'string' && /^en\b/i.test(header.trim()) ? 'en' : 'zh';
}

export function sendError(req: FastifyRequest, reply: FastifyReply, code: ErrorCode, details: unknown = null) {
  const entry = ERROR_CATALOGUE[code];
  const body: ErrorBody = { code, message: entry.message[language(req)], details };
  return reply.status(entry.status).send(body);
}

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_REQ_FILE_TOO_LARGE: 'payload_too_large',
  FST_FILES_LIMIT: 'payload_too_large',
  FST_PARTS_LIMIT: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'validation_failed',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'unsupported_media_type',
};

/**
 * Database errors that a request's input can cause (SQLSTATE → catalogue code). Routes validate their
 * input so that these should not happen; this is the safety net that keeps them from answering 5xx.
 */
const INPUT_SQLSTATES: Record<string, ErrorCode> = {
  '23503': 'validation_failed', // foreign key violation: an id that names nothing
  '23505': 'conflict', // unique violation
  '23514': 'validation_failed', // check violation
  '22P02': 'validation_failed', // invalid text representation (e.g. not a uuid)
  '22001': 'validation_failed', // value too long
  '22003': 'validation_failed', // numeric value out of range
  '22P05': 'validation_failed', // untranslatable character
  '22008': 'validation_failed', // datetime field overflow
  '22007': 'validation_failed', // invalid datetime format
  '22021': 'validation_failed', // character not in repertoire (e.g. NUL)
  '54000': 'validation_failed', // program limit exceeded (e.g. an index row too large)
};

const camel = (column: string) => column.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

/** `{ path, message }` for a database error caused by input, naming the column when PostgreSQL does. */
function databaseErrorDetails(state: string, err: { detail?: unknown; column?: unknown }) {
  // 23503/23505: detail is 'Key (person_id)=(…) is not present in table "people".'
  const key = typeof err.detail === 'string' ? /^Key \(([a-z_]+)\)/.exec(err.detail)?.[1] : undefined;
  const column = typeof err.column === 'string' ? err.column : key;
  const message =
    state === '23503'
      ? 'refers to a record that does not exist / 引用的记录不存在'
      : state === '23505'
        ? 'already exists / 已存在'
        : 'value not accepted / 取值无效';
  return [{ path: column ? camel(column) : 'body', message }];
}

function sqlState(err: unknown): string | null {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : null;
}

/** One place maps every failure to the closed catalogue; a 5xx never leaks its cause. */
export function registerErrorHandler(app: FastifyInstance, deps: Deps) {
  app.setErrorHandler(async (err: FastifyError, req, reply) => {
    if (err instanceof AccessDenied) {
      try {
        await logDenied(deps, req, 'access_denied', { entityType: err.entityType, entityId: err.entityId });
      } catch (logErr) {
        req.log.error({ err: logErr }, 'could not record a refused access');
      }
    }
    if (err instanceof AppError) return sendError(req, reply, err.code, err.details ?? null);
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext ?? 'body';
      const lang = language(req);
      const details = err.validation.map((v) => {
        const path = v.instancePath.split('/').filter(Boolean);
        return {
          path: [where, ...path].join('.'),
          message: validationText(v.keyword, v.params, path, lang, v.message),
          issue: v.keyword,
        };
      });
      return sendError(req, reply, 'validation_failed', details);
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err, issues: err.cause.issues }, 'response does not match its schema');
      return sendError(req, reply, 'internal');
    }
    const mapped = err.code ? FASTIFY_CODES[err.code] : undefined;
    if (mapped) return sendError(req, reply, mapped);
    if (err instanceof SyntaxError) return sendError(req, reply, 'malformed_json');
    const state = sqlState(err);
    const fromInput = state ? INPUT_SQLSTATES[state] : undefined;
    if (state && fromInput) {
      // The route let through input the database refuses: answer 4xx, and log it so the route gets fixed.
      req.log.warn({ err, sqlState: state }, 'database refused the input of a request');
      return sendError(req, reply, fromInput, databaseErrorDetails(state, err as { detail?: unknown; column?: unknown }));
    }
    const status = err.statusCode ?? 500;
    if (status < 500) {
      return sendError(req, reply, status === 404 ? 'not_found' : status === 413 ? 'payload_too_large' : 'validation_failed');
    }
    req.log.error({ err }, 'unhandled error');
    return sendError(req, reply, 'internal');
  });
}
