// A pause point for crash tests: with IDSYNC_TEST_PAUSE_FILE_EXPORT set to a stage name, the export stops there
// (and says so on stderr) until the process is killed, so a test can SIGKILL it at exactly that moment.

/** The stages an export can be paused at. */
export type PauseStage = 'after-journal' | 'after-write';

/** Never returns when the environment asks to pause at `stage`; otherwise returns at once. */
export async function pauseForCrashTest(stage: PauseStage): Promise<void> {
  if (process.env.IDSYNC_TEST_PAUSE_FILE_EXPORT !== stage) return;
  process.stderr.write(`file export paused ${stage}\n`);
  await new Promise<never>(() => setInterval(() => undefined, 60_000));
}
