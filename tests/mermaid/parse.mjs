// Parses Mermaid diagrams with the real mermaid parser (the one mermaid.render uses) under jsdom.
// Input on stdin: one or more diagrams separated by a form feed (\f). Output: one line per
// diagram, "ok <diagramType> nodes=<n> edges=<m>" or "error <parser message on one line>";
// exit code 1 if any diagram failed. Test-only helper for tests/test_graph_draw.py.
import { JSDOM } from "jsdom";

const dom = new JSDOM("<!DOCTYPE html><body></body>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const diagrams = Buffer.concat(chunks).toString("utf8").split("\f");

const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false });
let failed = false;
for (const text of diagrams) {
  try {
    const result = await mermaid.parse(text);
    const db = (await mermaid.mermaidAPI.getDiagramFromText(text)).db;
    const vertices = db.getVertices();
    const count = vertices.size ?? Object.keys(vertices).length;
    process.stdout.write(`ok ${result.diagramType} nodes=${count} edges=${db.getEdges().length}\n`);
  } catch (err) {
    failed = true;
    const message = String(err && err.message ? err.message : err).replace(/\s+/g, " ");
    process.stdout.write(`error ${message}\n`);
  }
}
process.exit(failed ? 1 : 0);
