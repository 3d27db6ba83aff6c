/**
 * Catalog import helpers: lines pasted from product links ("link, title, shop, price in yuan,
 * category") become the CSV importCatalog takes (a `link` column, the price in fen), so both ways
 * in give the same per-row report.
 */
import { csvText } from './csv';
import { parseYuan } from './money';

export interface LinkLine {
  row: number;
  link: string;
  title: string;
  shopName: string;
  priceFen: number | null;
  category: string;
}

/** Splits a pasted line on tabs or commas (links themselves hold no comma or tab). */
export function parseLinkLines(text: string): LinkLine[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line, index) => {
      const [link = '', title = '', shopName = '', price = '', category = ''] = line.split(/\t|\s*[,，]\s*/).map((p) => p.trim());
      return { row: index + 1, link, title, shopName, priceFen: parseYuan(price), category };
    });
}

/** The CSV for importCatalog; a price that is not an amount goes as it was typed, and the row is refused with a reason. */
export function linkLinesCsv(lines: readonly LinkLine[], raw: string): string {
  const typedPrices = raw
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => line.split(/\t|\s*[,，]\s*/)[3]?.trim() ?? '');
  return csvText(
    ['link', 'title', 'shopName', 'priceFen', 'category'],
    lines.map((l, i) => [l.link, l.title, l.shopName, l.priceFen ?? typedPrices[i] ?? '', l.category]),
  );
}
