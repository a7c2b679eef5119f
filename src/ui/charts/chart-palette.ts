/** The app's colours as a chart needs them, read from the CSS custom properties so light and dark mode both work. */
export interface ChartPalette {
  line: string;
  band: string;
  grid: string;
  text: string;
}

export function chartPalette(element: Element): ChartPalette {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    line: read('--accent', '#1f5f5b'),
    band: read('--zone-band', 'rgba(31, 111, 79, 0.18)'),
    grid: read('--border', '#c9cfcc'),
    text: read('--muted', '#4d5757'),
  };
}
