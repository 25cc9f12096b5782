// Watches this process's resident set size while a suite runs.
import { performance } from 'node:perf_hooks';

/** Tracks the highest resident set size seen; sampled on a timer and whenever `maybeSample` is called. */
export class RssWatch {
  private peak = process.memoryUsage.rss();
  private lastSample = performance.now();
  private readonly timer = setInterval(() => this.sample(), 100).unref();

  /** Takes a sample now. */
  sample(): void {
    this.lastSample = performance.now();
    const rss = process.memoryUsage.rss();
    if (rss > this.peak) this.peak = rss;
  }

  /** Samples unless one was taken in the last 50 ms; hot loops block the timer, so progress calls sample too. */
  maybeSample(): void {
    if (performance.now() - this.lastSample >= 50) this.sample();
  }

  /** Stops sampling; returns the sampled peak and the kernel's high-water mark, whichever is higher, and the latter. */
  stop(): { peakRssBytes: number; maxRssBytes: number } {
    clearInterval(this.timer);
    this.sample();
    const maxRssBytes = process.resourceUsage().maxRSS * 1024;
    return { peakRssBytes: Math.max(this.peak, maxRssBytes), maxRssBytes };
  }
}
