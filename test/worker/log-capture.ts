/**
 * Setup file of the worker tests: records every console line the Worker writes
 * during a test file and, after it, checks that none contains an identifying
 * string of the fixture or the master secret.
 */
import { afterAll, beforeAll, expect } from "vitest";
import { fixture, testEnv } from "./helpers.ts";

const methods = ["log", "info", "warn", "error", "debug"] as const;
const lines: string[] = [];
const originals = new Map<string, (...args: unknown[]) => void>();

beforeAll(() => {
  for (const method of methods) {
    const original = console[method].bind(console);
    originals.set(method, original);
    console[method] = (...args: unknown[]) => {
      lines.push(args.map(String).join(" "));
      original(...args);
    };
  }
});

afterAll(() => {
  for (const method of methods) console[method] = originals.get(method)!;
  const secrets = [testEnv.MASTER_KEY!, ...fixture.identifyingStrings];
  const leaks = lines.filter((line) => secrets.some((secret) => line.includes(secret)));
  expect(leaks, "log lines with a secret or an identifying string").toEqual([]);
});
