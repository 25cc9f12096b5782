// Shows suite progress on stderr: a live bar on a terminal, plain throttled lines otherwise (CI logs, pipes).
import cliProgress from 'cli-progress';

/** Receives what suites report while they run. */
export interface ProgressReporter {
  /** A new suite begins; `suite` prefixes everything shown until the next call. */
  begin(suite: string): void;
  progress(label: string, done: number, total: number): void;
  log(message: string): void;
  /** The suite is over; the bar is cleared. */
  end(): void;
}

/** A bar that redraws in place; used when stderr is a terminal. */
class BarReporter implements ProgressReporter {
  private multi: cliProgress.MultiBar | undefined;
  private bar: cliProgress.SingleBar | undefined;
  private suite = '';
  private label = '';
  private done = 0;

  begin(suite: string): void {
    this.suite = suite;
  }

  progress(label: string, rawDone: number, rawTotal: number): void {
    // Suites may report fractions (e.g. elapsed milliseconds); the bar shows whole numbers.
    const done = Math.round(rawDone);
    const total = Math.round(rawTotal);
    if (!this.multi) {
      this.multi = new cliProgress.MultiBar(
        {
          stream: process.stderr,
          format: '{suite} {label} [{bar}] {percentage}% {value}/{total} eta {eta_formatted}',
          hideCursor: true,
          clearOnComplete: true,
          etaBuffer: 50,
        },
        cliProgress.Presets.shades_classic,
      );
    }
    // A new phase (or a phase starting over) gets a fresh bar, so its time estimate starts afresh.
    if (this.bar && (label !== this.label || done < this.done)) {
      this.multi.remove(this.bar);
      this.bar = undefined;
    }
    if (!this.bar) this.bar = this.multi.create(total, done, { suite: this.suite, label });
    else {
      this.bar.setTotal(total);
      this.bar.update(done, { suite: this.suite, label });
    }
    this.label = label;
    this.done = done;
  }

  log(message: string): void {
    if (this.multi) this.multi.log(`${this.suite}: ${message}\n`);
    else process.stderr.write(`${this.suite}: ${message}\n`);
  }

  end(): void {
    this.multi?.stop();
    this.multi = undefined;
    this.bar = undefined;
    this.label = '';
    this.done = 0;
  }
}

/** Plain lines: one when a phase starts, then at each quarter, so logs stay short. */
class LineReporter implements ProgressReporter {
  private suite = '';
  private label = '';
  private quarter = -1;

  begin(suite: string): void {
    this.suite = suite;
    this.label = '';
  }

  progress(label: string, done: number, total: number): void {
    const quarter = total > 0 ? Math.floor((done / total) * 4) : 4;
    if (label === this.label && quarter === this.quarter) return;
    if (label !== this.label || quarter > this.quarter) {
      process.stderr.write(`${this.suite} ${label}: ${Math.round(done)}/${Math.round(total)}\n`);
    }
    this.label = label;
    this.quarter = quarter;
  }

  log(message: string): void {
    process.stderr.write(`${this.suite}: ${message}\n`);
  }

  end(): void {
    this.label = '';
    this.quarter = -1;
  }
}

/** A bar reporter on a terminal, plain lines otherwise. */
export function createReporter(isTty = Boolean(process.stderr.isTTY)): ProgressReporter {
  return isTty ? new BarReporter() : new LineReporter();
}
