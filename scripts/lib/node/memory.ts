/**
 * @module
 * Resident memory of a process and its descendants, from Linux's /proc. Used
 * by the benchmark to see whether workerd grows under load.
 */
import { readdirSync, readFileSync } from "node:fs";

function parentOf(pid: number): number | null {
  try {
    // Field 4 of /proc/PID/stat is the parent pid; the command name in field 2 may contain spaces, so split after ")".
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return null;
  }
}

function rssOf(pid: number, name: string | undefined): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    if (name !== undefined && /^Name:\s+(\S+)/m.exec(status)?.[1] !== name) return 0;
    const match = /VmRSS:\s+(\d+) kB/.exec(status);
    return match === null ? 0 : Number(match[1]) * 1024;
  } catch {
    return 0;
  }
}

/**
 * Sums VmRSS in bytes over `root` and all its descendants, or only over those whose
 * process name is `name`; 0 where /proc is unavailable.
 */
export function processTreeRssBytes(root: number, name?: string): number {
  const pids = readdirSync("/proc").filter((name) => /^\d+$/.test(name)).map(Number);
  const tree = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const pid of pids) {
      const parent = parentOf(pid);
      if (!tree.has(pid) && parent !== null && tree.has(parent)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  return [...tree].reduce((sum, pid) => sum + rssOf(pid, name), 0);
}
