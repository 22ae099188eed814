import { constants, createInflate } from 'node:zlib';

/**
 * Finds active content in a PDF — JavaScript, launch actions, and the automatic actions that run them
 * (/OpenAction, /AA) — so officers are warned before they open an applicant's file. A careful scan of
 * the PDF's objects rather than a full parser: it reads the names in the file and in every Flate
 * stream (object streams hold dictionaries too, so an action hidden there is found), decoding `#xx`
 * escapes in names (/J#61vaScript). It errs towards flagging (a name inside a text string counts);
 * a file it cannot read fully is scanned as far as it goes. Memory and work are bounded.
 */

/** Stream bytes inflated in all, at most (more is left unscanned). */
const MAX_INFLATED = 64 * 1024 * 1024;

const NAME = /\/([^\s/[\]<>(){}%]+)/g;

function namesIn(text: string, into: Set<string>) {
  for (const m of text.matchAll(NAME)) {
    const raw = m[1]!;
    into.add(raw.includes('#') ? raw.replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : raw);
  }
}

/** Inflates one Flate stream chunk by chunk, scanning each (with an overlap for names across chunks); answers the bytes used. */
function scanFlate(data: Buffer, budget: number, names: Set<string>): Promise<number> {
  return new Promise((resolve) => {
    const z = createInflate({ finishFlush: constants.Z_SYNC_FLUSH });
    let used = 0;
    let tail = '';
    const done = () => {
      if (tail) namesIn(tail, names);
      resolve(used);
    };
    z.on('data', (chunk: Buffer) => {
      used += chunk.length;
      const text = tail + chunk.toString('latin1');
      namesIn(text.slice(0, -256), names);
      tail = text.slice(-256);
      if (used >= budget) {
        z.destroy();
        done();
      }
    });
    z.on('end', done);
    z.on('error', done); // a damaged stream: what was read is scanned
    z.end(data);
  });
}

/** The active content found: [] for a plain PDF, else e.g. ['JavaScript', 'OpenAction']. */
export async function pdfActiveContent(buffer: Buffer): Promise<string[]> {
  const text = buffer.toString('latin1');
  const names = new Set<string>();
  namesIn(text, names);
  let budget = MAX_INFLATED;
  const streamAt = /(?<!end)stream\r?\n/g;
  for (let m = streamAt.exec(text); m && budget > 0; m = streamAt.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    // Only Flate-compressed streams can hide names; the dictionary before "stream" says which.
    const dict = text.slice(Math.max(0, m.index - 512), m.index);
    if (/\/(FlateDecode|Fl)\b/.test(dict)) budget -= await scanFlate(buffer.subarray(start, end), budget, names);
    streamAt.lastIndex = end + 'endstream'.length;
  }
  const scripts = names.has('JavaScript') || names.has('JS');
  const launch = names.has('Launch');
  if (!scripts && !launch) return [];
  return [
    ...(scripts ? ['JavaScript'] : []),
    ...(launch ? ['Launch'] : []),
    ...(names.has('OpenAction') ? ['OpenAction'] : []),
    ...(names.has('AA') ? ['AA'] : []),
  ];
}
