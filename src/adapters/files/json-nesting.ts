/**
 * What one pass over JSON text (strings skipped) finds wrong with its shape before JSON.parse sees it:
 * - 'too-deep': arrays and objects nested deeper than `maxDepth`; a file of a million '[' would otherwise exhaust
 *   the parser's or the validator's stack;
 * - 'too-many-containers': more than `maxContainers` arrays and objects in all. Each costs the parser far more
 *   memory than its two characters of text: 100 MB of "{}," is 33 million objects, gigabytes of memory and minutes
 *   of a frozen page before any check could refuse them.
 * Undefined when neither; the text may still be anything else.
 */
export function jsonShapeIssue(
  text: string,
  limits: { maxDepth: number; maxContainers: number },
): 'too-deep' | 'too-many-containers' | undefined {
  let depth = 0;
  let containers = 0;
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
      containers += 1;
      if (depth > limits.maxDepth) return 'too-deep';
      if (containers > limits.maxContainers) return 'too-many-containers';
    } else if (code === 0x7d || code === 0x5d) {
      depth -= 1;
    }
  }
  return undefined;
}
