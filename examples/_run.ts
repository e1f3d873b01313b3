// Shared by the examples: the default connection, and "run when executed directly".
import { pathToFileURL } from "node:url";
import { qmk, type Connection } from "../dsl/index.js";

/** Embedded kernel; in memory unless QMK_DATA_DIR names a data directory. */
export function defaultConnection(seed = 42): Promise<Connection> {
  return process.env.QMK_DATA_DIR ? qmk.local({ dataDir: process.env.QMK_DATA_DIR, seed }) : qmk.local({ inMemory: true, seed });
}

/** Runs `main` when the file is executed (`npx tsx examples/bell.ts`), prints its result. */
export function runIfMain(url: string, main: (conn: Connection) => Promise<unknown>): void {
  if (!process.argv[1] || url !== pathToFileURL(process.argv[1]).href) return;
  void (async () => {
    const conn = await defaultConnection();
    try {
      console.log(JSON.stringify(await main(conn), null, 2));
    } finally {
      await conn.close();
    }
  })().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
