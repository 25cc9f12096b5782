// Settings held in memory, for an engine without a data directory (and for tests).
import { SchedulerSettings } from './settings.ts';
import type { SettingsRepository } from './scheduler.ts';

/** A SettingsRepository that keeps the settings in this object. */
export class MemorySettings implements SettingsRepository {
  private value: SchedulerSettings;

  constructor(initial: Partial<SchedulerSettings> = {}) {
    this.value = SchedulerSettings.parse(initial);
  }

  /** The current settings. */
  load(): SchedulerSettings {
    return structuredClone(this.value);
  }

  /** Applies a change and returns the result. */
  update(change: (s: SchedulerSettings) => SchedulerSettings): SchedulerSettings {
    this.value = SchedulerSettings.parse(change(this.load()));
    return this.load();
  }
}
