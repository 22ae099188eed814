import { createInflateRaw } from 'node:zlib';
import { AppError } from '@rdplan/domain';

/**
 * Refuses a zip container (xlsx) that would expand to far more than its size — a "zip bomb" — before
 * it reaches the spreadsheet reader, which would hold the event loop and the memory while inflating.
 * It reads the central directory (the declared sizes of every entry, no inflating), then inflates each
 * entry as a stream in bounded memory, counting, to check that no entry holds more than it declares
 * (a forged directory). The work done is bounded by the limits, whatever the file claims.
 */

/** Largest total of the entries' sizes once expanded. */
export const ZIP_MAX_EXPANDED_BYTES = 128 * 1024 * 1024;
/** Largest expansion ratio (expanded ÷ compressed) of a file bigger than ZIP_RATIO_FROM_BYTES expanded. */
export const ZIP_MAX_RATIO = 100;
export const ZIP_RATIO_FROM_BYTES = 16 * 1024 * 1024;
export const ZIP_MAX_ENTRIES = 10_000;

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

export class ZipFormatError extends Error {}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The entries of the central directory; throws ZipFormatError when the file is no readable zip. */
export function readZipDirectory(buffer: Buffer): ZipEntry[] {
  if (buffer.length < 22 || buffer.readUInt32LE(0) !== LOCAL) throw new ZipFormatError('not a zip file');
  let eocd = -1;
  for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 22 - 0xffff); i--) {
    if (buffer.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipFormatError('no end of central directory');
  const count = buffer.readUInt16LE(eocd + 10);
  const size = buffer.readUInt32LE(eocd + 12);
  const offset = buffer.readUInt32LE(eocd + 16);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) throw new ZipFormatError('zip64 is not supported');
  if (count > ZIP_MAX_ENTRIES) throw new ZipFormatError(`more than ${ZIP_MAX_ENTRIES} entries`);
  if (offset + size > eocd) throw new ZipFormatError('central directory out of bounds');
  const entries: ZipEntry[] = [];
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || buffer.readUInt32LE(p) !== CENTRAL) throw new ZipFormatError('broken central directory');
    const nameLength = buffer.readUInt16LE(p + 28);
    const extraLength = buffer.readUInt16LE(p + 30);
    const commentLength = buffer.readUInt16LE(p + 32);
    entries.push({
      method: buffer.readUInt16LE(p + 10),
      compressedSize: buffer.readUInt32LE(p + 20),
      uncompressedSize: buffer.readUInt32LE(p + 24),
      localHeaderOffset: buffer.readUInt32LE(p + 42),
      name: buffer.toString('utf8', p + 46, p + 46 + nameLength),
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Inflates raw deflate data as a stream, counting; stops as soon as it passes `limit`. */
function inflatedLength(data: Buffer, limit: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw();
    let n = 0;
    inflate.on('data', (chunk: Buffer) => {
      n += chunk.length;
      if (n > limit) {
        inflate.destroy();
        resolve(n);
      }
    });
    inflate.on('end', () => resolve(n));
    inflate.on('error', reject);
    inflate.end(data);
  });
}

function tooLarge(reason: string) {
  return new AppError('payload_too_large', [{ path: 'body.file', message: reason }]);
}
function unreadable(reason: string) {
  return new AppError('unsupported_media_type', [{ path: 'body.file', message: reason }]);
}

const MB = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

/**
 * Checks an xlsx (zip) upload before it is parsed: 413 payload_too_large when it would expand past
 * the limits or holds more than it declares, 415 when it is no zip workbook at all.
 */
export async function assertSafeXlsx(buffer: Buffer): Promise<void> {
  let entries: ZipEntry[];
  try {
    entries = readZipDirectory(buffer);
  } catch (err) {
    if (err instanceof ZipFormatError) throw unreadable(`not a readable xlsx workbook (${err.message}) / 无法读取该 xlsx 文件`);
    throw err;
  }
  if (!entries.some((e) => e.name === 'xl/workbook.xml')) {
    throw unreadable('a zip file but not an xlsx workbook (no xl/workbook.xml) / 不是 xlsx 工作簿');
  }
  const expanded = entries.reduce((n, e) => n + e.uncompressedSize, 0);
  const compressed = entries.reduce((n, e) => n + e.compressedSize, 0);
  if (expanded > ZIP_MAX_EXPANDED_BYTES) {
    throw tooLarge(
      `the workbook expands to ${MB(expanded)}, more than ${MB(ZIP_MAX_EXPANDED_BYTES)} / 工作簿解压后 ${MB(expanded)}，超过上限`,
    );
  }
  if (expanded > ZIP_RATIO_FROM_BYTES && expanded > compressed * ZIP_MAX_RATIO) {
    throw tooLarge(
      `the workbook expands ${Math.round(expanded / Math.max(1, compressed))} times (${MB(expanded)}), more than ${ZIP_MAX_RATIO} times / 工作簿压缩比异常`,
    );
  }
  // What each entry really holds, counted in bounded memory: a directory that understates it is refused.
  for (const e of entries) {
    const at = e.localHeaderOffset;
    if (at + 30 > buffer.length || buffer.readUInt32LE(at) !== LOCAL)
      throw unreadable('not a readable xlsx workbook (broken entry) / 无法读取该 xlsx 文件');
    const start = at + 30 + buffer.readUInt16LE(at + 26) + buffer.readUInt16LE(at + 28);
    const data = buffer.subarray(start, start + e.compressedSize);
    if (data.length !== e.compressedSize) throw unreadable('not a readable xlsx workbook (truncated) / 无法读取该 xlsx 文件');
    if (e.method === 0) continue; // stored: its size is its size
    if (e.method !== 8) throw unreadable(`not a readable xlsx workbook (compression method ${e.method}) / 无法读取该 xlsx 文件`);
    const real = await inflatedLength(data, e.uncompressedSize).catch(() => -1);
    if (real < 0) throw unreadable('not a readable xlsx workbook (damaged entry) / 无法读取该 xlsx 文件');
    if (real > e.uncompressedSize) {
      throw tooLarge(`the workbook holds more than it declares (${e.name}) / 工作簿实际内容大于声明大小，已拒绝`);
    }
  }
}
