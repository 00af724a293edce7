#!/usr/bin/env node
// contagion local Neo4j: start | stop | status for the Neo4j 5.26 launcher in
// tools/neo4j-launcher (a real Neo4j DBMS with APOC and Neo4j Browser, no Docker).
// Plain Node 20 ESM, built-in modules only.
//
// Environment:
//   NEO4J_HOME_DIR       data/log home (default <repo>/.neo4j)
//   NEO4J_BOLT_PORT      Bolt port (default 7687)
//   NEO4J_HTTP_PORT      HTTP/Browser port (default 7474)
//   NEO4J_PASSWORD       password of user neo4j (default contagion-dev)
//   NEO4J_JAVA_OPTS      extra JVM options, space separated (e.g. "-Xmx2g")
//   CONTAGION_JAVA_HOME  JDK 17 or 21 to use (default: detected under /usr/lib/jvm)
//   NEO4J_START_TIMEOUT  seconds to wait for Bolt (default 300, 600 when CI=true); a line every 15 s says
//                        what it is waiting for, and on giving up it says why and stops the JVM it started
// `check` exits 0 when a local Neo4j can be started here, else 1 with the reason.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const LAUNCHER = path.join(REPO, 'tools', 'neo4j-launcher');
const TARGET = path.join(LAUNCHER, 'target');
const BUILD_MARKER = path.join(TARGET, 'neo4j-launcher-1.0.0.jar');
const HOME = path.resolve(process.env.NEO4J_HOME_DIR || path.join(REPO, '.neo4j'));
const PID_FILE = path.join(HOME, 'run', 'neo4j.pid');
const LOG_FILE = path.join(HOME, 'launcher.log');
const BOLT_PORT = Number(process.env.NEO4J_BOLT_PORT || 7687);
const HTTP_PORT = Number(process.env.NEO4J_HTTP_PORT || 7474);
const START_TIMEOUT_S = startTimeoutSeconds(process.env);
const PROGRESS_EVERY_S = 15;
const STOP_TIMEOUT_S = 60;
const MAIN_CLASS = 'dev.contagion.neo4j.Neo4jLauncher';

class CliError extends Error {}
const fail = (msg) => { throw new CliError(msg); };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Seconds `start` waits for Bolt: NEO4J_START_TIMEOUT, else 600 under CI=true (shared, busy machines), else 300. */
function startTimeoutSeconds(env) {
  const raw = env.NEO4J_START_TIMEOUT;
  if (raw === undefined || raw === '') return env.CI === 'true' ? 600 : 300;
  const s = Number(raw);
  if (!Number.isInteger(s) || s < 1) {
    console.error(`neo4j: NEO4J_START_TIMEOUT must be a whole number of seconds (1 or more), not "${raw}"`);
    process.exit(2);
  }
  return s;
}

/** What a start is waiting for, in words: the launcher's READY line, or the Bolt port after it. */
function waitingFor(ready) {
  return ready ? `READY seen, Bolt port ${BOLT_PORT} not accepting yet` : 'the launcher has not printed READY yet';
}

/** The last line of the launcher log that says something (Neo4j logs what it is doing while it starts). */
function lastLogLine() {
  const lines = logTail(20).split('\n').map((l) => l.trim()).filter(Boolean);
  return (lines.at(-1) ?? '(empty log)').slice(0, 160);
}

// ---------- Java / Maven ----------

/** Major version of a JDK home from its `release` file, or null. */
function jdkMajor(home) {
  try {
    const m = fs.readFileSync(path.join(home, 'release'), 'utf8').match(/JAVA_VERSION="(\d+)/);
    return m && fs.existsSync(path.join(home, 'bin', 'java')) ? Number(m[1]) : null;
  } catch { return null; }
}

function findJavaHome() {
  const explicit = process.env.CONTAGION_JAVA_HOME;
  if (explicit) {
    if (!fs.existsSync(path.join(explicit, 'bin', 'java'))) fail(`CONTAGION_JAVA_HOME=${explicit} has no bin/java`);
    return explicit;
  }
  const list = (dir, suffix = '') => {
    try { return fs.readdirSync(dir).sort().map((d) => path.join(dir, d, suffix)); } catch { return []; }
  };
  const candidates = [
    '/usr/lib/jvm/java-17-openjdk-amd64',
    ...list('/usr/lib/jvm'),
    ...list('/Library/Java/JavaVirtualMachines', 'Contents/Home'),
    process.env.JAVA_HOME,
  ].filter(Boolean);
  for (const want of [17, 21]) {
    const hit = candidates.find((h) => jdkMajor(h) === want);
    if (hit) return hit;
  }
  fail('No Java 17 or 21 JDK found (Neo4j 5.26 needs one). Install openjdk-17-jdk or set CONTAGION_JAVA_HOME.');
}

function newestMtime(p) {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...fs.readdirSync(p).map((f) => newestMtime(path.join(p, f))));
}

