import pg from 'pg';
const tally = new Map<string, { n: number; sql: number; params: number }>();
const orig = pg.Client.prototype.query;
(pg.Client.prototype as unknown as { query: unknown }).query = function (this: unknown, ...args: unknown[]) {
  const sql = typeof args[0] === 'string' ? args[0] : '';
  const params = Array.isArray(args[1]) ? (args[1] as unknown[]) : [];
  const k = sql.replace(/\s+/g, ' ').slice(0, 70);
  const t = tally.get(k) ?? { n: 0, sql: 0, params: 0 };
  t.n++; t.sql += sql.length;
  for (const p of params) t.params += typeof p === 'string' ? p.length : Array.isArray(p) ? JSON.stringify(p).length : String(p).length;
  tally.set(k, t);
  return (orig as (...a: unknown[]) => unknown).apply(this, args);
};
process.on('exit', () => {
  const all = [...tally].sort((a, b) => b[1].sql + b[1].params - a[1].sql - a[1].params).slice(0, 30);
  for (const [k, t] of all) console.error(String(t.n).padStart(6), String(Math.round(t.sql / 1024)).padStart(7), 'KiB sql', String(Math.round(t.params / 1024)).padStart(7), 'KiB params', k);
});
await import('./import.js');
