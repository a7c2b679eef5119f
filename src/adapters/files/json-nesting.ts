/**
 * Whether JSON text nests arrays and objects deeper than `limit`, found by one pass over the characters (strings
 * skipped) before JSON.parse sees it: a file of a million '[' would otherwise exhaust the parser's or the
 * validator's stack, and a plain scan gives a clear reason instead.
 */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 0x5c)
        index += 1; // backslash: the next character is escaped, whatever it is
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) {
      inString = true;
    } else if (code === 0x7b || code === 0x5b) {
      depth += 1;
      if (depth > limit) return true;
    } else if (code === 0x7d || code === 0x5d) {
      depth -= 1;
    }
  }
  return false;
}
