/**
 * Overlap detection (一题多报): near-duplicate applications across tracks and years, and applications
 * that copy national records, flagged with the passages that overlap. Pure, deterministic, no I/O.
 *
 * Method
 * 1. Normalisation (`normaliseOverlapText`): per code point NFKC (full-width → half-width, compatibility
 *    ideographs → unified), ASCII lower-cased, punctuation / symbols / whitespace / controls dropped.
 *    Every normalised character keeps the offset of the original character it came from, so passages
 *    are reported in offsets of the texts as written.
 * 2. Character k-shingles, k = 5 by default. Chinese words are mostly 2 characters: k = 3 makes a shingle
 *    of barely one word plus a character, so unrelated texts of one field share many; k = 5 spans 2–3
 *    words (specific enough that unrelated abstracts rarely share one), while an edit (a swapped
 *    synonym, an inserted phrase) still only destroys the k shingles around it.
 * 3. Boilerplate filter: shingles found in more than `maxDocFrequency` (1 %) of the documents (本项目针对,
 *    研究开发 …) are left out of the signatures — shared boilerplate is no evidence of copying and would
 *    otherwise fill LSH buckets. Document frequencies are counted in a hashed counter table.
 * 4. MinHash per SEGMENT, not per document: the document's sequence of distinctive shingles is cut
 *    into blocks of `window / 2` (16) and a segment is two consecutive blocks (windows of `window`
 *    shingles at stride `window / 2`). A copied paragraph inside a new text is then a near-duplicate segment pair even
 *    though the two documents' Jaccard is low; a whole copied document is many such pairs.
 *    `permutations` (64) hash functions h_i(x) = xorshift(imul(x ^ s_i, a_i)) over a well-mixed 32-bit
 *    shingle hash, seeds from splitmix32 (deterministic). Block minima are computed once and a
 *    segment's signature is the minimum of its two blocks, so the cost is one pass over the shingles.
 * 5. LSH banding: `bands` bands of `permutations / bands` rows (default 16 × 4: a segment pair of
 *    Jaccard s collides with probability 1 − (1 − s⁴)¹⁶: 0.94 at s = 0.6, 0.025 at s = 0.2; a copy
 *    has several segment pairs, each a chance). Per band
 *    the (band hash, document) keys are sorted and equal runs form the buckets; buckets larger than
 *    `maxBucket` (degenerate signatures) are skipped and counted.
 * 6. Confirmation on the candidate document pairs: exact Jaccard and containment (|A ∩ B| / min(|A|,
 *    |B|)) on the full shingle sets, and the overlapping passages: maximal common substrings of the
 *    normalised texts (seeded by shared k-grams, at least `minMatch` characters), chosen longest first
 *    without reuse, then chained along the alignment when the gaps on both sides are at most `maxGap`
 *    characters (a swapped synonym, an inserted phrase); spans of at least `minPassage` characters are
 *    the passages. Evidence counts distinctive shingles only (boilerplate shared by chance proves
 *    nothing): a pair is flagged when the containment of its distinctive shingles reaches
 *    `minContainment` (0.5) or its passages hold at least `minPassageShingles` (25) distinct
 *    distinctive shingles (a copied paragraph in a longer text).
 */

export type OverlapDocKind = 'application' | 'national';

export interface OverlapDoc {
  id: string;
  kind: OverlapDocKind;
  year: number;
  track?: string | null;
  text: string;
}

export interface OverlapIndexOptions {
  /** Shingle length in characters (3–5 sensible), default 5. */
  shingle?: number;
  /** MinHash hash functions, default 64. */
  permutations?: number;
  /** LSH bands; must divide `permutations`. Default 16 (4 rows each). */
  bands?: number;
  /** Segment length in distinctive shingles (even), default 32; segments overlap by half. */
  window?: number;
  /** Shingles in more than this share of the documents are boilerplate, default 0.01 … */
  maxDocFrequency?: number;
  /** … but never below this many documents, default 50. */
  minDocFrequencyCutoff?: number;
  /** A segment needs this many informative shingles to be signed, default 8. */
  minSegmentShingles?: number;
  /** Seed of the hash functions, default 1. */
  seed?: number;
}

