/**
 * @module
 * `npm start` and `npm run dev` as child processes, and the checks they share in
 * scripts/lib/node/dev-server.ts. A taken port, a missing file and a server that serves
 * another version must each end the command with exit code 1 and a message that says
 * what to do. Servers listen on free ports on 127.0.0.1, never on 8787.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, copyFileSync, existsSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { assertPortFree, assertServedVersion, DevServerError, SmokeCheckError } from "../../scripts/lib/node/dev-server.ts";
import { OFFLINE_WRANGLER_ENV } from "../../scripts/lib/node/wrangler.ts";
import { TEST_MASTER_KEY } from "../support/secrets.ts";

const PROJECT = fileURLToPath(new URL("../../", import.meta.url));
const START = join(PROJECT, "scripts/start.ts");
const DEV = join(PROJECT, "scripts/dev.ts");

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

let root: string;
const servers: Server[] = [];

// The child's environment: no MASTER_KEY, so it reads .dev.vars, and wrangler offline with its logs kept here.
const childEnv = (): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, ...OFFLINE_WRANGLER_ENV, WRANGLER_LOG_PATH: join(root, "wrangler-logs") };
  delete env.MASTER_KEY;
  delete env.MASTER_KEY_PREVIOUS;
  return env;
};

const runScript = (script: string, args: string[], cwd: string): Promise<RunResult> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd, env: childEnv(), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });

/** Listens on a free port of 127.0.0.1 until the test ends, and returns the port. */
const occupyPort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer((socket) => socket.end("HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\nother"));
    servers.push(server);
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve((server.address() as { port: number }).port));
  });

/** Returns a port of 127.0.0.1 that was free a moment ago. */
const freePort = async (): Promise<number> => {
  const port = await occupyPort();
  await new Promise((resolve) => servers.pop()!.close(resolve));
  return port;
};

const inUseMessage = (port: number): string =>
  `port ${port} on 127.0.0.1 is in use; stop the other server (is "npm run dev" already running?) or pass --port with a free port`;

/** Creates a folder with the files that `npm run dev` checks for. No test serves their content. */
const createServeFolder = (name: string, files: { manifest: boolean; devVars: string | null }): string => {
  const folder = join(root, name);
  mkdirSync(join(folder, "model"), { recursive: true });
  if (files.manifest) writeFileSync(join(folder, "model/kv-manifest.json"), "[]");
  if (files.devVars !== null) writeFileSync(join(folder, ".dev.vars"), files.devVars);
  return folder;
};

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "serve-"));
});

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe("assertPortFree", () => {
  it("accepts free port", async () => {
    await expect(assertPortFree(await freePort())).resolves.toBeUndefined();
  });

  it("rejects port in use", async () => {
    const port = await occupyPort();

    await expect(assertPortFree(port)).rejects.toThrow(new DevServerError(inUseMessage(port)));
  });
});

describe("assertServedVersion", () => {
  it("accepts expected version", () => {
    expect(() => assertServedVersion('{"status":"ok","modelVersion":"v2"}', "v2", "model/summary.json")).not.toThrow();
  });

  it.each<[string, string, string]>([
    ["other version", '{"status":"ok","modelVersion":"v1"}',
      'GET /api/health serves modelVersion "v1", but model/summary.json names "v2", so the server does not serve the assets that the pipeline has just written; ' +
        "check that no other pipeline run changed the local KV since"],
    ["no version", '{"status":"unavailable","modelVersion":null}',
      'GET /api/health serves modelVersion null, but model/summary.json names "v2", so the server does not serve the assets that the pipeline has just written; ' +
        "check that no other pipeline run changed the local KV since"],
    ["body that is not JSON", "other",
      "GET /api/health returned a body that is not JSON; is another server responding on this port?"],
  ])("rejects %s", (_case, body, message) => {
    expect(() => assertServedVersion(body, "v2", "model/summary.json")).toThrow(new SmokeCheckError(message));
  });
});

