/**
 * Loaded into a benchmarked server (with `--expose-gc`): SIGUSR2 runs a full garbage collection and
 * says so on standard output, so memory figures count what is live rather than what the collector
 * has not reached yet. It changes nothing else about the server.
 */
process.on('SIGUSR2', () => {
  globalThis.gc?.();
  console.log('bench: gc done');
});
