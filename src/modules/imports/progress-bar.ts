import type { JobProgress } from './jobs.js';

/**
 * The command line's progress bar on stderr: percentage from the file's size, rows, rows per
 * second. On a terminal it redraws one line; otherwise (a log file, a test) it prints a line
 * every few seconds.
 */
const nf = new Intl.NumberFormat('sv-SE');

export class ProgressBar {
  private readonly started = Date.now();
  private lastDraw = 0;

  constructor(
    private readonly out: NodeJS.WriteStream | NodeJS.WritableStream,
    private readonly tty: boolean,
  ) {}

  line(p: Readonly<JobProgress>): string {
    const seconds = Math.max(0.001, (Date.now() - this.started) / 1000);
    const rate = Math.round(p.rowsRead / seconds);
    const pct = p.bytesTotal ? Math.min(100, Math.floor((100 * p.bytesRead) / p.bytesTotal)) : null;
    const width = 24;
    const filled = pct === null ? 0 : Math.round((pct / 100) * width);
    const bar =
      pct === null
        ? ''
        : `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(pct).padStart(3)} % `;
    const counting = p.stage === 'counting' ? ', räknar indikatorerna / counting the indicators' : '';
    return `${bar}${nf.format(p.rowsRead)} rader / rows, ${nf.format(rate)} rader/s${counting}`;
  }

  update(p: Readonly<JobProgress>, final = false): void {
    const now = Date.now();
    if (!final && now - this.lastDraw < (this.tty ? 200 : 5000)) return;
    this.lastDraw = now;
    this.out.write(this.tty ? `\r${this.line(p)}\x1b[K${final ? '\n' : ''}` : `${this.line(p)}\n`);
  }
}
