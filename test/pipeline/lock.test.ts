/**
 * @module
 * acquireLock on lock files in a temporary folder: who may take a lock over, and what
 * release leaves behind.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { acquireLock, LockHeldError } from "../../scripts/lib/node/lock.ts";

const STARTED_AT = "2026-01-01T00:00:00.000Z";

// The pid of a process that has exited.
const exitedPid = (): number => spawnSync(process.execPath, ["-e", ""]).pid!;

const ownerText = (host: string, pid: number): string => JSON.stringify({ host, pid, startedAt: STARTED_AT });

let folder: string;

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), "lock-"));
});

afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

describe("acquireLock", () => {
  it("creates lock with owner", () => {
    const path = join(folder, "fresh.lock");
    const lock = acquireLock(path, { resource: "the test output", onStaleLock: () => {} });
    const owner = JSON.parse(readFileSync(path, "utf8"));
    lock.release();

    expect(owner).toMatchObject({ host: hostname(), pid: process.pid });
    expect(new Date(owner.startedAt).toISOString()).toBe(owner.startedAt);
    expect(existsSync(path)).toBe(false);
  });

  // Each case returns the lock file's content and the holder that the message names.
  it.each<[string, () => [string, string]]>([
    ["live process", () => [ownerText(hostname(), process.pid), `another pipeline run (pid ${process.pid} on ${hostname()}, started ${STARTED_AT})`]],
    ["other host", () => {
      const pid = exitedPid();
      return [ownerText("other-host.example", pid), `another pipeline run (pid ${pid} on other-host.example, started ${STARTED_AT})`];
    }],
    ["unreadable lock file", () => ["", "another pipeline run"]],
  ])("rejects lock held by %s", (name, createCase) => {
    const path = join(folder, `${name.replaceAll(" ", "-")}.lock`);
    const [content, holder] = createCase();
    writeFileSync(path, content);
    const warnings: string[] = [];

    expect(() => acquireLock(path, { resource: "the test output", onStaleLock: (message) => warnings.push(message) })).toThrow(
      new LockHeldError(`${path} exists: ${holder} is writing the test output; wait for it to finish, or delete ${path} if no run is active`),
    );
    expect(readFileSync(path, "utf8")).toBe(content);
    expect(warnings).toEqual([]);
  });

  it("takes over stale lock", () => {
    const path = join(folder, "stale.lock");
    const pid = exitedPid();
    writeFileSync(path, ownerText(hostname(), pid));
    const warnings: string[] = [];
    const lock = acquireLock(path, { resource: "the test output", onStaleLock: (message) => warnings.push(message) });

    expect(warnings).toEqual([
      `${path}: the run that created this lock (pid ${pid} on ${hostname()}, started ${STARTED_AT}) is no longer running; taking the lock over`,
    ]);
    expect(JSON.parse(readFileSync(path, "utf8")).pid).toBe(process.pid);
    lock.release();
    expect(existsSync(path)).toBe(false);
  });

  it("keeps lock taken over by another owner", () => {
    const path = join(folder, "taken-over.lock");
    const lock = acquireLock(path, { resource: "the test output", onStaleLock: () => {} });
    writeFileSync(path, ownerText(hostname(), process.pid));
    lock.release();

    expect(readFileSync(path, "utf8")).toBe(ownerText(hostname(), process.pid));
  });
});
