import { stringify } from 'csv-stringify/sync';

/**
 * A CSV document for spreadsheets: UTF-8 with a BOM (Excel), quoted where needed, and every
 * text cell starting with =, +, -, @, tab or CR prefixed with ' (csv-stringify's
 * escape_formulas, which also covers the full-width =+-@ forms) so it is never run as a formula.
 * Numbers are written unrounded; null is an empty cell.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return stringify([header as unknown[], ...(rows as unknown[][])], {
    bom: true,
    escape_formulas: true,
    cast: { boolean: (v) => (v ? '1' : '0') },
  });
}