describe("npm run dev", () => {
  const RUN_PIPELINE = '"npm run pipeline -- --input FILE" (or "npm start" for the sample)';
  const NO_ASSETS = `dev failed: no assets to serve: model/kv-manifest.json not found; run ${RUN_PIPELINE} first\n`;
  const NO_DEV_VARS =
    `dev failed: .dev.vars not found, so the Worker has no MASTER_KEY to open the assets; run ${RUN_PIPELINE}, ` +
    "which creates it and seals the assets under the new key\n";
  const NO_MASTER_KEY = `dev failed: .dev.vars has no MASTER_KEY value; run ${RUN_PIPELINE}, which adds one and seals the assets under it\n`;

  it.each<[string, { manifest: boolean; devVars: string | null }, string]>([
    ["both files", { manifest: false, devVars: null }, NO_ASSETS + NO_DEV_VARS],
    ["manifest", { manifest: false, devVars: `MASTER_KEY="${TEST_MASTER_KEY}"\n` }, NO_ASSETS],
    [".dev.vars", { manifest: true, devVars: null }, NO_DEV_VARS],
    ["MASTER_KEY", { manifest: true, devVars: "# no key yet\nOTHER=1\nMASTER_KEY=\n" }, NO_MASTER_KEY],
  ])("rejects missing %s", async (name, files, message) => {
    const cwd = createServeFolder(`dev-missing-${name.replaceAll(/\W/g, "")}`, files);
    const result = await runScript(DEV, ["--port", String(await freePort())], cwd);

    expect(result.code).toBe(1);
    expect(result.stderr).toBe(message);
    expect(result.stdout).toBe("");
  });

  it("rejects port in use", async () => {
    const cwd = createServeFolder("dev-port", { manifest: true, devVars: `MASTER_KEY="${TEST_MASTER_KEY}"\n` });
    const port = await occupyPort();
    const result = await runScript(DEV, ["--port", String(port)], cwd);

    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`dev failed: ${inUseMessage(port)}\n`);
    expect(result.stdout).toBe("");
  });

  it.each<[string, string[], number, string]>([
    ["unknown option", ["--verbose"], 2, "dev failed: Unknown option '--verbose'"],
    ["invalid port", ["--port", "http"], 2, 'dev failed: --port must be an integer from 1 to 65535, got "http"'],
  ])("rejects %s with usage", async (_case, args, code, firstLine) => {
    const result = await runScript(DEV, args, root);
    const lines = result.stderr.split("\n");

    expect(result.code).toBe(code);
    expect(lines[0]!.startsWith(firstLine)).toBe(true);
    expect(lines.slice(1, 3)).toEqual(["", "Usage: npm run dev -- [options]"]);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it("prints usage for --help", async () => {
    const result = await runScript(DEV, ["--help"], root);

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: npm run dev -- \[options\]\n/);
    expect(result.stderr).toBe("");
  });
});

describe("npm start", () => {
  it("rejects port in use before the pipeline", async () => {
    const cwd = join(root, "start-port");
    mkdirSync(cwd);
    const port = await occupyPort();
    const result = await runScript(START, ["--smoke", "--port", String(port)], cwd);

    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`start failed: ${inUseMessage(port)}\n`);
    expect(result.stdout).toBe("");
    expect(existsSync(join(cwd, "data"))).toBe(false);
    expect(existsSync(join(cwd, "model"))).toBe(false);
  });

  it("rejects unknown option with usage", async () => {
    const result = await runScript(START, ["--smok"], root);

    expect(result.code).toBe(2);
    expect(result.stderr.split("\n").slice(1, 3)).toEqual(["", "Usage: npm start -- [options]"]);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it("passes smoke check on served version", async () => {
    // A project folder of its own, so that the sample, model/, .dev.vars and the local KV stay in it.
    const cwd = join(root, "start-smoke");
    mkdirSync(cwd);
    for (const name of ["src", "scripts", "node_modules", "package.json", "tsconfig.json"]) symlinkSync(join(PROJECT, name), join(cwd, name));
    copyFileSync(join(PROJECT, "wrangler.toml"), join(cwd, "wrangler.toml"));
    const port = await freePort();
    const result = await runScript(START, ["--smoke", "--port", String(port)], cwd);
    const version = JSON.parse(readFileSync(join(cwd, "model/summary.json"), "utf8")).modelVersion as string;

    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`GET /api/health -> 200\n{"status":"ok","modelVersion":"${version}"`);
    expect(result.stdout).toMatch(/^GET \/api\/recommendation\/\S+\?limit=3 -> 200$/m);
    expect(result.stdout).toContain(`smoke check passed: model ${version} served on http://127.0.0.1:${port}\n`);
    expect(result.stdout).not.toContain("Serving on");
  }, 180_000);
});
