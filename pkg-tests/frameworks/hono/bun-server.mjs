// The Hono app on Bun: `bun bun-server.mjs` serves it on a free loopback port and prints the port.
import { KEYS } from "../cases.mjs";
import { makeApp } from "./app.mjs";

const app = makeApp(KEYS);
const server = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: app.fetch });
console.log(`listening ${server.port}`);