function needsBuild() {
  if (!fs.existsSync(BUILD_MARKER) || !fs.existsSync(path.join(TARGET, 'lib'))) return true;
  const src = Math.max(newestMtime(path.join(LAUNCHER, 'pom.xml')), newestMtime(path.join(LAUNCHER, 'src')));
  return src > fs.statSync(BUILD_MARKER).mtimeMs;
}

function build(javaHome) {
  const probe = spawnSync('mvn', ['-v'], { stdio: 'ignore' });
  if (probe.error || probe.status !== 0) fail('Maven (mvn) not found on PATH; it is needed to build tools/neo4j-launcher.');
  console.log('Building the Neo4j launcher (first build downloads ~150 MB from Maven Central) ...');
  const r = spawnSync('mvn', ['-q', '-B', '-Dstyle.color=never', '-f', path.join(LAUNCHER, 'pom.xml'), 'clean', 'package'], {
    env: { ...process.env, JAVA_HOME: javaHome }, encoding: 'utf8', maxBuffer: 64 << 20,
  });
  if (r.status !== 0) {
    console.error(((r.stdout || '') + (r.stderr || '')).trim().split('\n').slice(-40).join('\n'));
    fail('Building tools/neo4j-launcher failed (see the Maven output above).');
  }
}

// ---------- process helpers ----------

function isAlive(pid) {
  try { process.kill(pid, 0); } catch (e) { return e.code === 'EPERM'; }
  try { // On Linux, make sure the pid was not reused by something else.
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(MAIN_CLASS);
  } catch { return true; }
}

/** Pid of the running launcher, or null (a stale pid file is removed). */
function runningPid() {
  let pid;
  try { pid = Number(fs.readFileSync(PID_FILE, 'utf8').trim()); } catch { return null; }
  if (pid > 0 && isAlive(pid)) return pid;
  fs.rmSync(PID_FILE, { force: true });
  return null;
}

function portOpen(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const s = net.connect({ port, host });
    const done = (ok) => { s.destroy(); resolve(ok); };
    s.setTimeout(1000, () => done(false));
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });
}

function readyLine() {
  try { return fs.readFileSync(LOG_FILE, 'utf8').split('\n').find((l) => l.startsWith('READY ')) ?? null; } catch { return null; }
}

function logTail(n = 30) {
  try { return fs.readFileSync(LOG_FILE, 'utf8').trimEnd().split('\n').slice(-n).join('\n'); } catch { return '(no log)'; }
}

// ---------- commands ----------

