// Command-line entry (plain Node): `union-ledger …`, built to out/main/cli.js and started by
// bin/union-ledger.js. The commands live in ./cli/; this file only wires them to the process.
import { main } from './cli/main';
import { nodeIo } from './cli/io';

main(process.argv.slice(2), nodeIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`union-ledger: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
