/** The app's own colours, used when a campaign's colour is not a plain #rrggbb. */
export const DEFAULT_PRIMARY = '#ff5000';
export const DEFAULT_BACKGROUND = '#f5f5f5';

const HEX_COLOR = /^#[0-9a-f]{6}$/i;

/**
 * A marketer's colour goes straight into a style; anything but #rrggbb (what the console
 * stores) falls back, so a bad value cannot break the page's look or smuggle in other CSS.
 */
export function pageColor(value: string | null | undefined, fallback: string): string {
  return value && HEX_COLOR.test(value.trim()) ? value.trim() : fallback;
}
