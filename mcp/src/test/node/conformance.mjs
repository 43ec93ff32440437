// Runs the official MCP conformance suite (npm @modelcontextprotocol/conformance) against a running server.
// Environment: MCP_URL, MCP_KEY. The suite's client sends no credentials, so a pass-through proxy on loopback adds
// the key and changes nothing else (the Host and Origin headers of the DNS-rebinding scenario pass as sent).
//
// The scenarios that apply to a tools-only server with sessions, and must pass:
//   server-initialize, ping, tools-list              lifecycle, ping, tools
//   server-sse-multiple-streams                      several requests of one session at once
//   dns-rebinding-protection                         Host/Origin checks of a loopback server
// The ones that do not apply, and why:
//   tools-call-simple-text, tools-call-image, tools-call-audio, tools-call-embedded-resource,
//   tools-call-mixed-content, tools-call-with-logging, tools-call-error, tools-call-with-progress,
//   tools-call-sampling, tools-call-elicitation, json-schema-2020-12, elicitation-sep1034-defaults,
//   elicitation-sep1330-enums, server-sse-polling
//       each calls a fixture tool of the suite's reference server (test_simple_text, test_error_handling,
//       test_reconnection, ...) that a mail server has no reason to offer; our own tools' results, errors
//       (isError with the API's message) and schemas are checked by flow.mjs with the SDK client instead
//   logging-set-level, completion-complete
//       we declare neither the logging nor the completions capability
//   resources-*, prompts-*
//       we offer neither resources nor prompts (the issue makes resources optional)
import { spawn } from "node:child_process";
import http from "node:http";
import { fileURLToPath } from "node:url";
import path from "node:path";

const { MCP_URL, MCP_KEY } = process.env;
const SCENARIOS = ["server-initialize", "ping", "tools-list", "server-sse-multiple-streams", "dns-rebinding-protection"];
const target = new URL(MCP_URL);

const proxy = http.createServer((request, response) => {
  const upstream = http.request({ host: target.hostname, port: target.port, method: request.method,
    path: request.url, headers: { ...request.headers, authorization: `Bearer ${MCP_KEY}` } }, (answer) => {
    response.writeHead(answer.statusCode, answer.headers);
    answer.pipe(response);
  });
  upstream.on("error", (error) => {
    response.writeHead(502);
    response.end(String(error));
  });
  request.pipe(upstream);
});
await new Promise((resolve) => proxy.listen(0, "127.0.0.1", resolve));
const url = `http://localhost:${proxy.address().port}${target.pathname}`;

const cli = path.join(path.dirname(fileURLToPath(import.meta.url)),
  "node_modules/@modelcontextprotocol/conformance/dist/index.js");
const failed = [];
for (const scenario of SCENARIOS) {
  // Asynchronous, so that the proxy in this process keeps serving while the suite runs.
  const code = await new Promise((resolve) => {
    spawn(process.execPath, [cli, "server", "--url", url, "--scenario", scenario], { stdio: "inherit" })
      .on("exit", resolve);
  });
  console.log(`conformance ${scenario}: ${code === 0 ? "passed" : "FAILED"}`);
  if (code !== 0) {
    failed.push(scenario);
  }
}
proxy.close();
console.log(`${SCENARIOS.length - failed.length} passed, ${failed.length} failed`);
process.exit(failed.length === 0 ? 0 : 1);
