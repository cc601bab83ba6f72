/**
 * True when `bytes` are well-formed UTF-8 (Unicode's table 3-7): what a fatal
 * `TextDecoder('utf-8')` accepts, without making the text. An export is some megabytes of
 * mostly ASCII; decoding all of it only to know this cost a twentieth of reading one.
 * (Node's `buffer.isUtf8` does the same, but shared/ stays free of Node's modules.)
 */
export function isWellFormedUtf8(bytes: Uint8Array): boolean {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    // The bytes after a lead byte: how many, and the range of the first (no overlongs,
    // no surrogates, nothing above U+10FFFF); the others are 80..BF.
    let more: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) more = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      more = 2;
      if (b === 0xe0) lo = 0xa0;
      else if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      more = 3;
      if (b === 0xf0) lo = 0x90;
      else if (b === 0xf4) hi = 0x8f;
    } else return false;
    if (i + more >= n) return false;
    const first = bytes[i + 1] as number;
    if (first < lo || first > hi) return false;
    for (let k = 2; k <= more; k++) {
      const next = bytes[i + k] as number;
      if (next < 0x80 || next > 0xbf) return false;
    }
    i += more + 1;
  }
  return true;
}
