/**
 * @module
 * Exclusive lock files, so that two pipeline runs never write the same output or
 * the same local KV namespace at once. A lock file is created with the `wx` flag,
 * which fails when the file exists, and contains the owner's host, pid and start time.
 * A lock whose owner no longer runs on this host is stale and is taken over.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { dirname } from "node:path";

/** Content of a lock file. */
interface LockOwner {
  host: string;
  pid: number;
  /** ISO 8601 time at which the owner took the lock. */
  startedAt: string;
}

/** A lock held by this process. */
export interface FileLock {
  path: string;
  /** Deletes the lock file, unless another process has taken it over since. */
  release(): void;
}

/** Options of acquireLock. */
export interface LockOptions {
  /** Name of the protected resource in messages, for example `the output folder "model"`. */
  resource: string;
  /** Receives the warning printed when a stale lock is taken over. */
  onStaleLock: (message: string) => void;
}

/** Thrown when another running process holds the lock. The message names the lock file and what to do. */
export class LockHeldError extends Error {
  override readonly name = "LockHeldError";
}

const readOwner = (path: string): LockOwner | null => {
  try {
    const owner = JSON.parse(readFileSync(path, "utf8")) as Partial<LockOwner>;
    if (typeof owner.host !== "string" || typeof owner.pid !== "number" || typeof owner.startedAt !== "string") return null;
    return { host: owner.host, pid: owner.pid, startedAt: owner.startedAt };
  } catch {
    return null;
  }
};

// Signal 0 only checks that the process exists. EPERM means that it exists under another user.
const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
};

const describeOwner = (owner: LockOwner): string => `pid ${owner.pid} on ${owner.host}, started ${owner.startedAt}`;

const isSameOwner = (found: LockOwner | null, expected: LockOwner): boolean =>
  found !== null && found.host === expected.host && found.pid === expected.pid && found.startedAt === expected.startedAt;

/** Creates the lock file; returns false when it exists already. */
const tryCreate = (path: string, owner: LockOwner): boolean => {
  try {
    writeFileSync(path, `${JSON.stringify(owner)}\n`, { flag: "wx" });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
};

/**
 * Moves a stale lock aside and checks that the moved file is still the stale one. When
 * another run took the lock over in between, puts its lock back and returns false.
 */
const removeStaleLock = (path: string, stale: LockOwner, owner: LockOwner): boolean => {
  const aside = `${path}.stale-${owner.pid}-${Date.now()}`;
  try {
    renameSync(path, aside);
  } catch (error) {
    // Another run moved it first.
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return true;
    throw error;
  }
  if (isSameOwner(readOwner(aside), stale)) {
    rmSync(aside, { force: true });
    return true;
  }
  renameSync(aside, path);
  return false;
};

/**
 * Creates the lock file at `path`, creating its parent folders if needed. A lock left by a
 * process that no longer runs on this host is taken over, with a warning to `onStaleLock`.
 *
 * @throws LockHeldError when a running process, a process on another host, or an unreadable
 * lock file holds the lock.
 */
export function acquireLock(path: string, options: LockOptions): FileLock {
  const owner: LockOwner = { host: hostname(), pid: process.pid, startedAt: new Date().toISOString() };
  mkdirSync(dirname(path), { recursive: true });

  // Two attempts: the second follows the removal of a stale lock.
  for (let attempt = 0; attempt < 2; attempt++) {
    if (tryCreate(path, owner)) {
      return {
        path,
        release() {
          if (isSameOwner(readOwner(path), owner)) rmSync(path, { force: true });
        },
      };
    }
    const current = readOwner(path);
    const isStale = current !== null && current.host === owner.host && !isRunning(current.pid);
    if (!isStale || !removeStaleLock(path, current, owner)) {
      const holder = current === null ? "another pipeline run" : `another pipeline run (${describeOwner(current)})`;
      throw new LockHeldError(`${path} exists: ${holder} is writing ${options.resource}; wait for it to finish, or delete ${path} if no run is active`);
    }
    options.onStaleLock(`${path}: the run that created this lock (${describeOwner(current)}) is no longer running; taking the lock over`);
  }
  throw new LockHeldError(`${path} exists: another pipeline run took it over at the same moment; wait for it to finish, or delete ${path} if no run is active`);
}
