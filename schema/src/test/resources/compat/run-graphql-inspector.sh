#!/usr/bin/env bash
# Records @graphql-inspector/cli's verdict on every compatibility case, the oracle ContractChangeChecker is tested
# against (InspectorOracleTest). The Maven build never runs node: it reads what this script recorded.
#
#   1. After changing the case table (CompatCases) or schema composition, regenerate the SDL pairs:
#        ./mvnw -o -pl schema test -Dtest=InspectorOracleTest -Dportico.compat.writeCases=true
#   2. Run this script (needs node, npm and the npm registry). It installs the CLI in a temporary directory, runs
#      `graphql-inspector diff old.graphql new.graphql` on every cases/<case>/ and writes inspector-verdicts.json:
#      per case the SHA-256 of both files, the CLI's exit code (1 when a change is breaking), every change with its
#      criticality, and the highest criticality as the verdict (NONE when inspector finds no change).
#   3. Commit cases/ and inspector-verdicts.json.
#
# Versions: INSPECTOR_VERSION (default 7.0.0) and GRAPHQL_VERSION (default 16.15.0) override the pinned ones.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cases="$here/cases"
out="$here/inspector-verdicts.json"
inspector_version=${INSPECTOR_VERSION:-7.0.0}
graphql_version=${GRAPHQL_VERSION:-16.15.0}

for tool in node npm; do
  command -v "$tool" >/dev/null || { echo "run-graphql-inspector.sh: $tool is not installed" >&2; exit 2; }
done
[ -d "$cases" ] || { echo "run-graphql-inspector.sh: no $cases; generate the cases first (see the header)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Some @graphql-tools releases the CLI asks for are not published; the override pins one that is (STACK.md).
cat > "$work/package.json" <<JSON
{
  "name": "portico-compat-oracle",
  "private": true,
  "dependencies": {
    "@graphql-inspector/cli": "$inspector_version",
    "graphql": "$graphql_version"
  },
  "overrides": {
    "@graphql-tools/batch-execute": "10.2.0"
  }
}
JSON
echo "installing @graphql-inspector/cli $inspector_version in $work ..." >&2
(cd "$work" && npm install --no-audit --no-fund --loglevel=error >/dev/null)
inspector="$work/node_modules/.bin/graphql-inspector"

# Completion handler: the CLI hands it every change it found, with its criticality (not called when none).
cat > "$work/record-changes.cjs" <<'JS'
const fs = require('fs');
module.exports = ({ breakingChanges, dangerousChanges, nonBreakingChanges }) => {
  const changes = [...breakingChanges, ...dangerousChanges, ...nonBreakingChanges].map(change => ({
    criticality: change.criticality.level,
    type: change.type,
    path: change.path ?? null,
    message: change.message,
  }));
  fs.writeFileSync(process.env.PORTICO_CHANGES_FILE, JSON.stringify(changes));
};
JS

cat > "$work/assemble.cjs" <<'JS'
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const [casesDir, workDir, outFile] = process.argv.slice(2);
const rank = { BREAKING: 0, DANGEROUS: 1, NON_BREAKING: 2 };
const version = name => require(path.join(workDir, 'node_modules', name, 'package.json')).version;
const sha256 = file => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const cases = {};
for (const name of fs.readdirSync(casesDir).sort()) {
  const dir = path.join(casesDir, name);
  if (!fs.statSync(dir).isDirectory()) continue;
  const exitCode = Number(fs.readFileSync(path.join(workDir, name + '.exit'), 'utf8').trim());
  const changes = JSON.parse(fs.readFileSync(path.join(workDir, name + '.changes.json'), 'utf8'))
    .sort((a, b) => rank[a.criticality] - rank[b.criticality]
      || String(a.path).localeCompare(String(b.path)) || a.message.localeCompare(b.message));
  const verdict = changes.length === 0 ? 'NONE' : changes[0].criticality;
  if (exitCode !== (verdict === 'BREAKING' ? 1 : 0)) {
    throw new Error(`${name}: graphql-inspector exited with ${exitCode} but found ${verdict}; see its output`);
  }
  cases[name] = {
    oldSha256: sha256(path.join(dir, 'old.graphql')),
    newSha256: sha256(path.join(dir, 'new.graphql')),
    exitCode,
    verdict,
    changes,
  };
}
const document = {
  tool: '@graphql-inspector/cli ' + version('@graphql-inspector/cli'),
  core: '@graphql-inspector/core ' + version('@graphql-inspector/core'),
  graphql: 'graphql ' + version('graphql'),
  command: 'graphql-inspector diff cases/<case>/old.graphql cases/<case>/new.graphql',
  generatedBy: 'schema/src/test/resources/compat/run-graphql-inspector.sh',
  cases,
};
fs.writeFileSync(outFile, JSON.stringify(document, null, 2) + '\n');
console.error(`wrote ${Object.keys(cases).length} verdicts to ${outFile}`);
JS

for dir in "$cases"/*/; do
  name=$(basename "$dir")
  echo '[]' > "$work/$name.changes.json"
  # The plain CLI, as a CI job would run it: its exit code is 1 when a change is breaking.
  set +e
  "$inspector" diff "$dir/old.graphql" "$dir/new.graphql" > "$work/$name.out" 2>&1
  echo $? > "$work/$name.exit"
  # The same diff again, recording every change with its criticality.
  PORTICO_CHANGES_FILE="$work/$name.changes.json" \
    "$inspector" diff "$dir/old.graphql" "$dir/new.graphql" --onComplete "$work/record-changes.cjs" \
    > "$work/$name.recorded.out" 2>&1
  recorded=$?
  set -e
  if [ "$recorded" -ne 0 ]; then
    echo "run-graphql-inspector.sh: graphql-inspector failed on $name:" >&2
    cat "$work/$name.recorded.out" >&2
    exit 1
  fi
  echo "$name: exit $(cat "$work/$name.exit")" >&2
done

node "$work/assemble.cjs" "$cases" "$work" "$out"
