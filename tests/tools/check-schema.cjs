// Checks assets/schema/pack.schema.json and batch.schema.json with Ajv, a standard JSON Schema
// 2020-12 validator. For packs:
//  - every bundled pack, every valid fixture and the README's example is accepted,
//  - every invalid fixture is rejected, except those whose fault is beyond JSON Schema
//    (listed below with the reason; each must indeed be accepted, so the list stays exact)
//    and those that are not JSON at all (each must indeed fail to parse).
// Usage: node check-schema.cjs NODE_MODULES_DIR REPO_DIR [BATCH_FOLDER...]. Exits 1 on any mismatch.
// Each BATCH_FOLDER's batch files (a stick a test exported to) must be accepted as well.
'use strict';
const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');

const [modulesDir, repo, ...batchFolders] = process.argv.slice(2);
if (!modulesDir || !repo) {
  console.error('usage: check-schema.cjs NODE_MODULES_DIR REPO_DIR [BATCH_FOLDER...]');
  process.exit(2);
}
const load = createRequire(path.join(path.resolve(modulesDir), 'index.js'));
const Ajv2020 = load('ajv/dist/2020').default;
const addFormats = load('ajv-formats').default;

// Faults only `peiling-hub pack validate` can see: they need the pack's languages, its id
// space, or arithmetic between fields.
const beyondSchema = {
  'duplicate-key.json': 'JSON.parse keeps the last of two keys; the strict parser refuses them',
  'duplicate-point-id.json': 'ids must be unique across the whole pack',
  'duplicate-id-across-kinds.json': 'ids must be unique across the whole pack',
  'dangling-top-n.json': 'references must name an existing point',
  'dangling-theme.json': 'references must name an existing theme',
  'dangling-related.json': 'references must name an existing point',
  'related-is-a-theme.json': 'references must name an id of the right kind',
  'related-to-itself.json': 'a point cannot refer to itself',
  'dangling-point-scale.json': 'references must name an existing scale',
  'dangling-missed-scale.json': 'references must name an existing scale',
  'missing-translation.json': 'every text needs exactly the pack\'s languages',
  'extra-translation.json': 'every text needs exactly the pack\'s languages',
  'wrong-label-count.json': 'one label per value of min..max',
  'scale-min-not-below-max.json': 'max must be more than min',
  'points-per-respondent-too-many.json': 'at most the number of points',
  'default-points-per-respondent-too-many.json': 'at most the number of points',
  'top-n-size-too-big.json': 'at most the number of points in top_n.from',
  'format-1-with-sections.json': 'keys of format 1.1 in a peiling.pack/1 file',
  'duplicate-option-id.json': 'option ids must be unique within their question',
  'refers-to-twice.json': 'a point of another pack is followed up once',
  'show-if-forward.json': 'show_if must refer to an earlier question',
  'show-if-self.json': 'a question cannot depend on itself',
  'show-if-unknown-option.json': 'show_if must name options of its question',
  'section-show-if-own-question.json': 'show_if must refer to an earlier question',
  'show-if-not-a-question.json': 'references must name an id of the right kind',
};
const notJson = new Set(['truncated.json', 'comment.json', 'trailing-comma.json', 'invalid-utf8.json']);

const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
const schemaPath = path.join(repo, 'assets', 'schema', 'pack.schema.json');
const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaPath, 'utf8')));

function jsonFiles(dir) {
  return fs.readdirSync(dir).filter((name) => name.endsWith('.json')).sort().map((name) => path.join(dir, name));
}

// Decoding is fatal, so broken UTF-8 is a parse failure rather than U+FFFD.
function parse(file) {
  try {
    return { value: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(fs.readFileSync(file))) };
  } catch (error) {
    return { error: error.message };
  }
}

function describe(errors) {
  return errors.map((e) => `  ${e.instancePath || '/'}: ${e.message}`).join('\n');
}

const failures = [];
const fixtures = path.join(repo, 'tests', 'fixtures', 'packs');
const validFiles = [...jsonFiles(path.join(repo, 'assets', 'packs')), ...jsonFiles(fixtures)];
for (const file of validFiles) {
  const parsed = parse(file);
  if (parsed.error) failures.push(`${file}: not JSON: ${parsed.error}`);
  else if (!validate(parsed.value)) failures.push(`${file}: rejected by the schema:\n${describe(validate.errors)}`);
}

// The complete example in the organisers' README, too.
const readme = fs.readFileSync(path.join(repo, 'assets', 'packs', 'README.md'), 'utf8');
const example = readme.match(/```json\n(\{\n  "format"[\s\S]*?)\n```/);
if (!example) failures.push('assets/packs/README.md: no complete example found');
else if (!validate(JSON.parse(example[1]))) {
  failures.push(`assets/packs/README.md example: rejected by the schema:\n${describe(validate.errors)}`);
}

