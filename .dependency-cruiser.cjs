/**
 * Module boundaries, checked by `npm run lint` (dependency-cruiser). The layers, bottom up:
 *   src/domain   pure rules shared by server and browser: imports only itself (and zod)
 *   src/kernel, src/db, src/lib   errors, guards, zod atoms, database, storage: below every module
 *   src/modules/<m>   a module; others reach it only through its index.ts
 *   src/server, src/cli   compose the modules; web/ imports only src/domain
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "module-deep-import",
      comment: "Another module is reached only through its index.ts (its public interface).",
      severity: "error",
      from: { path: "^(src|test|bench)/", pathNot: "^src/modules/([^/]+)/" },
      to: { path: "^src/modules/[^/]+/", pathNot: "^src/modules/[^/]+/index\\.ts$" },
    },
    {
      name: "module-deep-import-between-modules",
      comment: "A module reaches another module only through its index.ts.",
      severity: "error",
      from: { path: "^src/modules/([^/]+)/" },
      to: { path: "^src/modules/[^/]+/", pathNot: ["^src/modules/$1/", "^src/modules/[^/]+/index\\.ts$"] },
    },
    {
      name: "modules-below-server",
      comment: "Modules, the kernel, the domain and libraries never import the server or the CLI.",
      severity: "error",
      from: { path: "^src/(modules|kernel|domain|lib|db)/" },
      to: { path: "^src/(server|cli)/" },
    },
    {
      name: "kernel-below-modules",
      comment: "The kernel, the database layer and libraries sit below the modules.",
      severity: "error",
      from: { path: "^src/(kernel|db|lib)/" },
      to: { path: "^src/modules/" },
    },
    {
      name: "domain-is-pure",
      comment: "The domain core is pure TypeScript shared with the browser: no I/O, no other layer.",
      severity: "error",
      from: { path: "^src/domain/" },
      to: { pathNot: ["^src/domain/", "^node_modules/zod/", "^data/"] },
    },
    {
      name: "web-uses-domain-only",
      comment: "The web app talks to the server over HTTP and shares only the domain core.",
      severity: "error",
      from: { path: "^web/" },
      to: { path: "^src/", pathNot: "^src/domain/" },
    },
    {
      name: "web-domain-alias-stays-in-domain",
      comment:
        "The web app's @domain/ alias names files inside src/domain; '@domain/..' may not climb out of it.",
      severity: "error",
      from: { path: "^web/" },
      to: {
        dependencyTypesNot: ["npm", "npm-dev", "core"],
        pathNot: ["^web/", "^src/domain/", "^node_modules/"],
      },
    },
    {
      name: "web-imports-resolve",
      comment:
        "Every import of the web app resolves (an alias the checker cannot follow would hide a boundary breach).",
      severity: "error",
      from: { path: "^web/" },
      to: { couldNotResolve: true },
    },
    {
      name: "registries-through-exchange",
      comment:
        "The registries hold personal data: they are read only through exchange (rights, jurisdiction, access log); only the seeding commands write them directly.",
      severity: "error",
      from: { path: "^src/", pathNot: ["^src/modules/(exchange|registries)/", "^src/cli/(seed|demo)\\.ts$"] },
      to: { path: "^src/modules/registries/" },
    },
    {
      name: "no-module-cycles",
      comment: "No import cycles between modules.",
      severity: "error",
      from: { path: "^src/modules/([^/]+)/" },
      to: { circular: true, path: "^src/modules/", pathNot: "^src/modules/$1/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(dist|\\.data|node_modules)/" },
    tsPreCompilationDeps: true,
    // The root tsconfig plus the web app's @domain/ alias (web/tsconfig.json "paths"), so web imports are checked too.
    tsConfig: { fileName: "tsconfig.depcruise.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".json"],
    },
  },
};
