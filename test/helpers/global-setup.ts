import { ensureWebBuilt } from "../../src/server/web.js";

export default async function setup() {
  await ensureWebBuilt((line) => console.log(line));
}