export interface FindOverlapOptions {
  /** Flag when the containment of distinctive (non-boilerplate) shingles ≥ this, default 0.5. */
  minContainment?: number;
  /** Flag when the passages hold at least this many distinct distinctive shingles, default 25. */
  minPassageShingles?: number;
  /** Shortest passage reported (normalised characters), default 20. */
  minPassage?: number;
  /** Shortest exact match used to build passages, default 8. */
  minMatch?: number;
  /** Largest gap (each side) bridged inside one passage, default 12. */
  maxGap?: number;
  /** LSH buckets with more documents than this are skipped, default 200. */
  maxBucket?: number;
  /** Also compare national records with each other, default false. */
  includeNationalPairs?: boolean;
  /** Only compare pairs with a document of these ids (e.g. one call's new applications). */
  only?: ReadonlySet<string>;
}

export interface OverlapPassage {
  /** Offsets in the original texts (UTF-16 code units, end exclusive). */
  aStart: number;
  aEnd: number;
  bStart: number;
  bEnd: number;
  /** The passage as written in document a. */
  text: string;
  /** Characters matched exactly (normalised), gaps excluded. */
  matched: number;
}

export interface OverlapPair {
  a: string;
  b: string;
  aKind: OverlapDocKind;
  bKind: OverlapDocKind;
  /** Exact Jaccard of the shingle sets. */
  similarity: number;
  /** |A ∩ B| / min(|A|, |B|) on the shingle sets. */
  containment: number;
  /** The same on the distinctive shingles only (boilerplate left out): a flag condition. */
  distinctiveContainment: number;
  /** Distinct distinctive shingles inside the passages' exact matches: the other flag condition. */
  passageShingles: number;
  /** Normalised characters covered by the passages (exact matches only). */
  passageChars: number;
  passages: OverlapPassage[];
}

export interface OverlapStats {
  documents: number;
  segments: number;
  signedSegments: number;
  boilerplateCutoff: number;
  candidates: number;
  skippedBuckets: number;
  flagged: number;
}

export interface OverlapIndex {
  readonly docs: readonly OverlapDoc[];
  readonly options: Required<OverlapIndexOptions>;
  /** Normalised texts. */
  readonly norm: readonly string[];
  /** Sorted distinct shingle hashes per document. */
  readonly sets: readonly Uint32Array[];
  /** Per segment: its document, and whether it was signed. */
  readonly segDoc: Uint32Array;
  readonly segSigned: Uint8Array;
  /** Band hashes, `bands` per segment. */
  readonly bandHashes: Uint32Array;
  /** Hashed document-frequency counters (2^24 slots) and the boilerplate cutoff. */
  readonly docFrequency: Uint16Array;
  readonly boilerplateCutoff: number;
}

const DEFAULT_INDEX: Required<OverlapIndexOptions> = {
  shingle: 5,
  permutations: 64,
  bands: 16,
  window: 32,
  maxDocFrequency: 0.01,
  minDocFrequencyCutoff: 50,
  minSegmentShingles: 8,
  seed: 1,
};

const DEFAULT_FIND = {
  minContainment: 0.5,
  minPassageShingles: 25,
  minPassage: 20,
  minMatch: 8,
  maxGap: 12,
  maxBucket: 200,
  includeNationalPairs: false,
};

/* ------------------------------------------------------------------ normalisation */

export interface NormalisedText {
  text: string;
  /** Offset in the original text of the character each normalised character came from. */
  offsets: Int32Array;
}

const DROP = /[\p{P}\p{S}\p{Z}\p{C}\s]/u;
/** Folded form of code points off the fast path (memoised: a pure function of the code point). */
const FOLDED = new Map<number, string>();

function fold(cp: number): string {
  let f = FOLDED.get(cp);
  if (f === undefined) {
    f = '';
    for (const ch of String.fromCodePoint(cp).normalize('NFKC').toLowerCase()) if (!DROP.test(ch)) f += ch;
    if (FOLDED.size < 65536) FOLDED.set(cp, f);
  }
  return f;
}

/** NFKC per code point, ASCII lower-cased, punctuation, symbols, whitespace and controls dropped. */
export function normaliseOverlapText(text: string): NormalisedText {
  const offs: number[] = [];
  const out = normalise(text, offs);
  return { text: out, offsets: Int32Array.from(offs) };
}

