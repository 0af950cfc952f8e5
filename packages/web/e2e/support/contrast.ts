import type { Locator } from "playwright-core";

export interface TextColours {
  /** Relative luminance (0 black to 1 white) of the text, and of what is behind it. */
  text: number;
  background: number;
  /** The WCAG contrast ratio of the two (AA asks 4.5 for body text). */
  contrast: number;
}

/**
 * An element's text colour against what is behind it: its own background and its ancestors',
 * composited down to the first opaque one (white if none is). Colours are read through a
 * canvas, so any CSS colour (oklch included) comes out as sRGB.
 */
export function coloursOf(element: Locator): Promise<TextColours> {
  return element.evaluate((target) => {
    const context = document.createElement("canvas").getContext("2d", { willReadFrequently: true });
    if (!context) throw new Error("no 2d canvas");
    const rgba = (color: string) => {
      context.clearRect(0, 0, 1, 1);
      context.fillStyle = color;
      context.fillRect(0, 0, 1, 1);
      const [r = 0, g = 0, b = 0, a = 0] = context.getImageData(0, 0, 1, 1).data;
      return { r, g, b, a: a / 255 };
    };
    const layers: ReturnType<typeof rgba>[] = [];
    for (let node: Element | null = target; node; node = node.parentElement) {
      const layer = rgba(getComputedStyle(node).backgroundColor);
      if (layer.a > 0) layers.push(layer);
      if (layer.a === 1) break;
    }
    if (layers.at(-1)?.a !== 1) layers.push({ r: 255, g: 255, b: 255, a: 1 });
    const over = (top: ReturnType<typeof rgba>, under: ReturnType<typeof rgba>) => ({
      r: top.r * top.a + under.r * (1 - top.a),
      g: top.g * top.a + under.g * (1 - top.a),
      b: top.b * top.a + under.b * (1 - top.a),
      a: 1,
    });
    const background = layers.reduceRight((under, top) => over(top, under));
    const text = over(rgba(getComputedStyle(target).color), background);
    const luminance = ({ r, g, b }: ReturnType<typeof rgba>) => {
      const channel = (value: number) => {
        const c = value / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const [textLuminance, backgroundLuminance] = [luminance(text), luminance(background)];
    const [light, dark] = [textLuminance, backgroundLuminance].sort((a, b) => b - a) as [number, number];
    return { text: textLuminance, background: backgroundLuminance, contrast: (light + 0.05) / (dark + 0.05) };
  });
}
