/**
 * @module
 * Reading and editing `.dev.vars` text: values as wrangler's dotenv parser reads them, and
 * edits that keep every line other than the ones they set.
 */
import { describe, expect, it } from "vitest";

import { parseDevVars, updateDevVars } from "../../scripts/lib/node/dev-vars.ts";

describe("parseDevVars", () => {
  it.each<[string, string, Record<string, string>]>([
    ["plain", "A=1\nB=two words\n", { A: "1", B: "two words" }],
    ["export prefix", "export A=1", { A: "1" }],
    ["inline comment", "A=1 # note\nB=\"x # y\" # note", { A: "1", B: "x # y" }],
    ["comment line", "# A=1\nB=2", { B: "2" }],
    ["quotes", "A='single'\nB=\"double\"\nC=`back`", { A: "single", B: "double", C: "back" }],
    ["multi-line quoted value", "A=\"first\nsecond\"\nB=1", { A: "first\nsecond", B: "1" }],
    ["escaped line break in double quotes", 'A="first\\nsecond"', { A: "first\nsecond" }],
    ["empty value", "A=\nB=", { A: "", B: "" }],
    ["CRLF line breaks", "A=1\r\nB=2\r\n", { A: "1", B: "2" }],
    ["repeated name", "A=1\nA=2", { A: "2" }],
  ])("reads %s", (_case, text, vars) => {
    expect(parseDevVars(text)).toEqual(vars);
  });
});

describe("updateDevVars", () => {
  it.each<[string, string, Record<string, string>, string]>([
    ["empty text", "", { MASTER_KEY: "k" },
      '# Local Worker secrets, created by the pipeline. Keep this file private; it is git-ignored.\nMASTER_KEY="k"\n'],
    ["new name", "# mine\nexport A=1 # note\n", { MASTER_KEY: "k" }, '# mine\nexport A=1 # note\nMASTER_KEY="k"\n'],
    ["text without final line break", "A=1", { MASTER_KEY: "k" }, 'A=1\nMASTER_KEY="k"\n'],
    ["empty value in place", "A=1\nMASTER_KEY=\n# after\nB=2\n", { MASTER_KEY: "k" }, 'A=1\nMASTER_KEY="k"\n# after\nB=2\n'],
    ["multi-line value", 'MASTER_KEY="x\ny"\nB=2\n', { MASTER_KEY: "k" }, 'MASTER_KEY="k"\nB=2\n'],
    ["repeated name", "MASTER_KEY=a\n# keep\nMASTER_KEY=b # note\nB=2\n", { MASTER_KEY: "k" }, '# keep\nMASTER_KEY="k"\nB=2\n'],
    ["CRLF line breaks", "A=1\r\nMASTER_KEY=old\r\n", { MASTER_KEY: "k", MASTER_KEY_PREVIOUS: "old" },
      'A=1\r\nMASTER_KEY="k"\r\nMASTER_KEY_PREVIOUS="old"\r\n'],
    ["value with double quote", "", { A: 'say "hi"' },
      "# Local Worker secrets, created by the pipeline. Keep this file private; it is git-ignored.\nA='say \"hi\"'\n"],
  ])("sets %s", (_case, text, updates, expected) => {
    const updated = updateDevVars(text, updates);

    expect(updated).toBe(expected);
    expect(parseDevVars(updated)).toMatchObject(updates);
  });
});