function normalise(text: string, offs: number[] | null): string {
  let out = '';
  for (let i = 0; i < text.length;) {
    const cp = text.codePointAt(i)!;
    if ((cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x30 && cp <= 0x39) || (cp >= 0x61 && cp <= 0x7a)) {
      out += text[i]!;
      offs?.push(i);
    } else {
      const f = fold(cp);
      if (offs) for (let u = 0; u < f.length; u++) offs.push(i);
      out += f;
    }
    i += cp > 0xffff ? 2 : 1;
  }
  return out;
}

/* ------------------------------------------------------------------ hashing */

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Positional k-shingle hashes of a normalised text (length max(0, n − k + 1)). */
export function shingleHashes(text: string, k: number): Uint32Array {
  const m = Math.max(0, text.length - k + 1);
  const out = new Uint32Array(m);
  for (let i = 0; i < m; i++) {
    let h = 0x811c9dc5;
    for (let j = 0; j < k; j++) h = Math.imul(h ^ text.charCodeAt(i + j), 0x01000193);
    out[i] = fmix32(h);
  }
  return out;
}

function sortedDistinct(h: Uint32Array): Uint32Array {
  const s = h.slice().sort();
  let w = 0;
  for (let i = 0; i < s.length; i++) if (i === 0 || s[i] !== s[w - 1]) s[w++] = s[i]!;
  return s.slice(0, w);
}

function seeds(seed: number, count: number): { xor: Int32Array; mul: Int32Array } {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x9e3779b9) >>> 0;
    return fmix32(s);
  };
  const xor = new Int32Array(count);
  const mul = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    xor[i] = next() | 0;
    mul[i] = next() | 1;
  }
  return { xor, mul };
}

/* ------------------------------------------------------------------ index */

const DF_BITS = 24;

function resolveIndexOptions(options: OverlapIndexOptions): Required<OverlapIndexOptions> {
  const o = { ...DEFAULT_INDEX, ...options };
  if (!Number.isInteger(o.shingle) || o.shingle < 1) throw new RangeError('shingle must be a positive integer');
  if (!Number.isInteger(o.bands) || o.bands < 1 || o.permutations % o.bands !== 0) throw new RangeError('bands must divide permutations');
  if (!Number.isInteger(o.window) || o.window < 2 || o.window % 2 !== 0) throw new RangeError('window must be an even integer ≥ 2');
  return o;
}

/** Normalises, shingles, filters boilerplate and signs every segment of every document. */
export function buildOverlapIndex(docs: readonly OverlapDoc[], options: OverlapIndexOptions = {}): OverlapIndex {
  const o = resolveIndexOptions(options);
  const k = o.shingle;
  const P = o.permutations;
  const rows = P / o.bands;
  const block = o.window / 2;
  const norm = docs.map((d) => normalise(d.text, null));

  // Distinct shingle sets and their document frequencies (hashed counters, saturating).
  const sets: Uint32Array[] = [];
  const df = new Uint16Array(1 << DF_BITS);
  const mask = (1 << DF_BITS) - 1;
  for (const t of norm) {
    const s = sortedDistinct(shingleHashes(t, k));
    sets.push(s);
    for (let i = 0; i < s.length; i++) {
      const slot = s[i]! & mask;
      if (df[slot]! < 0xffff) df[slot]!++;
    }
  }
  const cutoff = Math.max(o.minDocFrequencyCutoff, Math.floor(o.maxDocFrequency * docs.length));

  // Segments over the sequence of DISTINCTIVE shingles (boilerplate skipped): blocks of `block` of
  // them, a segment = two consecutive blocks, so every segment carries enough evidence to sign.
  const distinctiveSeq = (t: string): Int32Array => {
    const h = shingleHashes(t, k);
    let w = 0;
    const out = new Int32Array(h.length);
    for (let p = 0; p < h.length; p++) if (df[h[p]! & mask]! <= cutoff) out[w++] = h[p]! | 0;
    return out.subarray(0, w);
  };
  const seqs = norm.map(distinctiveSeq);
  const segCount = seqs.map((q) => {
    const blocks = Math.ceil(q.length / block);
    return blocks === 0 ? 0 : Math.max(1, blocks - 1);
  });
  const totalSeg = segCount.reduce((a, b) => a + b, 0);
  const segDoc = new Uint32Array(totalSeg);
  const segSigned = new Uint8Array(totalSeg);
  const bandHashes = new Uint32Array(totalSeg * o.bands);
  const { xor, mul } = seeds(o.seed, P);

  let seg = 0;
  let blockSig = new Int32Array(0);
  const sig = new Int32Array(P);
  for (let d = 0; d < norm.length; d++) {
    const nSeg = segCount[d]!;
    if (nSeg === 0) continue;
    const h = seqs[d]!;
    const nBlocks = Math.ceil(h.length / block);
    if (blockSig.length < nBlocks * P) blockSig = new Int32Array(nBlocks * P * 2);
    // Minimum in signed 32-bit order: any fixed total order of the hash values serves MinHash.
    blockSig.fill(0x7fffffff, 0, nBlocks * P);
    for (let p = 0; p < h.length; p++) {
      const x = h[p]!;
      const base = ((p / block) | 0) * P;
      for (let i = 0; i < P; i++) {
        let v = Math.imul(x ^ xor[i]!, mul[i]!);
        v = v ^ (v >>> 15);
        if (v < blockSig[base + i]!) blockSig[base + i] = v;
      }
    }
    for (let s = 0; s < nSeg; s++, seg++) {
      segDoc[seg] = d;
      const b1 = Math.min(s + 1, nBlocks - 1);
      const count = Math.min(h.length, (b1 + 1) * block) - s * block;
      if (count < o.minSegmentShingles) continue;
      segSigned[seg] = 1;
      for (let i = 0; i < P; i++) {
        const u = blockSig[s * P + i]!;
        const w = blockSig[b1 * P + i]!;
        sig[i] = u < w ? u : w;
      }
      for (let band = 0; band < o.bands; band++) {
        let bh = Math.imul(band + 1, 0x9e3779b1);
        for (let r = 0; r < rows; r++) {
          bh = Math.imul(bh ^ sig[band * rows + r]!, 0x01000193);
          bh ^= bh >>> 15;
        }
        bandHashes[seg * o.bands + band] = fmix32(bh);
      }
    }
  }
  return { docs, options: o, norm, sets, segDoc, segSigned, bandHashes, docFrequency: df, boilerplateCutoff: cutoff };
}

