// Reads PDFs the way a person would see them, with poppler-utils: the text (pdftotext) and a
// page as pixels (pdftoppm, binary PPM, which needs no image library to read).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

function withFile<T>(pdf: Buffer, use: (file: string, dir: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pds-pdf-'));
  try {
    const file = path.join(dir, 'report.pdf');
    fs.writeFileSync(file, pdf);
    return use(file, dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of the PDF (or of one page), whitespace folded to single spaces. */
export function pdfText(pdf: Buffer, page?: number): string {
  return withFile(pdf, (file) => {
    const range = page ? ['-f', String(page), '-l', String(page)] : [];
    return execFileSync('pdftotext', [...range, '-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  });
}

export function pdfPageCount(pdf: Buffer): number {
  return withFile(pdf, (file) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1] ?? 0));
}

/** Pixels of one page rendered at `dpi`: width, height and RGB bytes. */
export function pdfPagePixels(pdf: Buffer, page: number, dpi = 60): { width: number; height: number; rgb: Buffer } {
  return withFile(pdf, (file, dir) => {
    const out = path.join(dir, 'page');
    execFileSync('pdftoppm', ['-f', String(page), '-l', String(page), '-r', String(dpi), '-singlefile', file, out]);
    const ppm = fs.readFileSync(`${out}.ppm`);
    // P6\n<width> <height>\n<max>\n<bytes>
    const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(ppm.subarray(0, 40).toString('latin1'));
    if (!header) throw new Error('not a binary PPM');
    return { width: Number(header[1]), height: Number(header[2]), rgb: ppm.subarray(header[0].length) };
  });
}

/** How many pixels are within `tolerance` of the colour on each channel. */
export function countColour(pixels: { rgb: Buffer }, [r, g, b]: [number, number, number], tolerance = 40): number {
  let n = 0;
  for (let i = 0; i + 2 < pixels.rgb.length; i += 3) {
    if (Math.abs(pixels.rgb[i]! - r) <= tolerance && Math.abs(pixels.rgb[i + 1]! - g) <= tolerance && Math.abs(pixels.rgb[i + 2]! - b) <= tolerance) n++;
  }
  return n;
}
