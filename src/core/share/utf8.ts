/** A UTF-16 surrogate without its partner: it has no UTF-8 form. */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * UTF-8 without TextEncoder (the core has no DOM or Node library): encodeURIComponent writes every non-ASCII
 * character as its UTF-8 bytes in %XX form. A lone surrogate becomes U+FFFD, as TextEncoder does.
 */
export function utf8Bytes(text: string): Uint8Array {
  const escaped = encodeURIComponent(text.replace(loneSurrogate, '\uFFFD'));
  const bytes: number[] = [];
  for (let i = 0; i < escaped.length; i++) {
    if (escaped[i] === '%') {
      bytes.push(parseInt(escaped.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(escaped.charCodeAt(i));
    }
  }
  return Uint8Array.from(bytes);
}

/** The text of UTF-8 bytes; undefined when they are not valid UTF-8 (decodeURIComponent refuses those). */
export function utf8Text(bytes: Uint8Array): string | undefined {
  let escaped = '';
  for (const byte of bytes) escaped += `%${byte.toString(16).padStart(2, '0')}`;
  try {
    return decodeURIComponent(escaped);
  } catch {
    return undefined;
  }
}
