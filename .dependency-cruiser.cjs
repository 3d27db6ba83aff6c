// The layering rules `npm run deps` (and `npm test`) enforce; see docs/ARCHITECTURE.md, "Checks".
// Lower layers never import higher ones: contract ← domain ← store ← workflows ← functions/jobs ← host ← cli.
const NODE_IO = '^(node:)?(fs|net|http|https|http2|child_process)(/|$)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'A cycle makes the load order matter and the layers meaningless.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'store-below-services',
      severity: 'error',
      comment: 'The store is reached by everything above it and reaches none of them.',
      from: { path: '^cloud/store/' },
      to: { path: '^cloud/(functions|jobs|workflows|host|observability|seed|cli)/' },
    },
    {
      name: 'domain-pure',
      severity: 'error',
      comment: 'Domain rules are plain functions: no database, no transport, no I/O.',
      from: { path: '^cloud/domain/' },
      to: { path: '^cloud/(store|functions|jobs|workflows|host|observability)/' },
    },
    {
      name: 'domain-no-io',
      severity: 'error',
      comment: 'Domain rules are plain functions: no file, network or process I/O.',
      from: { path: '^cloud/domain/' },
      to: { dependencyTypes: ['core'], path: NODE_IO },
    },
    {
      name: 'functions-below-host',
      severity: 'error',
      comment: 'Cloud functions get what they need through their context, not from the host, jobs or CLI.',
      from: { path: '^cloud/functions/' },
      to: { path: '^cloud/(jobs|host|cli)/' },
    },
    {
      name: 'jobs-below-host',
      severity: 'error',
      comment: 'Jobs share workflows with functions, never functions themselves, nor the host or CLI.',
      from: { path: '^cloud/jobs/' },
      to: { path: '^cloud/(functions|host|cli)/' },
    },
    {
      name: 'workflows-below-callers',
      severity: 'error',
      comment: 'Workflows are called by functions and jobs and call neither.',
      from: { path: '^cloud/workflows/' },
      to: { path: '^cloud/(functions|jobs|host|cli)/' },
    },
    {
      name: 'providers-below-everything',
      severity: 'error',
      comment:
        'The WeChat Pay, Alipay, WeChat message and mini-program code clients speak their protocols and nothing else: no store, workflow, function, job or host.',
      from: { path: '^cloud/(payments|messaging|weixin)/' },
      to: { path: '^cloud/(store|functions|jobs|workflows|host|observability|seed|cli)/' },
    },
    {
      name: 'clients-not-backend',
      severity: 'error',
      comment: 'The app and the console talk to the backend over HTTP; what they share is in contract/.',
      from: { path: '^(src|console)/' },
      to: { path: '^cloud/' },
    },
    {
      name: 'contract-self-contained',
      severity: 'error',
      comment: 'The contract is shared by the backend, the app and the console: it imports only itself and zod.',
      from: { path: '^contract/' },
      to: { pathNot: '^(contract/|node_modules/zod/)' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that does not resolve is a typo or a missing dependency.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules|\\.data|coverage|bench/out|test/artifacts|test/fixtures)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
  },
};
