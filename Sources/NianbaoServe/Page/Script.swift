/// The page's script, served from the binary: uploads with progress (one request per file, a
/// few at a time), the report page's cell details and finding highlights. No framework.
enum Script {
    static let js = #"""
    "use strict";
    const token = () => document.querySelector('meta[name="nianbao-token"]').content;

    // ---- upload page ----
    function setupUpload() {
      const drop = document.getElementById("drop");
      if (!drop) return;
      const input = document.getElementById("files");
      const rows = document.getElementById("rows");
      const bar = document.getElementById("bar"), text = document.getElementById("progress-text");
      const progress = document.getElementById("progress");
      let total = 0, sent = 0, done = 0, count = 0;
      const queue = [];
      let running = 0;
      const PARALLEL = 3;

      function show() {
        progress.hidden = false;
        bar.style.width = (total ? Math.round(100 * sent / total) : 0) + "%";
        text.textContent = "已读取 " + done + " / " + count + " 个文件";
      }
      // When the first and the last row of a drop came, for the tests' timing (window.nianbaoTiming).
      const timing = window.nianbaoTiming = { start: 0, first: 0, last: 0 };
      function addRows(html) {
        timing.first = timing.first || performance.now();
        timing.last = performance.now();
        rows.insertAdjacentHTML("beforeend", html);
        document.getElementById("empty").hidden = true;
      }
      function failRow(name, message) {
        const tr = document.createElement("tr");
        tr.className = "failed";
        const a = document.createElement("td"); a.textContent = name;
        const b = document.createElement("td"); b.colSpan = 5; b.textContent = "未读取";
        const c = document.createElement("td"); c.className = "message"; c.textContent = message;
        tr.append(a, b, c); rows.append(tr);
        document.getElementById("empty").hidden = true;
      }
      function next() {
        while (running < PARALLEL && queue.length) {
          const file = queue.shift();
          running++;
          let last = 0;
          const xhr = new XMLHttpRequest();
          xhr.open("POST", "/upload");
          xhr.setRequestHeader("X-Nianbao-Token", token());
          xhr.setRequestHeader("X-Nianbao-Name", encodeURIComponent(file.name));
          xhr.setRequestHeader("Content-Type", "application/octet-stream");
          xhr.upload.onprogress = (e) => { sent += e.loaded - last; last = e.loaded; show(); };
          xhr.onload = () => {
            sent += file.size - last; last = file.size;
            let reply = null;
            try { reply = JSON.parse(xhr.responseText); } catch (e) {}
            if (xhr.status === 200 && reply) addRows(reply.html);
            else failRow(file.name, (reply && reply.message) || ("服务器返回 " + xhr.status));
            finish();
          };
          xhr.onerror = () => { failRow(file.name, "上传失败（连接中断）"); finish(); };
          xhr.send(file);
        }
      }
      function finish() { running--; done++; show(); next(); }
      function add(files) {
        if (!running && !queue.length) { timing.start = performance.now(); timing.first = 0; }
        for (const f of files) { queue.push(f); total += f.size; count++; }
        show(); next();
      }
      input.addEventListener("change", () => { add(input.files); input.value = ""; });
      drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
      drop.addEventListener("dragleave", () => drop.classList.remove("over"));
      drop.addEventListener("drop", (e) => { e.preventDefault(); drop.classList.remove("over"); add(e.dataTransfer.files); });
      document.getElementById("clear").addEventListener("click", () => {
        fetch("/clear", { method: "POST", headers: { "X-Nianbao-Token": token() } }).then(() => location.reload());
      });
    }

    // ---- report page ----
    function setupReport() {
      const info = document.getElementById("cell-info");
      if (!info) return;
      const cells = document.querySelectorAll("td.cell");
      function clear() { document.querySelectorAll(".highlight").forEach((c) => c.classList.remove("highlight")); }
      cells.forEach((td) => td.addEventListener("click", () => {
        clear(); td.classList.add("highlight");
        info.textContent = td.title;
      }));
      document.querySelectorAll(".findings li").forEach((li) => li.addEventListener("click", () => {
        clear();
        const keys = (li.dataset.keys || "").split(" ").filter(Boolean);
        let first = null;
        keys.forEach((k) => {
          const td = document.querySelector('td.cell[data-key="' + k + '"]');
          if (td) { td.classList.add("highlight"); first = first || td; }
        });
        if (first) first.scrollIntoView({ block: "center", behavior: "smooth" });
        info.textContent = li.dataset.detail || "";
      }));
    }

    document.addEventListener("DOMContentLoaded", () => { setupUpload(); setupReport(); });
    """#
}
