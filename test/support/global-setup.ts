/**
 * Runs once before the suite. Integration suites start their own moto_server
 * (see `moto.ts`); this only checks the runtime the suite needs.
 */
export default function setup(): void {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 22) {
    throw new Error(
      `Node ${process.versions.node} is too old for this suite: run it through scripts/run (it installs Node 24).`,
    );
  }
}
