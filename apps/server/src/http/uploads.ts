import { AppError } from '@rdplan/domain';
import type { FastifyRequest } from 'fastify';

/**
 * The one way routes read a multipart upload: exactly one file, in the named field, with its text
 * fields. A second file is refused with 400 naming its field (not silently dropped); a file name or
 * field with NUL, other control characters or unpaired surrogates is refused with 400 naming it, so no
 * such text reaches the database or the audit chain.
 *
 * The multipart plugin is registered with `files: 2`: the second file's part is seen and named here,
 * and a third trips the plugin's own limit, answered the same way.
 */
export const MULTIPART_LIMITS = { files: 2, fields: 20, parts: 30 } as const;

export interface ReceivedUpload {
  filename: string;
  buffer: Buffer;
  /** The file was longer than the upload limit (and was cut there). */
  truncated: boolean;
  /** The text fields sent with it. */
  fields: Record<string, string>;
}

// C0 controls (tab and line breaks included: a file or field name has none), DEL, and C1 controls.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a text from an upload is refused, or null when it is fine. */
export function badUploadText(text: string, multiline = false): string | null {
  if (text.includes('\u0000')) return 'contains a NUL character / 含有空字符';
  const controls = multiline ? text.replace(/[\t\r\n]/g, '') : text;
  if (CONTROL.test(controls)) return 'contains control characters / 含有控制字符';
  if (LONE_SURROGATE.test(text)) return 'contains an unpaired surrogate (not valid Unicode) / 含有无效的 Unicode 字符';
  return null;
}

function oneFileOnly(path: string): AppError {
  return new AppError('validation_failed', [
    { path, message: 'send one file per request; a second file was sent / 每次只能上传一个文件，请求中有第二个文件' },
  ]);
}

export async function receiveUpload(req: FastifyRequest, field = 'file'): Promise<ReceivedUpload> {
  if (!req.isMultipart()) throw new AppError('unsupported_media_type', { path: 'body', expected: 'multipart/form-data' });
  let file: Omit<ReceivedUpload, 'fields'> | null = null;
  const fields: Record<string, string> = {};
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        if (file || part.fieldname !== field) {
          part.file.resume(); // read and drop the rest of it
          throw file ? oneFileOnly(`body.${part.fieldname}`) : unexpectedFile(part.fieldname, field);
        }
        const filename = part.filename ?? '';
        const bad = badUploadText(filename);
        if (bad) {
          part.file.resume();
          throw new AppError('validation_failed', [{ path: `body.${field}.filename`, message: `the file name ${bad}` }]);
        }
        const buffer = await part.toBuffer();
        file = { filename, buffer, truncated: part.file.truncated };
      } else {
        const name = part.fieldname;
        const value = typeof part.value === 'string' ? part.value : String(part.value);
        const bad = badUploadText(name) ?? badUploadText(value, true);
        if (bad) throw new AppError('validation_failed', [{ path: `body.${name.replace(/[^\w.-]/g, '?')}`, message: bad }]);
        fields[name] = value;
      }
    }
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_FILES_LIMIT') throw oneFileOnly(`body.${field}`);
    throw err;
  }
  if (!file)
    throw new AppError('validation_failed', [{ path: `body.${field}`, message: `attach the file as field "${field}" / 请上传文件` }]);
  return { ...file, fields };
}

function unexpectedFile(name: string, field: string): AppError {
  const sent = name.replace(/[^\w.-]/g, '?').slice(0, 50);
  return new AppError('validation_failed', [
    { path: `body.${field}`, message: `attach the file as field "${field}", not "${sent}" / 请在字段 "${field}" 中上传文件` },
  ]);
}
