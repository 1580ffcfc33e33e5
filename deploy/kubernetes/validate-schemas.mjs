// Validates rendered manifests against the Kubernetes API's JSON schemas, with the npm package kubernetes-models
// (its models check an object against the API's OpenAPI schema). By hand, not in the Maven build:
//   npm install --prefix /tmp/k8s-validate kubernetes-models js-yaml
//   kubectl kustomize deploy/kubernetes/overlays/demo > /tmp/demo.yaml
//   NODE_PATH=/tmp/k8s-validate/node_modules node deploy/kubernetes/validate-schemas.mjs /tmp/demo.yaml
// Prints one line per object and exits 1 if any is invalid or of a kind it has no model for.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(path.join(process.env.NODE_PATH ?? process.cwd(), 'noop.js'));
const yaml = require('js-yaml');
const models = {
  'v1': require('kubernetes-models/v1'),
  'apps/v1': require('kubernetes-models/apps/v1'),
  'policy/v1': require('kubernetes-models/policy/v1'),
  'autoscaling/v2': require('kubernetes-models/autoscaling/v2'),
  'networking.k8s.io/v1': require('kubernetes-models/networking.k8s.io/v1'),
};

let failures = 0;
for (const object of yaml.loadAll(fs.readFileSync(process.argv[2], 'utf8')).filter(Boolean)) {
  const name = `${object.kind}/${object.metadata?.name}`;
  const Model = models[object.apiVersion]?.[object.kind];
  if (!Model) {
    failures++;
    console.log(`NO MODEL ${object.apiVersion} ${name}`);
    continue;
  }
  try {
    new Model(object).validate();
    console.log(`valid ${name}`);
  } catch (error) {
    failures++;
    console.log(`INVALID ${name}: ${error.message}`);
  }
}
process.exit(failures ? 1 : 0);
