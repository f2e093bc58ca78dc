// Regenerates data/vn-admin/provinces.geo.json, the 34 province boundaries the dashboards' map
// draws, from the full-resolution files (shared/data/vn-admin/provinces-geojson, MIT, Thang Le Quoc's
// "vietnamese-provinces-database"; see data/vn-admin/README.md): simplified with @turf/simplify
// (Douglas–Peucker, tolerance in degrees) and rounded to 3 decimals (~100 m) with @turf/truncate.
//   node scripts/simplify-provinces.mjs [SOURCE_DIR] [--tolerance 0.01]
import fs from "node:fs";
import path from "node:path";
import simplify from "@turf/simplify";
import truncate from "@turf/truncate";

const args = process.argv.slice(2);
const t = args.indexOf("--tolerance");
const tolerance = t >= 0 ? Number(args[t + 1]) : 0.01;
const source =
  args.find((a, i) => !a.startsWith("--") && args[i - 1] !== "--tolerance") ??
  "../shared/data/vn-admin/provinces-geojson";
const out = "data/vn-admin/provinces.geo.json";
const features = [];
for (const file of fs
  .readdirSync(source)
  .filter((f) => f.endsWith(".geojson"))
  .sort()) {
  const fc = JSON.parse(fs.readFileSync(path.join(source, file), "utf8"));
  for (const f of fc.features ?? [fc]) {
    const code = String(f.id ?? f.properties?.code ?? file.slice(0, 2)).padStart(2, "0");
    const small = truncate(simplify(f, { tolerance, highQuality: true }), { precision: 3, coordinates: 2 });
    features.push({ type: "Feature", id: code, properties: { code }, geometry: small.geometry });
  }
}
fs.writeFileSync(out, `${JSON.stringify({ type: "FeatureCollection", features })}\n`);
console.log(`${features.length} provinces, ${(fs.statSync(out).size / 1024).toFixed(0)} KB → ${out}`);
