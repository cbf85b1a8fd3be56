/* casedesk documents: uploading with drag and drop, folders and a progress bar per file;
 * ticking documents for bulk actions; printing. Every page works without this script (the
 * forms post normally); it only makes them quicker to use.
 */
(function () {
  "use strict";

  var SYSTEM_FILES = ["thumbs.db", "desktop.ini"];
  var PARALLEL = 1; // one file at a time: the database files them one by one anyway

  function formatSize(bytes) {
    if (bytes >= 1073741824) return (bytes / 1073741824).toFixed(1) + " GB";
    if (bytes >= 1048576) return (bytes / 1048576).toFixed(1) + " MB";
    if (bytes >= 1024) return Math.round(bytes / 1024) + " KB";
    return bytes + " bytes";
  }

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }

  function isSystemFile(name) {
    var lower = name.toLowerCase();
    return lower.charAt(0) === "." || SYSTEM_FILES.indexOf(lower) !== -1;
  }

  function parseFragment(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    return template.content.querySelector("[data-upload-result]");
  }

  // --- the upload panel of a case file --------------------------------------------------------

  function setupUpload(form) {
    form.classList.add("has-js");
    var zone = form.querySelector("[data-drop-zone]");
    var queueEl = form.querySelector("[data-upload-queue]");
    var statusEl = form.querySelector("[data-upload-status]");
    var submit = form.querySelector("[data-upload-submit]");
    var maxBytes = Number(form.getAttribute("data-max-bytes") || 0);
    var maxText = form.getAttribute("data-max-text") || "";
    var queue = [];
    var busy = false;
    var finished = false;
    var skipped = 0;

    function csrf() {
      var input = form.querySelector("input[name=csrfmiddlewaretoken]");
      return input ? input.value : "";
    }

    function say(text) {
      statusEl.textContent = text;
    }

    function ready() {
      return queue.filter(function (item) { return item.state === "ready"; });
    }

    function updateStatus() {
      var n = ready().length;
      var text = n ? plural(n, "file", "files") + " ready to upload." : "";
      if (skipped) text += " Skipped " + plural(skipped, "system file", "system files") + ".";
      say(text);
      submit.textContent = n ? "Upload and file " + plural(n, "file", "files") : "Upload and file";
    }

    function clearFinished() {
      if (!finished) return;
      queue = queue.filter(function (item) {
        if (item.state === "ready") return true;
        item.li.remove();
        return false;
      });
      finished = false;
      skipped = 0;
    }

    function showResult(item, node, state) {
      item.state = state;
      item.li.classList.add(state === "done" ? "is-done" : "is-refused");
      var slot = item.li.querySelector(".uq-result");
      slot.textContent = "";
      slot.appendChild(node);
      if (item.remove) item.remove.remove();
    }

    function refuse(item, text) {
      var p = document.createElement("p");
      p.className = "upload-refused";
      var strong = document.createElement("strong");
      strong.textContent = "Not filed: ";
      p.appendChild(strong);
      p.appendChild(document.createTextNode(text));
      item.bar.hidden = true;
      showResult(item, p, "refused");
    }

    function add(file, path) {
      clearFinished();
      var rel = (path || file.name).replace(/^\/+/, "");
      var li = document.createElement("li");
      var name = document.createElement("span");
      name.className = "uq-name";
      name.setAttribute("dir", "ltr");
      var slash = rel.lastIndexOf("/");
      if (slash > 0) {
        var folder = document.createElement("span");
        folder.className = "uq-folder";
        folder.textContent = rel.slice(0, slash + 1);
        name.appendChild(folder);
      }
      name.appendChild(document.createTextNode(rel.slice(slash + 1)));
      var size = document.createElement("span");
      size.className = "uq-size";
      size.textContent = formatSize(file.size);
      var remove = document.createElement("button");
      remove.type = "button";
      remove.className = "uq-remove";
      remove.textContent = "Remove";
      remove.setAttribute("aria-label", "Remove " + rel + " from the list");
      var bar = document.createElement("progress");
      bar.className = "uq-bar";
      bar.max = 100;
      bar.value = 0;
      bar.setAttribute("aria-label", "Upload of " + rel);
      var result = document.createElement("div");
      result.className = "uq-result";
      var right = document.createElement("span");
      right.appendChild(size);
      right.appendChild(document.createTextNode(" "));
      right.appendChild(remove);
      li.appendChild(name);
      li.appendChild(right);
      li.appendChild(bar);
      li.appendChild(result);
      queueEl.appendChild(li);
      var item = { file: file, path: rel, li: li, bar: bar, remove: remove, state: "ready" };
      remove.addEventListener("click", function () {
        queue.splice(queue.indexOf(item), 1);
        li.remove();
        updateStatus();
      });
      queue.push(item);
      if (maxBytes && file.size > maxBytes) {
        refuse(item, rel + " is larger than the upload limit of " + maxText + "; it was not filed.");
      }
      updateStatus();
    }

    function addFromList(files) {
      for (var i = 0; i < files.length; i++) {
        var f = files[i];
        var rel = f.webkitRelativePath || f.name;
        if (rel.indexOf("/") !== -1 && isSystemFile(f.name)) {
          skipped += 1;
          continue;
        }
        add(f, rel);
      }
      updateStatus();
    }

    // Choose files / Choose a folder
    form.querySelectorAll("input[type=file][data-pick]").forEach(function (input) {
      input.addEventListener("change", function () {
        addFromList(input.files);
        input.value = "";
      });
    });

    // Drag and drop, folders included (walked with the File and Directory Entries API).
    function readAll(reader) {
      return new Promise(function (resolve) {
        var all = [];
        function next() {
          reader.readEntries(function (batch) {
            if (!batch.length) return resolve(all);
            all = all.concat(Array.prototype.slice.call(batch));
            next();
          }, function () { resolve(all); });
        }
        next();
      });
    }

    function walk(entry, file) {
      if (entry.isFile) {
        if (isSystemFile(entry.name) && entry.fullPath.split("/").length > 2) {
          skipped += 1;
          return Promise.resolve();
        }
        if (file) {
          add(file, entry.fullPath);
          return Promise.resolve();
        }
        return new Promise(function (resolve) {
          entry.file(function (f) { add(f, entry.fullPath); resolve(); }, function () { resolve(); });
        });
      }
      if (entry.isDirectory) {
        return readAll(entry.createReader()).then(function (children) {
          return children.reduce(function (chain, child) {
            return chain.then(function () { return walk(child, null); });
          }, Promise.resolve());
        });
      }
      return Promise.resolve();
    }

    zone.addEventListener("dragover", function (e) {
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = "copy";
      zone.classList.add("is-over");
    });
    ["dragleave", "dragend"].forEach(function (type) {
      zone.addEventListener(type, function () { zone.classList.remove("is-over"); });
    });
    zone.addEventListener("drop", function (e) {
      e.preventDefault();
      zone.classList.remove("is-over");
      var dt = e.dataTransfer;
      if (!dt || busy) return;
      // Entries must be taken now: the drop's data is gone once this handler returns.
      var pairs = [];
      var items = dt.items || [];
      for (var i = 0; i < items.length; i++) {
        if (items[i].kind !== "file") continue;
        var entry = typeof items[i].webkitGetAsEntry === "function" ? items[i].webkitGetAsEntry() : null;
        var file = items[i].getAsFile();
        if (entry) pairs.push([entry, file]);
        else if (file) add(file, file.name);
      }
      if (!items.length && dt.files) addFromList(dt.files);
      pairs.reduce(function (chain, pair) {
        return chain.then(function () { return walk(pair[0], pair[0].isFile ? pair[1] : null); });
      }, Promise.resolve()).then(updateStatus);
    });

    function fields() {
      var data = [];
      Array.prototype.forEach.call(form.elements, function (el) {
        if (!el.name || el.disabled || el.type === "file" || el.name === "csrfmiddlewaretoken") return;
        if ((el.type === "checkbox" || el.type === "radio") && !el.checked) return;
        data.push([el.name, el.value]);
      });
      return data;
    }

    function uploadOne(item, details) {
      return new Promise(function (resolve) {
        var data = new FormData();
        data.append("csrfmiddlewaretoken", csrf());
        details.forEach(function (pair) { data.append(pair[0], pair[1]); });
        data.append("paths", item.path);
        data.append("files", item.file, item.file.name);
        var xhr = new XMLHttpRequest();
        xhr.open("POST", form.action);
        xhr.setRequestHeader("X-Casedesk-Upload", "1");
        xhr.setRequestHeader("X-CSRFToken", csrf());
        xhr.upload.addEventListener("progress", function (e) {
          if (e.lengthComputable) item.bar.value = Math.round((e.loaded / e.total) * 100);
        });
        xhr.addEventListener("load", function () {
          item.bar.value = 100;
          item.bar.hidden = true;
          var node = parseFragment(xhr.responseText);
          if (!node) {
            refuse(item, "the server could not take this file (error " + xhr.status + "); nothing was filed. Try again, or tell your administrator.");
          } else {
            var filed = Number(node.getAttribute("data-filed") || 0);
            showResult(item, node, filed && xhr.status < 400 ? "done" : "refused");
            item.filed = filed;
            item.rejected = Number(node.getAttribute("data-rejected") || 0);
          }
          resolve();
        });
        xhr.addEventListener("error", function () {
          refuse(item, "the connection was lost during the upload; nothing was filed. Try again.");
          resolve();
        });
        item.state = "sending";
        if (item.remove) item.remove.remove();
        xhr.send(data);
      });
    }

    function refreshPage() {
      if (!window.htmx) {
        window.location.reload();
        return;
      }
      var table = document.getElementById("case-file-table");
      if (table) window.htmx.trigger(table, "refresh");
      if (document.getElementById("proposals-panel")) {
        window.htmx.ajax("GET", window.location.pathname + window.location.search, {
          target: "#proposals-panel",
          swap: "outerHTML",
        });
      }
    }

    form.addEventListener("submit", function (e) {
      e.preventDefault();
      if (busy) return;
      var todo = ready();
      if (!todo.length) {
        say("Choose files first, or drop them on the box above.");
        return;
      }
      busy = true;
      submit.disabled = true;
      var details = fields();
      var total = todo.length;
      var sent = 0;
      var next = 0;
      say("Uploading " + plural(total, "file", "files") + "…");
      function worker() {
        if (next >= todo.length) return Promise.resolve();
        var item = todo[next++];
        return uploadOne(item, details).then(function () {
          sent += 1;
          say("Uploaded " + sent + " of " + total + "…");
          return worker();
        });
      }
      var workers = [];
      for (var w = 0; w < PARALLEL; w++) workers.push(worker());
      Promise.all(workers).then(function () {
        var filed = 0;
        var refused = 0;
        queue.forEach(function (item) {
          filed += item.filed || 0;
          refused += item.rejected || 0;
          if (item.state === "refused" && !item.rejected) refused += 1;
        });
        var text = "Filed " + plural(filed, "document", "documents") + ".";
        if (refused) text += " " + plural(refused, "file was", "files were") + " not filed: see why above.";
        say(text);
        busy = false;
        finished = true;
        submit.disabled = false;
        submit.textContent = "Upload and file";
        refreshPage();
      });
    });
  }

  // --- a new version on the document page: refuse an oversized file before sending it ---------

  function setupVersionForm(form) {
    var max = Number(form.getAttribute("data-max-bytes") || 0);
    form.addEventListener("submit", function (e) {
      var input = form.querySelector("input[type=file]");
      var file = input && input.files && input.files[0];
      if (file && max && file.size > max) {
        e.preventDefault();
        window.alert(file.name + " is larger than the upload limit (" + formatSize(max) + "); it cannot be uploaded.");
      }
    });
  }

  // --- ticking documents for a bulk action -----------------------------------------------------

  function bulkSync() {
    var form = document.getElementById("bulk-form");
    if (!form) return;
    var ticks = document.querySelectorAll("input[data-row-check]");
    var n = 0;
    ticks.forEach(function (t) {
      if (t.checked) n += 1;
      var row = t.closest("tr");
      if (row) row.classList.toggle("is-ticked", t.checked);
    });
    var all = document.querySelector("input[data-check-all]");
    if (all) {
      all.checked = ticks.length > 0 && n === ticks.length;
      all.indeterminate = n > 0 && n < ticks.length;
    }
    var count = form.querySelector("[data-bulk-count]");
    if (count) count.textContent = n ? plural(n, "document", "documents") + " ticked:" : "Tick documents to change several at once.";
    var action = form.querySelector("[data-bulk-action]").value;
    form.querySelectorAll("[data-bulk-for]").forEach(function (el) {
      var wanted = el.getAttribute("data-bulk-for").split(" ");
      el.hidden = wanted.indexOf(action) === -1;
    });
  }

  document.addEventListener("change", function (e) {
    var t = e.target;
    if (t.matches && t.matches("input[data-check-all]")) {
      document.querySelectorAll("input[data-row-check]").forEach(function (box) { box.checked = t.checked; });
    }
    if (t.matches && (t.matches("input[data-check-all], input[data-row-check], [data-bulk-action]"))) bulkSync();
  });

  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (form.id !== "bulk-form") return;
    var action = form.querySelector("[data-bulk-action]").value;
    var n = document.querySelectorAll("input[data-row-check]:checked").length;
    if (action === "trash" && n && !window.confirm("Move " + plural(n, "document", "documents") + " to the trash?")) {
      e.preventDefault();
    }
  });

  document.addEventListener("click", function (e) {
    if (e.target.closest && e.target.closest("[data-print]")) window.print();
  });

  document.addEventListener("htmx:afterSwap", bulkSync);

  function init() {
    document.querySelectorAll("form[data-upload-form]").forEach(setupUpload);
    document.querySelectorAll("form[data-version-form]").forEach(setupVersionForm);
    bulkSync();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
