// Lints the container files; run through docker/lint.sh, which installs the tools into docker/.lint/.
//  1. dockerfile-utils (the Dockerfile validator of VS Code's Docker language server) on both Dockerfiles, every
//     rule raised to an error: any diagnostic fails.
//  2. The project's rules, on dockerfile-ast's parse of the same files: multi-stage Maven build (-Pgpu for CUDA),
//     non-root user, /app/runs volume, port 8080, TrainingWorkflow --serve on 0.0.0.0, no token baked in,
//     pathsFirst and a CUDA 13.1 cuDNN runtime base for the CUDA image, no :latest.
//  3. compose.yaml (GPU reservation, port, volume, token) and .dockerignore (target/, runs/).
'use strict';
const fs = require('fs');
const path = require('path');
const lintModules = path.join(__dirname, '.lint', 'node_modules');
const utils = require(path.join(lintModules, 'dockerfile-utils'));
const { DockerfileParser } = require(path.join(lintModules, 'dockerfile-ast'));
const YAML = require(path.join(lintModules, 'yaml'));

const root = path.resolve(__dirname, '..');
const problems = [];
const problem = (file, line, message) => problems.push(`${file}${line ? ':' + line : ''}: ${message}`);

const ERROR = utils.ValidationSeverity.ERROR;
const strict = {
  deprecatedMaintainer: ERROR, directiveCasing: ERROR, emptyContinuationLine: ERROR, instructionCasing: ERROR,
  instructionCmdMultiple: ERROR, instructionEntrypointMultiple: ERROR, instructionHealthcheckMultiple: ERROR,
  instructionJSONInSingleQuotes: ERROR, instructionWorkdirRelative: ERROR,
};

function lintDockerfile(rel, cuda) {
  const content = fs.readFileSync(path.join(root, rel), 'utf8');
  for (const d of utils.validate(content, strict)) {
    problem(rel, d.range.start.line + 1, `dockerfile-utils: ${d.message}`);
  }

  const ast = DockerfileParser.parse(content);
  const stages = [];
  for (const ins of ast.getInstructions()) {
    if (ins.getKeyword() === 'FROM') stages.push([]);
    if (stages.length) stages[stages.length - 1].push(ins);
  }
  const text = (ins) => ins.getRawArgumentsContent() || '';
  const line = (ins) => ins.getRange().start.line + 1;
  if (stages.length < 2) problem(rel, 0, 'expected a multi-stage build (a Maven build stage, then the runtime)');

  const mvn = stages.slice(0, -1).flat().filter((i) => i.getKeyword() === 'RUN' && /\bmvn\b/.test(text(i)));
  if (!mvn.some((i) => /\bpackage\b/.test(text(i)))) problem(rel, 0, 'no build stage runs `mvn ... package`');
  if (cuda && !mvn.every((i) => /-Pgpu\b/.test(text(i)))) problem(rel, 0, 'every mvn run must use -Pgpu');
  if (!cuda && mvn.some((i) => /-Pgpu\b/.test(text(i)))) problem(rel, 0, 'the CPU image must not use -Pgpu');

  const last = stages[stages.length - 1] || [];
  const of = (k) => last.filter((i) => i.getKeyword() === k);
  const users = of('USER');
  if (!users.length || /^(root|0)(:|$)/.test(text(users[users.length - 1]).trim())) {
    problem(rel, 0, 'the runtime stage must switch to a non-root USER');
  }
  if (!of('VOLUME').some((i) => text(i).includes('/app/runs'))) problem(rel, 0, 'no VOLUME for /app/runs');
  if (!of('EXPOSE').some((i) => /\b8080\b/.test(text(i)))) problem(rel, 0, 'no EXPOSE 8080');
  const start = of('ENTRYPOINT').concat(of('CMD')).map(text).join(' ');
  for (const want of ['dev.jtorch.examples.TrainingWorkflow', '"--serve"', '"0.0.0.0"', '"8080"', '"/app/runs"']) {
    if (!start.includes(want)) problem(rel, 0, `ENTRYPOINT/CMD must contain ${want}`);
  }
  if (cuda && !start.includes('-Dorg.bytedeco.javacpp.pathsFirst=true')) {
    problem(rel, 0, 'the CUDA image must start java with -Dorg.bytedeco.javacpp.pathsFirst=true');
  }
  for (const ins of ast.getInstructions()) {
    if (['ENV', 'ARG'].includes(ins.getKeyword()) && /JTORCH_TOKEN/.test(text(ins))) {
      problem(rel, line(ins), 'the access token must come from the environment at run time, not ENV/ARG');
    }
  }
  if (/:latest\b/.test(content)) problem(rel, 0, 'pin base images; no :latest');
  if (cuda && !/^ARG CUDA_IMAGE=nvidia\/cuda:13\.1\.\d+-cudnn-runtime-ubuntu\d+\.\d+$/m.test(content)) {
    problem(rel, 0, 'CUDA_IMAGE must default to an nvidia/cuda:13.1.x-cudnn-runtime-ubuntuXX.YY image');
  }
}

function lintCompose(rel) {
  const doc = YAML.parseDocument(fs.readFileSync(path.join(root, rel), 'utf8'));
  for (const e of doc.errors) problem(rel, 0, `YAML: ${e.message}`);
  const c = doc.toJS() || {};
  const train = (c.services || {}).train;
  if (!train) return problem(rel, 0, 'no service "train"');
  const devices = (((train.deploy || {}).resources || {}).reservations || {}).devices || [];
  if (!devices.some((d) => d.driver === 'nvidia' && (d.capabilities || []).includes('gpu'))) {
    problem(rel, 0, 'service "train" must reserve nvidia GPUs (deploy.resources.reservations.devices)');
  }
  if (!(train.build || {}).dockerfile || !train.build.dockerfile.endsWith('Dockerfile.cuda')) {
    problem(rel, 0, 'service "train" must build docker/Dockerfile.cuda');
  }
  for (const [name, s] of Object.entries(c.services)) {
    if (!(s.ports || []).some((p) => String(p).endsWith('8080:8080'))) problem(rel, 0, `${name}: no port 8080:8080`);
    if (!(s.volumes || []).some((v) => String(v).endsWith(':/app/runs'))) problem(rel, 0, `${name}: no /app/runs volume`);
    if (!('JTORCH_TOKEN' in (s.environment || {}))) problem(rel, 0, `${name}: JTORCH_TOKEN not passed`);
  }
}

function lintDockerignore(rel) {
  const lines = fs.readFileSync(path.join(root, rel), 'utf8').split('\n').map((l) => l.trim());
  for (const dir of ['target', 'runs']) {
    if (!lines.some((l) => l === dir || l === dir + '/' || l === '**/' + dir || l === '**/' + dir + '/')) {
      problem(rel, 0, `${dir}/ must be kept out of the build context`);
    }
  }
}

lintDockerfile('docker/Dockerfile', false);
lintDockerfile('docker/Dockerfile.cuda', true);
lintCompose('docker/compose.yaml');
lintDockerignore('.dockerignore');

const version = require(path.join(lintModules, 'dockerfile-utils', 'package.json')).version;
if (problems.length) {
  problems.forEach((p) => console.error(p));
  console.error(`docker/lint: ${problems.length} problem(s) (dockerfile-utils ${version})`);
  process.exit(1);
}
console.log(`docker/lint: Dockerfile, Dockerfile.cuda, compose.yaml, .dockerignore OK (dockerfile-utils ${version})`);
