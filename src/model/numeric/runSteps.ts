/**
 * Work written as a generator (it yields between pieces so that a worker can stop for newer
 * work) and run in one go where nothing needs to interrupt it: the CLI, tests, and the plain
 * function beside each `…Steps` generator.
 */

/** Runs `steps` to its end and returns its value. */
export function runSteps<T>(steps: Iterator<unknown, T, undefined>): T {
  for (;;) {
    const s = steps.next();
    if (s.done) return s.value;
  }
}
