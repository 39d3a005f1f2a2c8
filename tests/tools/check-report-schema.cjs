// Checks report JSON files (written by `peiling-hub report --format json`) against
// assets/schema/report.schema.json with Ajv, and that the schema rejects a report that breaks it.
// Usage: node check-report-schema.cjs NODE_MODULES_DIR REPO_DIR REPORT.json... Exits 1 on any mismatch.
// The report round-trip test (tests/e2e/report_test.cpp) runs it on the reports it writes.
'use strict';
const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');

const [modulesDir, repo, ...reports] = process.argv.slice(2);
if (!modulesDir || !repo || reports.length === 0) {
  console.error('usage: check-report-schema.cjs NODE_MODULES_DIR REPO_DIR REPORT.json...');
  process.exit(2);
}
const load = createRequire(path.join(path.resolve(modulesDir), 'index.js'));
const Ajv2020 = load('ajv/dist/2020').default;
const addFormats = load('ajv-formats').default;
const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(fs.readFileSync(path.join(repo, 'assets', 'schema', 'report.schema.json'), 'utf8')));

const failures = [];
for (const file of reports) {
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!validate(report)) {
    failures.push(`${file}: rejected:\n${validate.errors.map((e) => `  ${e.instancePath || '/'}: ${e.message}`).join('\n')}`);
    continue;
  }
  const broken = structuredClone(report);
  broken.summary.responses = -1;
  if (validate(broken)) failures.push(`${file} with a negative count: accepted, should be rejected`);
  const unknown = structuredClone(report);
  unknown.response_ids = [];
  if (validate(unknown)) failures.push(`${file} with an unknown key: accepted, should be rejected`);
}
if (failures.length > 0) {
  console.error(failures.join('\n'));
  process.exit(1);
}
console.log(`report schema: ${reports.length} report(s) accepted, broken variants rejected`);