async function start() {
  const existing = runningPid();
  if (existing) {
    console.log(`Neo4j is already running (pid ${existing}): ${readyLine() ?? `bolt://127.0.0.1:${BOLT_PORT}`}`);
    return 0;
  }
  const pw = process.env.NEO4J_PASSWORD;
  if (pw !== undefined && pw !== '' && pw.length < 8) fail('NEO4J_PASSWORD must be at least 8 characters (Neo4j 5 minimum).');
  const javaHome = findJavaHome();
  for (const port of [BOLT_PORT, HTTP_PORT]) {
    if (await portOpen(port)) fail(`Port ${port} is already in use by another process; stop it or set NEO4J_BOLT_PORT / NEO4J_HTTP_PORT.`);
  }
  if (needsBuild()) build(javaHome);

  fs.mkdirSync(path.dirname(PID_FILE), { recursive: true });
  const log = fs.openSync(LOG_FILE, 'w');
  const cp = ['classes', 'lib/*', 'plugins/*'].map((p) => path.join(TARGET, p)).join(path.delimiter);
  const jvm = [
    '-Xms512m', '-Xmx1g', '-XX:+UseG1GC', '-XX:+ExitOnOutOfMemoryError',
    '--add-opens=java.base/java.nio=ALL-UNNAMED', '--add-opens=java.base/java.io=ALL-UNNAMED',
    '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED', '--enable-native-access=ALL-UNNAMED',
    '-Dio.netty.tryReflectionSetAccessible=true', '-Dlog4j2.disable.jmx=true',
    ...(process.env.NEO4J_JAVA_OPTS || '').split(/\s+/).filter(Boolean),
  ];
  const args = [...jvm, '-cp', cp, MAIN_CLASS, '--home', HOME, '--bolt-port', String(BOLT_PORT), '--http-port', String(HTTP_PORT)];
  const child = spawn(path.join(javaHome, 'bin', 'java'), args, { cwd: REPO, detached: true, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  let exited = null;
  child.once('exit', (code, signal) => { exited = signal ?? code; });
  child.once('error', (e) => { exited = e.message; });
  child.unref();
  if (child.pid) fs.writeFileSync(PID_FILE, `${child.pid}\n`);

  const t0 = Date.now();
  let nextProgress = PROGRESS_EVERY_S;
  console.log(`Waiting up to ${START_TIMEOUT_S} s for Neo4j on Bolt port ${BOLT_PORT} (NEO4J_START_TIMEOUT to change)`);
  while (Date.now() - t0 < START_TIMEOUT_S * 1000) {
    const waited = (Date.now() - t0) / 1000;
    if (waited >= nextProgress) {
      console.log(`  ... ${Math.round(waited)} s of ${START_TIMEOUT_S} s: ${waitingFor(readyLine())}; log: ${lastLogLine()}`);
      nextProgress += PROGRESS_EVERY_S;
    }
    if (exited !== null) {
      fs.rmSync(PID_FILE, { force: true });
      console.error(logTail());
      fail(`Neo4j exited during startup (${exited}); log: ${LOG_FILE}`);
    }
    const ready = readyLine();
    if (ready && (await portOpen(BOLT_PORT))) {
      const [, bolt, browser] = ready.split(' ');
      console.log(`Neo4j started in ${((Date.now() - t0) / 1000).toFixed(1)} s (pid ${child.pid})`);
      console.log(`  Bolt:    ${bolt}   (user neo4j)`);
      console.log(`  Browser: ${browser}`);
      console.log(`  Log:     ${LOG_FILE}`);
      return 0;
    }
    await sleep(500);
  }
  const why = waitingFor(readyLine());
  console.error(logTail());
  if (exited === null && child.pid) {
    try { process.kill(child.pid, 'SIGTERM'); } catch { /* already gone */ }
    for (let i = 0; i < 240 && isAlive(child.pid); i++) await sleep(250);
    if (isAlive(child.pid)) process.kill(child.pid, 'SIGKILL');
    fs.rmSync(PID_FILE, { force: true });
  }
  fail(`Neo4j did not answer on Bolt port ${BOLT_PORT} within ${START_TIMEOUT_S} s (${why}; last log line: ${lastLogLine()}); the JVM it started (pid ${child.pid}) was stopped. On a busy machine, allow longer with NEO4J_START_TIMEOUT=<seconds>; full log: ${LOG_FILE}`);
}

async function stop() {
  const pid = runningPid();
  if (!pid) { console.log('Neo4j is not running.'); return 0; }
  process.kill(pid, 'SIGTERM');
  const t0 = Date.now();
  while (isAlive(pid) && Date.now() - t0 < STOP_TIMEOUT_S * 1000) await sleep(250);
  if (isAlive(pid)) {
    console.error(`Neo4j (pid ${pid}) did not stop within ${STOP_TIMEOUT_S} s; sending SIGKILL (the next start will run recovery).`);
    process.kill(pid, 'SIGKILL');
    while (isAlive(pid)) await sleep(100);
  }
  fs.rmSync(PID_FILE, { force: true });
  console.log(`Neo4j stopped (pid ${pid}, ${((Date.now() - t0) / 1000).toFixed(1)} s).`);
  return 0;
}

async function status() {
  const pid = runningPid();
  if (!pid) {
    console.log(`stopped (home ${HOME})`);
    return 3;
  }
  const bolt = await portOpen(BOLT_PORT);
  console.log(`running pid=${pid} bolt=${BOLT_PORT}${bolt ? '' : ' (not answering yet)'} http=${HTTP_PORT} home=${HOME}`);
  return 0;
}

/** Whether a local Neo4j can be started here: a JDK 17/21, and a built launcher or Maven to build it. */
function check() {
  findJavaHome();
  if (needsBuild()) {
    const probe = spawnSync('mvn', ['-v'], { stdio: 'ignore' });
    if (probe.error || probe.status !== 0) fail('Maven (mvn) is not installed and tools/neo4j-launcher is not built');
  }
  console.log('ok');
  return 0;
}

const commands = { start, stop, status, check };
const cmd = process.argv[2];
if (!commands[cmd]) {
  console.error('usage: node scripts/neo4j.mjs start|stop|status|check');
  process.exit(2);
}
try {
  process.exitCode = await commands[cmd]();
} catch (e) {
  console.error(`neo4j ${cmd}: ${e instanceof CliError ? e.message : e.stack || e}`);
  process.exitCode = 1;
}
