import { NodeDb } from './src/server/duckdb-node';
const db = await NodeDb.forData('/work/wt-toolkit/public/data');
for (const sql of process.argv.slice(2)) console.log(JSON.stringify(await db.query(sql)));
