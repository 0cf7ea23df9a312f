/**
 * Runs once in Node before the worker tests: builds the sealed fixture assets
 * and hands them to the tests, which seed them into real KV.
 */
import type { TestProject } from "vitest/node";
import { buildWorkerFixture } from "./fixture.ts";
import "./fixture-types.ts";

export default async function setup(project: TestProject): Promise<void> {
  project.provide("fixture", await buildWorkerFixture());
}
