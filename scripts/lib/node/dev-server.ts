/**
 * @module
 * Starts `wrangler dev` on loopback and waits until it answers, for the
 * start command, the smoke check and the benchmark.
 */
import type { ChildProcess } from "node:child_process";
import { spawnWrangler } from "./wrangler.ts";

/** A running `wrangler dev`. */
export interface DevServer {
  /** Base URL, for example http://127.0.0.1:8787. */
  url: string;
  child: ChildProcess;
  /** Stops the server and waits for it to exit. */
  stop(): Promise<void>;
}

/** Options of the dev server; the address is always 127.0.0.1. */
export interface DevServerOptions {
  port: number;
  /** Pipe the server's output here instead of inheriting the terminal. */
  quiet?: boolean;
  /** Milliseconds to wait for the first answer. */
  startTimeoutMs?: number;
}

async function waitForServer(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with code ${child.exitCode} before it answered`);
    try {
      // Any answer will do; an unknown path does not start the runtime, so a later first request stays cold.
      await fetch(`${url}/ready`, { signal: AbortSignal.timeout(2_000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error(`wrangler dev did not answer on ${url} within ${timeoutMs / 1000} s`);
}

/** Starts `wrangler dev --ip 127.0.0.1 --port PORT` and resolves once it answers HTTP. */
export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const url = `http://127.0.0.1:${options.port}`;
  // At "warn", wrangler does not print its own line per request, which would show each person id in the URL.
  const args = ["dev", "--ip", "127.0.0.1", "--port", String(options.port), "--show-interactive-dev-session=false", "--log-level", "warn"];
  const child = spawnWrangler(args, {
    stdio: options.quiet ? ["ignore", "ignore", "inherit"] : ["ignore", "inherit", "inherit"],
    detached: process.platform !== "win32",
  });
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    try {
      // wrangler starts workerd as a child; signalling the process group stops both.
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      child.kill("SIGTERM");
    }
    await exited;
  };
  try {
    await waitForServer(url, child, options.startTimeoutMs ?? 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, child, stop };
}
