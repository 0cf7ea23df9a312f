/**
 * Runs once in Node before the worker tests: builds the sealed fixture assets
 * and hands them to the tests, which seed them into real KV.
 */
import type { TestProject } from "vitest/node";
import { buildWorkerFixture, type WorkerFixture } from "../support/fixture.ts";

declare module "vitest" {
  export interface ProvidedContext {
    fixture: WorkerFixture;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  project.provide("fixture", await buildWorkerFixture());
}
