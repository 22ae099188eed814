/**
 * Marks the text two passages share: every character inside a common substring of at least `minRun`
 * characters (dynamic programming over the two passages, which are short excerpts).
 */
export function sharedMarks(a: string, b: string, minRun = 6, maxLen = 3000): { a: boolean[]; b: boolean[] } {
  const ma = new Array<boolean>(a.length).fill(false);
  const mb = new Array<boolean>(b.length).fill(false);
  const n = Math.min(a.length, maxLen);
  const m = Math.min(b.length, maxLen);
  let prev = new Uint16Array(m + 1);
  let cur = new Uint16Array(m + 1);
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      if (a.charCodeAt(i - 1) === b.charCodeAt(j - 1)) {
        const len = Math.min((prev[j - 1] ?? 0) + 1, 65535);
        cur[j] = len;
        if (len === minRun) {
          for (let d = 0; d < minRun; d++) {
            ma[i - 1 - d] = true;
            mb[j - 1 - d] = true;
          }
        } else if (len > minRun) {
          ma[i - 1] = true;
          mb[j - 1] = true;
        }
      } else cur[j] = 0;
    }
    [prev, cur] = [cur, prev];
    cur.fill(0);
  }
  return { a: ma, b: mb };
}

/** Splits a text into runs of marked / unmarked characters. */
export function runs(text: string, marks: boolean[]): { text: string; shared: boolean }[] {
  const out: { text: string; shared: boolean }[] = [];
  for (let i = 0; i < text.length; i++) {
    const shared = marks[i] ?? false;
    const last = out[out.length - 1];
    if (last && last.shared === shared) last.text += text[i];
    else out.push({ text: text[i] ?? '', shared });
  }
  return out;
}
