// A filing's bytes → its text, the one way for every path: a file the CLI reads, an EDGAR
// response, the engine. So the same bytes read alike wherever they come from. Pure.

/**
 * UTF-8 (a BOM dropped) when the bytes are valid UTF-8; else ISO-8859-1 (old EDGAR text, which is
 * what its XML declares), byte = code point. Not WHATWG's "latin1" label: TextDecoder maps it to
 * windows-1252, which reads 0x80–0x9F as curly quotes and other letters, not as the bytes' own
 * code points.
 */
export function decodeFilingBytes(bytes: Uint8Array): string {
  try {
    return stripBom(new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes));
  } catch {
    let out = "";
    for (let i = 0; i < bytes.length; i += LATIN1_CHUNK) {
      out += String.fromCharCode(...bytes.subarray(i, i + LATIN1_CHUNK));
    }
    return out;
  }
}

/** Code units per String.fromCharCode call: well within the engine's argument limit. */
const LATIN1_CHUNK = 8192;

/** The text without a leading byte-order mark (a text editor's, or one decoded as it is). */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
