/**
 * tsx bench/pages-serve.ts — the server bench:pages measures, left running: the built web app
 * (`npm run build:web` first) over a database with published values for all 290 municipalities.
 * Prints its URL; for `npm run bench:pages -- --against URL` (a copy run in a worktree of the
 * code before a change) or `--url URL`. Stop it with Ctrl-C.
 */
import { publishNation } from '../test/support/opendata.js';
import { startTestServer } from '../test/support/server.js';

const server = await startTestServer({ demo: true });
await publishNation(server.t.db);
process.stdout.write(`${server.url}\n`);
const stop = () => void server.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
