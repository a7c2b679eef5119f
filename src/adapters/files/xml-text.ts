/**
 * Text for an XML 1.0 element or attribute value: the five special characters escaped, and the characters XML 1.0
 * forbids outright (most C0 controls, lone surrogates, U+FFFE/U+FFFF) removed, since no escape can carry them.
 */
export function xmlText(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