/* ------------------------------------------------------------------ candidates and confirmation */

const DOC_FACTOR = 2 ** 22;

/** Candidate document pairs from the LSH buckets, as lo * n + hi (lo < hi), sorted. */
function candidatePairs(
  index: OverlapIndex,
  maxBucket: number,
  includeNational: boolean,
  only: ReadonlySet<string> | undefined,
): { pairs: number[]; skippedBuckets: number } {
  const { docs, segDoc, segSigned, bandHashes } = index;
  const bands = index.options.bands;
  const n = docs.length;
  if (n >= DOC_FACTOR) throw new RangeError(`at most ${DOC_FACTOR - 1} documents per index`);
  const isApp = new Uint8Array(n);
  const inOnly = new Uint8Array(n);
  docs.forEach((d, i) => {
    isApp[i] = d.kind === 'application' ? 1 : 0;
    inOnly[i] = !only || only.has(d.id) ? 1 : 0;
  });
  let signed = 0;
  for (let s = 0; s < segSigned.length; s++) signed += segSigned[s]!;
  const keys = new Float64Array(signed);
  const found = new Set<number>();
  let skippedBuckets = 0;
  const bucket: number[] = [];
  for (let band = 0; band < bands; band++) {
    let w = 0;
    for (let s = 0; s < segSigned.length; s++) {
      if (!segSigned[s]) continue;
      // 31 bits of band hash × 22 bits of document < 2^53: exact in a double.
      keys[w++] = (bandHashes[s * bands + band]! >>> 1) * DOC_FACTOR + segDoc[s]!;
    }
    keys.sort();
    for (let i = 0; i < w;) {
      const hash = Math.floor(keys[i]! / DOC_FACTOR);
      let j = i + 1;
      while (j < w && Math.floor(keys[j]! / DOC_FACTOR) === hash) j++;
      if (j - i > 1) {
        bucket.length = 0;
        for (let t = i; t < j; t++) {
          const d = keys[t]! - hash * DOC_FACTOR;
          if (bucket.length === 0 || bucket[bucket.length - 1] !== d) bucket.push(d);
        }
        if (bucket.length > maxBucket) skippedBuckets++;
        else
          for (let x = 0; x < bucket.length; x++)
            for (let y = x + 1; y < bucket.length; y++) {
              const a = bucket[x]!;
              const b = bucket[y]!;
              if (!includeNational && !isApp[a] && !isApp[b]) continue;
              if (!inOnly[a] && !inOnly[b]) continue;
              found.add(a * n + b);
            }
      }
      i = j;
    }
  }
  return { pairs: [...found].sort((x, y) => x - y), skippedBuckets };
}

