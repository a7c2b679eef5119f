/** Device Information strings (manufacturer, model, firmware) are UTF-8, sometimes padded with NULs. */
export function decodeUtf8Characteristic(value: DataView): string | undefined {
  const text = new TextDecoder('utf-8', { fatal: false })
    .decode(new Uint8Array(value.buffer, value.byteOffset, value.byteLength))
    .replace(/\0+$/u, '')
    .trim();
  return text === '' ? undefined : text;
}