const invalidFiles = jsonFiles(path.join(fixtures, 'invalid'));
const seen = new Set();
let rejected = 0;
for (const file of invalidFiles) {
  const name = path.basename(file);
  seen.add(name);
  const parsed = parse(file);
  if (notJson.has(name)) {
    if (!parsed.error) failures.push(`${file}: listed as not JSON, but it parses`);
    continue;
  }
  if (parsed.error) {
    failures.push(`${file}: not JSON (${parsed.error}); list it in notJson if that is its point`);
    continue;
  }
  const accepted = validate(parsed.value);
  if (name in beyondSchema) {
    if (!accepted) failures.push(`${file}: listed as beyond the schema, but the schema rejects it; remove it from the list`);
  } else if (accepted) {
    failures.push(`${file}: accepted by the schema, which should reject it`);
  } else {
    ++rejected;
  }
}
for (const name of [...Object.keys(beyondSchema), ...notJson]) {
  if (!seen.has(name)) failures.push(`${name}: listed in check-schema.cjs but no such fixture`);
}

// Batch files: the fixtures (written by the outbox) are accepted, envelope and plain payload alike,
// and variants that break the format are rejected.
const batchSchema = JSON.parse(fs.readFileSync(path.join(repo, 'assets', 'schema', 'batch.schema.json'), 'utf8'));
const validateBatch = ajv.compile(batchSchema);
const validatePayload = ajv.getSchema(`${batchSchema.$id}#/$defs/payload`);
const batchFiles = jsonFiles(path.join(repo, 'tests', 'fixtures', 'batches'));
let batchesAccepted = 0;
for (const file of batchFiles) {
  const parsed = parse(file);
  if (parsed.error) {
    failures.push(`${file}: not JSON: ${parsed.error}`);
    continue;
  }
  const batch = parsed.value;
  if (!validateBatch(batch)) failures.push(`${file}: rejected by the batch schema:\n${describe(validateBatch.errors)}`);
  else ++batchesAccepted;
  if ('payload' in batch && !validatePayload(JSON.parse(batch.payload))) {
    failures.push(`${file}: payload rejected by the batch schema:\n${describe(validatePayload.errors)}`);
  }
  const broken = {
    'without a signature': (b) => { delete b.signature; },
    'with both payload forms': (b) => { b.payload = 'x'; b.sealed_payload = 'eA=='; },
    'with seq 0': (b) => { b.seq = 0; },
    'with an unknown key': (b) => { b.extra = true; },
  };
  for (const [what, breakIt] of Object.entries(broken)) {
    const copy = structuredClone(batch);
    breakIt(copy);
    if (validateBatch(copy)) failures.push(`${file} ${what}: accepted by the batch schema, which should reject it`);
  }
  if ('payload' in batch) {
    const payload = JSON.parse(batch.payload);
    payload.responses[0].status = 'in_progress';
    if (validatePayload(payload)) failures.push(`${file} with a response in progress: payload accepted, should be rejected`);
  }
}
if (batchFiles.length === 0) failures.push('tests/fixtures/batches: no batch fixtures found');

// Batches a test exported: accepted whole, the plain payload too. Contact files are not batches.
let extraAccepted = 0;
for (const folder of batchFolders) {
  const files = jsonFiles(folder).filter((file) => !path.basename(file).startsWith('peiling-contacts-'));
  if (files.length === 0) failures.push(`${folder}: no batch files found`);
  for (const file of files) {
    const parsed = parse(file);
    if (parsed.error) {
      failures.push(`${file}: not JSON: ${parsed.error}`);
    } else if (!validateBatch(parsed.value)) {
      failures.push(`${file}: rejected by the batch schema:\n${describe(validateBatch.errors)}`);
    } else if ('payload' in parsed.value && !validatePayload(JSON.parse(parsed.value.payload))) {
      failures.push(`${file}: payload rejected by the batch schema:\n${describe(validatePayload.errors)}`);
    } else {
      ++extraAccepted;
    }
  }
}

if (failures.length > 0) {
  console.error(failures.join('\n'));
  console.error(`pack schema: ${failures.length} problem(s)`);
  process.exit(1);
}
console.log(`pack schema: ${validFiles.length} valid packs and the README example accepted, ${rejected} invalid fixtures rejected, ` +
            `${Object.keys(beyondSchema).length} beyond the schema, ${notJson.size} not JSON; ` +
            `batch schema: ${batchesAccepted} fixtures accepted, broken variants rejected` +
            (batchFolders.length > 0 ? `; ${extraAccepted} extra batch file(s) accepted` : ''));
