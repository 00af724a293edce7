// Preloaded (node --require) into a process the start-up case measures: at exit it writes to stderr the
// CPU time (user + system, microseconds) the process used.
process.on('exit', () => {
  const used = process.cpuUsage();
  process.stderr.write(`cpu-us ${used.user + used.system}\n`);
});