interface Match {
  a: number;
  b: number;
  len: number;
}

interface PassageOptions {
  shingle: number;
  minMatch: number;
  maxGap: number;
  minPassage: number;
}

/**
 * Overlapping passages of two texts: maximal common substrings of the normalised texts (≥ minMatch),
 * longest first without reusing characters, chained when both gaps are ≤ maxGap; spans ≥ minPassage.
 * Offsets are in the original texts.
 */
export function overlapPassages(
  aText: string,
  bText: string,
  options: { shingle?: number; minMatch?: number; maxGap?: number; minPassage?: number } = {},
): OverlapPassage[] {
  const o: PassageOptions = {
    shingle: options.shingle ?? DEFAULT_INDEX.shingle,
    minMatch: options.minMatch ?? DEFAULT_FIND.minMatch,
    maxGap: options.maxGap ?? DEFAULT_FIND.maxGap,
    minPassage: options.minPassage ?? DEFAULT_FIND.minPassage,
  };
  return passagesOf(aText, bText, normaliseOverlapText(aText), normaliseOverlapText(bText), o, null).passages;
}

/** Passages, and the distinct distinctive (non-boilerplate) shingles inside their exact matches. */
function passagesOf(
  aText: string,
  bText: string,
  na: NormalisedText,
  nb: NormalisedText,
  o: PassageOptions,
  distinctive: ((hash: number) => boolean) | null,
): { passages: OverlapPassage[]; shingles: number } {
  const a = na.text;
  const b = nb.text;
  const k = Math.min(o.shingle, o.minMatch);
  const ha = shingleHashes(a, k);
  const hb = shingleHashes(b, k);
  const where = new Map<number, number[]>();
  for (let j = 0; j < hb.length; j++) {
    const list = where.get(hb[j]!);
    if (list) list.push(j);
    else where.set(hb[j]!, [j]);
  }
  const matches: Match[] = [];
  for (let i = 0; i < ha.length; i++) {
    const list = where.get(ha[i]!);
    if (!list) continue;
    for (const j of list) {
      if (i > 0 && j > 0 && a.charCodeAt(i - 1) === b.charCodeAt(j - 1)) continue; // not left-maximal
      let len = 0;
      while (i + len < a.length && j + len < b.length && a.charCodeAt(i + len) === b.charCodeAt(j + len)) len++;
      if (len >= o.minMatch) matches.push({ a: i, b: j, len });
    }
  }
  matches.sort((x, y) => y.len - x.len || x.a - y.a || x.b - y.b);
  const usedA = new Uint8Array(a.length);
  const usedB = new Uint8Array(b.length);
  const chosen: Match[] = [];
  outer: for (const m of matches) {
    for (let t = 0; t < m.len; t++) if (usedA[m.a + t] || usedB[m.b + t]) continue outer;
    usedA.fill(1, m.a, m.a + m.len);
    usedB.fill(1, m.b, m.b + m.len);
    chosen.push(m);
  }
  chosen.sort((x, y) => x.a - y.a);
  interface Span {
    a0: number;
    a1: number;
    b0: number;
    b1: number;
    matched: number;
    parts: Match[];
  }
  const spans: Span[] = [];
  for (const m of chosen) {
    const last = spans[spans.length - 1];
    if (last && m.a >= last.a1 && m.b >= last.b1 && m.a - last.a1 <= o.maxGap && m.b - last.b1 <= o.maxGap) {
      last.a1 = m.a + m.len;
      last.b1 = m.b + m.len;
      last.matched += m.len;
      last.parts.push(m);
    } else spans.push({ a0: m.a, a1: m.a + m.len, b0: m.b, b1: m.b + m.len, matched: m.len, parts: [m] });
  }
  const end = (t: NormalisedText, src: string, i: number): number => {
    const off = t.offsets[i]!;
    return off + (src.codePointAt(off)! > 0xffff ? 2 : 1);
  };
  const kept = spans.filter((sp) => sp.a1 - sp.a0 >= o.minPassage && sp.b1 - sp.b0 >= o.minPassage);
  const seen = new Set<number>();
  for (const sp of kept)
    for (const m of sp.parts)
      for (let p = m.a; p + k <= m.a + m.len; p++) {
        const h = ha[p]!;
        if (!distinctive || distinctive(h)) seen.add(h);
      }
  const passages = kept.map((sp) => {
    const aStart = na.offsets[sp.a0]!;
    const aEnd = end(na, aText, sp.a1 - 1);
    return {
      aStart,
      aEnd,
      bStart: nb.offsets[sp.b0]!,
      bEnd: end(nb, bText, sp.b1 - 1),
      text: aText.slice(aStart, aEnd),
      matched: sp.matched,
    };
  });
  return { passages, shingles: seen.size };
}

