// Go text/tabwriter (elastic tabstops) as docker's table formatter configures it, plus terminal display widths.

export interface TabwriterOptions {
  /** Minimal cell width including padding. */
  minwidth: number;
  /** Width of a tab character (only used with tab padding, which swarmlab does not emulate). */
  tabwidth: number;
  /** Padding added to a cell before computing the column width. */
  padding: number;
  /** The padding character (docker: ' '). */
  padchar: string;
}

/** docker/cli formatter: `tabwriter.NewWriter(out, 10, 1, 3, ' ', 0)`. */
export const DOCKER_TABLE: Readonly<TabwriterOptions> = Object.freeze({
  minwidth: 10,
  tabwidth: 1,
  padding: 3,
  padchar: ' ',
});

const ZERO_WIDTH = /[\p{Mn}\p{Me}\p{Cf}\p{Cc}]/u;
const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;

/** East Asian Wide / Fullwidth ranges (Unicode EastAsianWidth W and F), the ones terminals draw two columns wide. */
const WIDE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f],
  [0x231a, 0x231b],
  [0x2329, 0x232a],
  [0x23e9, 0x23ec],
  [0x23f0, 0x23f0],
  [0x23f3, 0x23f3],
  [0x25fd, 0x25fe],
  [0x2614, 0x2615],
  [0x2648, 0x2653],
  [0x267f, 0x267f],
  [0x2693, 0x2693],
  [0x26a1, 0x26a1],
  [0x26aa, 0x26ab],
  [0x26bd, 0x26be],
  [0x26c4, 0x26c5],
  [0x26ce, 0x26ce],
  [0x26d4, 0x26d4],
  [0x26ea, 0x26ea],
  [0x26f2, 0x26f3],
  [0x26f5, 0x26f5],
  [0x26fa, 0x26fa],
  [0x26fd, 0x26fd],
  [0x2705, 0x2705],
  [0x270a, 0x270b],
  [0x2728, 0x2728],
  [0x274c, 0x274c],
  [0x274e, 0x274e],
  [0x2753, 0x2755],
  [0x2757, 0x2757],
  [0x2795, 0x2797],
  [0x27b0, 0x27b0],
  [0x27bf, 0x27bf],
  [0x2b1b, 0x2b1c],
  [0x2b50, 0x2b50],
  [0x2b55, 0x2b55],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x16fe0, 0x16fe4],
  [0x17000, 0x18cff],
  [0x1b000, 0x1b2ff],
  [0x1f004, 0x1f004],
  [0x1f0cf, 0x1f0cf],
  [0x1f18e, 0x1f18e],
  [0x1f191, 0x1f19a],
  [0x1f200, 0x1f251],
  [0x1f300, 0x1f64f],
  [0x1f680, 0x1f6ff],
  [0x1f900, 0x1f9ff],
  [0x1fa70, 0x1faff],
  [0x20000, 0x2fffd],
  [0x30000, 0x3fffd],
];

function isWide(codePoint: number): boolean {
  for (const [lo, hi] of WIDE_RANGES) {
    if (codePoint < lo) return false;
    if (codePoint <= hi) return true;
  }
  return false;
}

/** Columns one character takes on a terminal (go-runewidth RuneWidth, non-East-Asian locale). */
export function charWidth(char: string): number {
  const codePoint = char.codePointAt(0) ?? 0;
  if (codePoint === 0 || ZERO_WIDTH.test(char)) return 0;
  if (isWide(codePoint) || (codePoint >= 0x1f000 && PICTOGRAPHIC.test(char))) return 2;
  return 1;
}

/** Columns a string takes on a terminal (go-runewidth StringWidth). */
export function displayWidth(text: string): number {
  if (isPrintableAscii(text)) return text.length;
  let width = 0;
  for (const char of text) width += charWidth(char);
  return width;
}

interface Line {
  cells: string[];
  /** false only for the text after the last newline (it is written without a newline). */
  terminated: boolean;
}

/**
 * Split text into lines of cells the way tabwriter does: every tab or newline terminates a cell; the text after
 * the last newline forms a final line whose trailing empty cell is not a cell at all.
 */
function splitLines(text: string): Line[] {
  const segments = text.split('\n');
  const lines: Line[] = segments.slice(0, -1).map((segment) => ({ cells: segment.split('\t'), terminated: true }));
  const tail = segments[segments.length - 1].split('\t');
  if (tail[tail.length - 1] === '') tail.pop();
  lines.push({ cells: tail, terminated: false });
  return lines;
}

/**
 * Align tab-terminated cells into columns exactly like Go's text/tabwriter (flags 0, non-tab padchar).
 * A column is a run of contiguous lines that have a tab-terminated cell at that index; the last cell of a line
 * is never part of a column and is written without padding.
 */
export function tabwrite(text: string, options: TabwriterOptions = DOCKER_TABLE): string {
  const table = new Table(splitLines(text), options);
  table.format([], 0, table.lines.length);
  return table.out;
}

/** One tabwrite: each cell's display width measured once, the output built as one string. */
class Table {
  readonly widths: number[][];
  out = '';
  /** Padding strings by length: a column pads most of its cells alike. */
  private readonly pads: string[] = [];

  constructor(
    readonly lines: Line[],
    private readonly options: TabwriterOptions,
  ) {
    this.widths = lines.map((line) => line.cells.map(displayWidth));
  }

  format(columnWidths: number[], from: number, to: number): void {
    const column = columnWidths.length;
    const { lines, options } = this;
    let blockStart = from;
    for (let i = from; i < to; i++) {
      if (column >= lines[i].cells.length - 1) continue;
      this.write(columnWidths, blockStart, i);
      blockStart = i;
      let width = options.minwidth;
      for (; i < to && column < lines[i].cells.length - 1; i++) {
        width = Math.max(width, this.widths[i][column] + options.padding);
      }
      this.format([...columnWidths, width], blockStart, i);
      blockStart = i;
    }
    this.write(columnWidths, blockStart, to);
  }

  private write(columnWidths: number[], from: number, to: number): void {
    for (let i = from; i < to; i++) {
      const { cells, terminated } = this.lines[i];
      const widths = this.widths[i];
      for (let j = 0; j < cells.length; j++) {
        this.out += cells[j];
        if (j < columnWidths.length) this.out += this.pad(columnWidths[j] - widths[j]);
      }
      if (terminated) this.out += '\n';
    }
  }

  private pad(count: number): string {
    if (count <= 0) return '';
    let pad = this.pads[count];
    if (pad === undefined) pad = this.pads[count] = this.options.padchar.repeat(count);
    return pad;
  }
}

/** Text every character of which takes one column (the common case: checked by code unit, without a regex). */
function isPrintableAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code > 0x7e) return false;
  }
  return true;
}
