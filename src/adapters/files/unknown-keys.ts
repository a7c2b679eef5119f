/**
 * The path of the first key in `input` that a schema left out of `output`, or undefined when it kept them all.
 * The stores' schemas (valibot `object`) drop unknown keys so a damaged record still reads; a file must instead be
 * refused for them ("__proto__", a field from a newer app, a hand edit), and this tells which. `output` is what the
 * schema made of `input`, so the two have the same shape wherever the schema kept a value.
 */
export function unknownKeyPath(input: unknown, output: unknown): string | undefined {
  if (Array.isArray(input)) {
    if (!Array.isArray(output)) return undefined;
    for (const [index, item] of input.entries()) {
      const path = unknownKeyPath(item, output[index]);
      if (path !== undefined) return `${String(index)}.${path}`;
    }
    return undefined;
  }
  if (!isPlainRecord(input) || !isPlainRecord(output)) return undefined;
  // Own keys only, as JSON.parse makes them: "__proto__" is then an own key, not the prototype.
  for (const key of Object.keys(input)) {
    if (!Object.hasOwn(output, key)) return key;
    const path = unknownKeyPath(input[key], output[key]);
    if (path !== undefined) return `${key}.${path}`;
  }
  return undefined;
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
