import { AppError, ERROR_CATALOGUE, type ErrorBody, type ErrorCode } from '@rdplan/domain';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { Deps } from '../context.js';
import { AccessDenied } from './access-denied.js';
import { logDenied } from './security.js';

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
      const details = err.validation.map((v) => ({
        path: [where, ...v.instancePath.split('/').filter(Boolean)].join('.'),
        message: v.message ?? 'invalid',
        ...(v.params && 'issue' in v.params ? { issue: (v.params.issue as { code?: string }).code } : {}),
      }));
      return sendError(req, reply, 'validation_failed', details);
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err, issues: err.cause.issues }, 'response does not match its schema');
      return sendError(req, reply, 'internal');
    }
    const mapped = err.code ? FASTIFY_CODES[err.code] : undefined;
    if (mapped) return sendError(req, reply, mapped);
    if (err instanceof SyntaxError) return sendError(req, reply, 'malformed_json');
    const status = err.statusCode ?? 500;
    if (status < 500) {
      return sendError(req, reply, status === 404 ? 'not_found' : status === 413 ? 'payload_too_large' : 'validation_failed');
    }
    req.log.error({ err }, 'unhandled error');
    return sendError(req, reply, 'internal');
  });
}
