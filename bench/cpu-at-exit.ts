// Preloaded (node --require) into a process a bench case measures: at exit it writes to stderr the CPU time
// (user + system, microseconds) the process used and its peak RSS.
process.on('exit', () => {
  const used = process.cpuUsage();
  process.stderr.write(`cpu-us ${used.user + used.system}\nmax-rss-kb ${process.resourceUsage().maxRSS}\n`);
});
