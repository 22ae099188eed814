import type { FastifyInstance } from 'fastify';
import { sendError } from './errors.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A reason a text is refused, or null when it is clean. */
export function textProblem(s: string): string | null {
  if (s.includes('\u0000')) return 'contains a NUL character / 含有非法的空字符';
  // An unpaired surrogate is not Unicode text: it does not survive a UTF-8 round trip (the database,
  // the audit chain's hashes), so it is refused at the door rather than stored as something else.
  if (LONE_SURROGATE.test(s)) return 'contains an unpaired surrogate (not valid Unicode) / 含有无效的 Unicode 字符';
  return null;
}

/** Paths of every string (and object key) in a parsed input that is not clean text, with the reason. */
export function textProblems(value: unknown, path: string, out: { path: string; message: string }[] = [], depth = 0) {
  if (out.length >= 20 || depth > 64) return out;
  if (typeof value === 'string') {
    const problem = textProblem(value);
    if (problem) out.push({ path, message: problem });
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => textProblems(item, `${path}.${i}`, out, depth + 1));
  } else if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const [key, item] of Object.entries(value)) {
      const keyProblem = textProblem(key);
      if (keyProblem) out.push({ path: `${path}.${JSON.stringify(key).slice(1, -1)}`, message: keyProblem });
      else textProblems(item, `${path}.${key}`, out, depth + 1);
    }
  }
  return out;
}

/**
 * The one place where text input is normalised: before any route validates its input, every string of
 * the parsed JSON body, the query and the path parameters is checked, and a NUL byte or an unpaired
 * surrogate answers 400 `validation_failed` naming the field. So no command, no database column and no
 * audit event ever sees text that changes (or fails) on a round trip through UTF-8.
 */
export function registerInputCheck(app: FastifyInstance) {
  app.addHook('preValidation', async (req, reply) => {
    const details = [
      ...textProblems(req.params, 'params'),
      ...textProblems(req.query, 'querystring'),
      ...(req.isMultipart() ? [] : textProblems(req.body, 'body')),
    ];
    if (details.length > 0) return sendError(req, reply, 'validation_failed', details);
  });
}
