// The API playground (web/playground.py): builds a form for any /api/v1 operation from the
// service's own /openapi.json, sends it with the pasted key, and shows the answer.
// Plain JS loaded by <script src>: the page's CSP forbids inline scripts.
"use strict";

(function () {
  const KEY_STORAGE = "refleum.apiKey"; // sessionStorage only: never localStorage or cookies
  const POLL_EVERY_MS = 1500; // the dev org (Pro) allows 60 requests a minute
  const FOLLOW_FOR_MS = 2 * 60 * 1000;
  const SHOWN_HEADERS = [
    "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "Retry-After", "X-Request-ID",
  ];
  const ALLOWED_FILE = /\.(pdf|docx)$/i;
  const REASONS = {
    200: "OK", 201: "Created", 202: "Accepted", 204: "No Content", 400: "Bad Request",
    401: "Unauthorized", 402: "Payment Required", 403: "Forbidden", 404: "Not Found",
    405: "Method Not Allowed", 409: "Conflict", 413: "Content Too Large",
    415: "Unsupported Media Type", 422: "Unprocessable Content", 429: "Too Many Requests",
    500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable",
  };

  const $ = (id) => document.getElementById(id);
  // The schema's descriptions are Markdown: show `code` spans as <code>, the rest as text.
  const describe = (el, text) => {
    el.replaceChildren(...(text || "").split("`").map((part, i) => {
      if (i % 2 === 0) return document.createTextNode(part);
      const code = document.createElement("code");
      code.textContent = part;
      return code;
    }));
  };
  const form = $("playground");
  const maxUpload = Number(form.dataset.maxUploadBytes);
  const maxUploadLabel = form.dataset.maxUploadLabel;
  let spec = null;
  let operations = new Map(); // "METHOD path" -> {method, path, op}
  let downloadUrl = null;
  let follow = null; // the running parse follower, if any
  let sent = 0; // requests sent from the form: a finished parse shows its resume only if no later one was

  // ---- the key -------------------------------------------------------------------------
  const keyInput = $("api-key");
  keyInput.value = sessionStorage.getItem(KEY_STORAGE) || "";
  keyInput.addEventListener("input", () => {
    const key = keyInput.value.trim();
    if (key) sessionStorage.setItem(KEY_STORAGE, key);
    else sessionStorage.removeItem(KEY_STORAGE);
  });

  // ---- the API description -------------------------------------------------------------
  function resolve(schema) {
    let s = schema || {};
    for (let i = 0; i < 20 && s.$ref; i++) {
      s = s.$ref.replace(/^#\//, "").split("/").reduce((node, part) => (node || {})[part], spec) || {};
    }
    return s;
  }

  function skeleton(schema, depth) {
    const s = resolve(schema);
    if (depth > 6) return null;
    if (s.example !== undefined) return s.example;
    if (Array.isArray(s.examples) && s.examples.length) return s.examples[0];
    if (s.default !== undefined) return s.default;
    const variants = s.allOf || s.anyOf || s.oneOf;
    if (variants) {
      const first = variants.map(resolve).find((v) => v.type !== "null") || {};
      return skeleton(first, depth + 1);
    }
    if (Array.isArray(s.enum) && s.enum.length) return s.enum[0];
    const type = Array.isArray(s.type) ? s.type.find((t) => t !== "null") : s.type;
    if (type === "object" || s.properties) {
      const out = {};
      for (const name of s.required || []) out[name] = skeleton((s.properties || {})[name], depth + 1);
      return out;
    }
    if (type === "array") return [];
    if (type === "integer" || type === "number") return 0;
    if (type === "boolean") return false;
    if (type === "string") return "";
    return null;
  }

  function bodyExample(media) {
    if (media.example !== undefined) return media.example;
    if (media.examples) {
      const first = Object.values(media.examples)[0];
      if (first && first.value !== undefined) return first.value;
    }
    return skeleton(media.schema, 0);
  }

  async function loadSpec() {
    const select = $("operation");
    try {
      const response = await fetch("/openapi.json", { headers: { Accept: "application/json" } });
      if (!response.ok) throw new Error(`${response.status} ${reason(response)}`);
      spec = await response.json();
    } catch (err) {
      select.options[0].textContent = "Could not load the API description";
      showError("request-error", `Could not load /openapi.json: ${err.message}`);
      return;
    }
    select.textContent = "";
    for (const [path, item] of Object.entries(spec.paths || {})) {
      if (!path.startsWith("/api/v1")) continue;
      for (const method of ["get", "post", "put", "patch", "delete"]) {
        const op = item[method];
        if (!op) continue;
        const value = `${method.toUpperCase()} ${path}`;
        const params = [...(item.parameters || []), ...(op.parameters || [])].map(resolve);
        operations.set(value, { method: method.toUpperCase(), path, op, params });
        const option = document.createElement("option");
        option.value = value;
        option.textContent = `${value} — ${op.summary || op.operationId || ""}`;
        select.appendChild(option);
      }
    }
    select.addEventListener("change", showOperation);
    showOperation();
  }

  // ---- the form for one operation -------------------------------------------------------
  function current() {
    return operations.get($("operation").value);
  }

  function requestMedia(op) {
    const content = (op.requestBody && op.requestBody.content) || {};
    if (content["multipart/form-data"]) return { kind: "multipart", media: content["multipart/form-data"] };
    if (content["application/json"]) return { kind: "json", media: content["application/json"] };
    return { kind: "none" };
  }

  function showOperation() {
    const chosen = current();
    hide("request-error");
    if (!chosen) return;
    describe($("operation-description"), chosen.op.description);
    const fields = $("param-fields");
    fields.textContent = "";
    const shown = chosen.params.filter((p) => p.in === "path" || p.in === "query");
    for (const param of shown) fields.appendChild(paramField(param));
    $("params").hidden = shown.length === 0;
    const body = requestMedia(chosen.op);
    $("body-section").hidden = body.kind !== "json";
    $("upload-section").hidden = body.kind !== "multipart";
    if (body.kind === "json") {
      $("body").value = JSON.stringify(bodyExample(body.media), null, 2);
    }
    updateSnippets();
  }

  function paramField(param) {
    const schema = resolve(param.schema);
    const wrap = document.createElement("div");
    const id = `param-${param.name}`;
    const label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = `${param.name} (${param.in}${param.required ? ", required" : ""})`;
    let input;
    const choices = schema.enum || (resolve((schema.anyOf || [])[0]).enum);
    if (choices) {
      input = document.createElement("select");
      if (!param.required) input.appendChild(new Option("(not sent)", ""));
      for (const choice of choices) input.appendChild(new Option(String(choice), String(choice)));
    } else if (schema.type === "boolean") {
      input = document.createElement("select");
      for (const choice of ["", "true", "false"]) {
        input.appendChild(new Option(choice || "(not sent)", choice));
      }
    } else {
      input = document.createElement("input");
      input.type = "text";
      input.spellcheck = false;
      if (schema.default !== undefined && schema.default !== null) {
        input.placeholder = `default: ${schema.default}`;
      }
    }
    input.id = id;
    input.name = param.name;
    input.dataset.in = param.in;
    if (param.required) input.required = true;
    if (param.description) {
      const hint = document.createElement("p");
      hint.className = "hint";
      hint.id = `${id}-hint`;
      describe(hint, param.description);
      input.setAttribute("aria-describedby", hint.id);
      wrap.append(label, input, hint);
    } else {
      wrap.append(label, input);
    }
    input.addEventListener("input", updateSnippets);
    return wrap;
  }

  // ---- building the request --------------------------------------------------------------
  // Returns {method, url, json?, multipart?} or throws an Error whose message is shown.
  function buildRequest(forSnippet) {
    const chosen = current();
    if (!chosen) throw new Error("Choose an operation first.");
    let path = chosen.path;
    const query = new URLSearchParams();
    for (const input of $("param-fields").querySelectorAll("input, select")) {
      const value = input.value.trim();
      if (input.dataset.in === "path") {
        if (!value && !forSnippet) throw new Error(`Fill in the path parameter "${input.name}".`);
        path = path.replace(`{${input.name}}`, value ? encodeURIComponent(value) : `{${input.name}}`);
      } else if (value) {
        query.append(input.name, value);
      }
    }
    const qs = query.toString();
    const request = { method: chosen.method, url: location.origin + path + (qs ? `?${qs}` : "") };
    const body = requestMedia(chosen.op);
    if (body.kind === "json") {
      const text = $("body").value.trim();
      if (text) {
        try {
          request.json = JSON.parse(text);
        } catch (err) {
          if (!forSnippet) throw new Error(`The request body is not valid JSON: ${err.message}`);
          request.jsonText = text;
        }
      }
    } else if (body.kind === "multipart") {
      const file = $("file").files[0];
      if (!forSnippet) checkFile(file);
      request.multipart = { file, setAsMaster: $("set_as_master").checked };
    }
    return request;
  }

  function checkFile(file) {
    if (!file) throw new Error("Choose a resume file (PDF or DOCX) first.");
    if (!ALLOWED_FILE.test(file.name)) {
      throw new Error(`"${file.name}" is not a PDF or DOCX file: only .pdf and .docx can be uploaded.`);
    }
    if (file.size > maxUpload) {
      throw new Error(`"${file.name}" is ${(file.size / 1048576).toFixed(1)} MB: the limit is ${maxUploadLabel}.`);
    }
  }

  // ---- code samples (the key is never in them) -------------------------------------------
  function shellQuote(text) {
    return `'${String(text).replace(/'/g, `'\\''`)}'`;
  }

  function pyLiteral(value, indent) {
    const pad = "    ".repeat(indent + 1);
    const end = "    ".repeat(indent);
    if (value === null || value === undefined) return "None";
    if (value === true) return "True";
    if (value === false) return "False";
    if (typeof value === "number" || typeof value === "string") return JSON.stringify(value);
    if (Array.isArray(value)) {
      if (!value.length) return "[]";
      return `[\n${value.map((v) => pad + pyLiteral(v, indent + 1)).join(",\n")},\n${end}]`;
    }
    const entries = Object.entries(value);
    if (!entries.length) return "{}";
    const lines = entries.map(([k, v]) => `${pad}${JSON.stringify(k)}: ${pyLiteral(v, indent + 1)}`);
    return `{\n${lines.join(",\n")},\n${end}}`;
  }

  function updateSnippets() {
    let request;
    try {
      request = buildRequest(true);
    } catch (err) {
      $("as-curl").textContent = "";
      $("as-python").textContent = "";
      return;
    }
    const curl = [`curl -X ${request.method} ${shellQuote(request.url)}`,
      `-H "Authorization: Bearer $REFLEUM_API_KEY"`];
    const py = ["import os", "", "import httpx", "", `response = httpx.${request.method.toLowerCase()}(`,
      `    ${JSON.stringify(request.url)},`,
      `    headers={"Authorization": f"Bearer {os.environ['REFLEUM_API_KEY']}"},`];
    if (request.json !== undefined || request.jsonText !== undefined) {
      const text = request.json !== undefined ? JSON.stringify(request.json) : request.jsonText;
      curl.push(`-H 'Content-Type: application/json'`, `-d ${shellQuote(text)}`);
      py.push(request.json !== undefined ? `    json=${pyLiteral(request.json, 1)},` : `    content=${JSON.stringify(text)},`);
    }
    if (request.multipart) {
      const name = request.multipart.file ? request.multipart.file.name : "resume.pdf";
      const flag = request.multipart.setAsMaster ? "true" : "false";
      curl.push(`-F ${shellQuote(`file=@${name}`)}`, `-F set_as_master=${flag}`);
      py.splice(1, 0, "from pathlib import Path");
      py.push(`    files={"file": (${JSON.stringify(name)}, Path(${JSON.stringify(name)}).read_bytes())},`,
        `    data={"set_as_master": "${flag}"},`);
    }
    py.push("    timeout=120,", ")", "print(response.status_code)", "print(response.text)");
    $("as-curl").textContent = curl.join(" \\\n  ");
    $("as-python").textContent = py.join("\n");
  }

  // ---- sending and showing ---------------------------------------------------------------
  function authHeaders() {
    const key = keyInput.value.trim();
    return key ? { Authorization: `Bearer ${key}` } : {};
  }

  function reason(response) {
    return response.statusText || REASONS[response.status] || "";
  }

  async function send(event) {
    event.preventDefault();
    hide("request-error");
    let request;
    try {
      request = buildRequest(false);
    } catch (err) {
      showError("request-error", err.message);
      return;
    }
    updateSnippets();
    sent += 1;
    const init = { method: request.method, headers: { ...authHeaders(), Accept: "application/json, */*" } };
    if (request.json !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(request.json);
    } else if (request.multipart) {
      const data = new FormData();
      data.append("file", request.multipart.file);
      data.append("set_as_master", request.multipart.setAsMaster ? "true" : "false");
      init.body = data;
    }
    const button = $("send");
    button.disabled = true;
    $("response-status").textContent = "Sending…";
    try {
      const response = await fetch(request.url, init);
      const payload = await showResponse(response);
      if (request.multipart && response.status === 201 && payload && payload.data &&
          payload.data.status === "PROCESSING" && $("follow-parse").checked) {
        followParse(payload.data.resume_id);
      }
    } catch (err) {
      $("response-status").textContent = "No response";
      showError("response-error", `The request failed: ${err.message}`);
    } finally {
      button.disabled = false;
    }
  }

  async function showResponse(response) {
    $("response-status").textContent = `${response.status} ${reason(response)}`.trim();
    hide("response-error");
    const headers = $("response-headers");
    headers.textContent = "";
    for (const name of SHOWN_HEADERS) {
      const value = response.headers.get(name);
      if (value === null) continue;
      const dt = document.createElement("dt");
      dt.textContent = name;
      const dd = document.createElement("dd");
      dd.textContent = value;
      headers.append(dt, dd);
    }
    const link = $("download");
    link.hidden = true;
    if (downloadUrl) URL.revokeObjectURL(downloadUrl);
    downloadUrl = null;
    const type = (response.headers.get("Content-Type") || "").split(";")[0].trim();
    const out = $("response-body");
    if (type === "application/json" || type.endsWith("+json")) {
      const payload = await response.json();
      out.textContent = JSON.stringify(payload, null, 2);
      if (!response.ok && payload && payload.error) {
        showError("response-error", `${payload.error}: ${payload.detail || ""}`);
      }
      return payload;
    }
    if (type.startsWith("text/")) {
      out.textContent = await response.text();
      return null;
    }
    const blob = await response.blob();
    downloadUrl = URL.createObjectURL(blob);
    link.href = downloadUrl;
    link.download = filenameOf(response) || "download";
    link.textContent = `Download ${link.download}`;
    link.hidden = false;
    out.textContent = `Binary response: ${type || "unknown type"}, ${blob.size.toLocaleString()} bytes.`;
    return null;
  }

  function filenameOf(response) {
    const disposition = response.headers.get("Content-Disposition") || "";
    const match = /filename="?([^";]+)"?/i.exec(disposition);
    return match ? match[1] : null;
  }

  // ---- following a parse -----------------------------------------------------------------
  function followParse(resumeId) {
    if (follow) follow.stop();
    const line = $("parse-line");
    const status = $("parse-status");
    const started = Date.now();
    const sentAtUpload = sent;
    let timer = null;
    let stopped = false;
    line.hidden = false;
    status.textContent = "PROCESSING";
    const stop = () => { stopped = true; clearTimeout(timer); };
    follow = { stop };

    const poll = async () => {
      if (stopped) return;
      if (Date.now() - started > FOLLOW_FOR_MS) {
        status.textContent += " (stopped following after 2 minutes)";
        return;
      }
      let wait = POLL_EVERY_MS;
      try {
        const response = await fetch(`/api/v1/resumes/${encodeURIComponent(resumeId)}`, {
          headers: { ...authHeaders(), Accept: "application/json" },
        });
        if (stopped) return;
        if (response.status === 429) {
          const retry = Number(response.headers.get("Retry-After"));
          wait = Math.max(POLL_EVERY_MS, (Number.isFinite(retry) ? retry : 1) * 1000);
          status.textContent = `PROCESSING (rate limited: next check in ${Math.ceil(wait / 1000)} s)`;
        } else if (!response.ok) {
          const payload = await response.json().catch(() => ({}));
          status.textContent = `stopped: ${response.status} ${payload.error || reason(response)}`;
          stop();
          return;
        } else {
          const payload = await response.json();
          const current = payload.data.status;
          status.textContent = current;
          if (current !== "PROCESSING") {
            if (sent === sentAtUpload) $("response-body").textContent = JSON.stringify(payload, null, 2);
            stop();
            return;
          }
        }
      } catch (err) {
        status.textContent = `stopped: ${err.message}`;
        stop();
        return;
      }
      timer = setTimeout(poll, wait);
    };
    timer = setTimeout(poll, POLL_EVERY_MS);
  }

  // ---- small helpers and wiring ----------------------------------------------------------
  function showError(id, text) {
    const el = $(id);
    el.textContent = text;
    el.hidden = false;
  }

  function hide(id) {
    $(id).hidden = true;
  }

  const dropzone = $("dropzone");
  dropzone.addEventListener("dragover", (event) => {
    event.preventDefault();
    dropzone.classList.add("over");
  });
  dropzone.addEventListener("dragleave", () => dropzone.classList.remove("over"));
  dropzone.addEventListener("drop", (event) => {
    event.preventDefault();
    dropzone.classList.remove("over");
    if (event.dataTransfer && event.dataTransfer.files.length) {
      $("file").files = event.dataTransfer.files;
      $("file").dispatchEvent(new Event("change"));
    }
  });
  $("file").addEventListener("change", () => {
    hide("request-error");
    const file = $("file").files[0];
    try {
      if (file) checkFile(file);
    } catch (err) {
      showError("request-error", err.message);
    }
    updateSnippets();
  });
  $("set_as_master").addEventListener("change", updateSnippets);
  $("body").addEventListener("input", updateSnippets);
  form.addEventListener("submit", send);
  loadSpec();
})();