/** Finds and confirms the overlapping pairs; `stats` (when given) receives the counts. */
export function findOverlaps(index: OverlapIndex, options: FindOverlapOptions = {}, stats?: Partial<OverlapStats>): OverlapPair[] {
  const o = { ...DEFAULT_FIND, ...options };
  const { docs, sets, docFrequency: df, boilerplateCutoff: cutoff } = index;
  const n = docs.length;
  const mask = (1 << DF_BITS) - 1;
  const distinctive = (h: number) => df[h & mask]! <= cutoff;
  const { pairs, skippedBuckets } = candidatePairs(index, o.maxBucket, o.includeNationalPairs, o.only);
  const distinctCount = new Int32Array(n).fill(-1);
  const countDistinctive = (d: number): number => {
    if (distinctCount[d]! < 0) {
      let c = 0;
      const set = sets[d]!;
      for (let i = 0; i < set.length; i++) if (distinctive(set[i]!)) c++;
      distinctCount[d] = c;
    }
    return distinctCount[d]!;
  };
  const out: OverlapPair[] = [];
  const po: PassageOptions = { shingle: index.options.shingle, minMatch: o.minMatch, maxGap: o.maxGap, minPassage: o.minPassage };
  for (const key of pairs) {
    let x = Math.floor(key / n);
    let y = key - x * n;
    // Document a is the application when only one of them is.
    if (docs[x]!.kind === 'national' && docs[y]!.kind === 'application') [x, y] = [y, x];
    const sa = sets[x]!;
    const sb = sets[y]!;
    if (sa.length === 0 || sb.length === 0) continue;
    let inter = 0;
    let interDistinctive = 0;
    for (let i = 0, j = 0; i < sa.length && j < sb.length;) {
      const u = sa[i]!;
      const v = sb[j]!;
      if (u === v) {
        inter++;
        if (distinctive(u)) interDistinctive++;
        i++;
        j++;
      } else if (u < v) i++;
      else j++;
    }
    const smaller = Math.min(countDistinctive(x), countDistinctive(y));
    const distinctiveContainment = smaller > 0 ? interDistinctive / smaller : 0;
    // Cheap exit: the passages' distinctive shingles are among the shared distinctive ones.
    if (distinctiveContainment < o.minContainment && interDistinctive < o.minPassageShingles) continue;
    const da = docs[x]!;
    const db = docs[y]!;
    const found = passagesOf(da.text, db.text, normaliseOverlapText(da.text), normaliseOverlapText(db.text), po, distinctive);
    if (distinctiveContainment < o.minContainment && found.shingles < o.minPassageShingles) continue;
    out.push({
      a: da.id,
      b: db.id,
      aKind: da.kind,
      bKind: db.kind,
      similarity: inter / (sa.length + sb.length - inter),
      containment: inter / Math.min(sa.length, sb.length),
      distinctiveContainment,
      passageShingles: found.shingles,
      passageChars: found.passages.reduce((t, p) => t + p.matched, 0),
      passages: found.passages,
    });
  }
  out.sort((p, q) => q.similarity - p.similarity || (p.a < q.a ? -1 : p.a > q.a ? 1 : p.b < q.b ? -1 : p.b > q.b ? 1 : 0));
  if (stats) {
    let signed = 0;
    for (let s = 0; s < index.segSigned.length; s++) signed += index.segSigned[s]!;
    Object.assign(stats, {
      documents: n,
      segments: index.segDoc.length,
      signedSegments: signed,
      boilerplateCutoff: cutoff,
      candidates: pairs.length,
      skippedBuckets,
      flagged: out.length,
    } satisfies OverlapStats);
  }
  return out;
}
