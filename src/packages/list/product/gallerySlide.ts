/**
 * Which picture of the gallery is showing (0-based), from the strip's scroll position: the one that
 * covers most of the view. Every picture is as wide as the view, so the strip is `count` views wide.
 */
export function slideAt(scrollLeft: number, scrollWidth: number, count: number): number {
  if (count <= 1 || !(scrollWidth > 0)) return 0;
  const slideWidth = scrollWidth / count;
  return Math.min(count - 1, Math.max(0, Math.round(scrollLeft / slideWidth)));
}
